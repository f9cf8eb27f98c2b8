import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** Liveness and load: rooms in memory and open sync connections (no session ids, no secrets). */
export const GET: RequestHandler = ({ locals }) => {
	const { rooms } = locals.agora.sync;
	return json({ ok: true, storage: 'sqlite', rooms: rooms.size, connections: rooms.connections });
};
