import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** Whether `check` answers within 2 s, and how long it took (ms, one decimal). */
async function timed(check: () => Promise<void>): Promise<{ ok: boolean; ms: number }> {
	const started = performance.now();
	const ok = await Promise.race([
		check().then(
			() => true,
			() => false
		),
		new Promise<false>((resolve) => setTimeout(() => resolve(false), 2000))
	]);
	return { ok, ms: Math.round((performance.now() - started) * 10) / 10 };
}

/**
 * Liveness and load: whether storage and the relay between processes answer (and how fast),
 * rooms in memory, open sync connections and first syncs in flight; no session ids, no secrets. 503 when storage does
 * not answer, so that a load balancer stops sending people to this process. A relay that does
 * not answer is reported but keeps 200: the process still serves its own people, and its rooms
 * heal from storage when Redis is back (taking every process out would stop the whole day).
 */
export const GET: RequestHandler = async ({ locals }) => {
	const { sync, storage, relay } = locals.agora;
	const [stored, relayed] = await Promise.all([timed(() => storage.ping()), timed(() => relay.ping())]);
	return json(
		{
			ok: stored.ok,
			storage: { kind: storage.kind, ...stored },
			relay: { kind: relay.kind, ...relayed },
			rooms: sync.rooms.size,
			connections: sync.rooms.connections,
			// First sync answers on their way, waiting for the gate (INITIAL_SYNCS), and the most at once since start.
			syncs: { active: sync.rooms.gate.active, waiting: sync.rooms.gate.waiting, peak: sync.rooms.gate.peak }
		},
		{ status: stored.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
