import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/**
 * Liveness and load: whether storage answers (and how fast), rooms in memory and open sync
 * connections; no session ids, no secrets. 503 when storage does not answer, so that a load
 * balancer stops sending people to this process.
 */
export const GET: RequestHandler = async ({ locals }) => {
	const { rooms, storage } = { rooms: locals.agora.sync.rooms, storage: locals.agora.storage };
	const started = performance.now();
	const answered = await Promise.race([
		storage.ping().then(
			() => true,
			() => false
		),
		new Promise<false>((resolve) => setTimeout(() => resolve(false), 2000))
	]);
	const ms = Math.round((performance.now() - started) * 10) / 10;
	return json(
		{ ok: answered, storage: { kind: storage.kind, ok: answered, ms }, rooms: rooms.size, connections: rooms.connections },
		{ status: answered ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
