import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD } from '../src/lib/schema.ts';
import { connect, createSession, join, startServer, synced, until, type RunningServer } from './helpers.ts';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer({ env: { ROOM_IDLE_MS: '300' } });
});
afterAll(async () => {
	await server.stop();
});

const health = async () => (await (await fetch(`${server.origin}/api/health`)).json()) as { rooms: number; connections: number };

describe('rooms', () => {
	it('leave memory after the last connection, and come back intact', async () => {
		const s = await createSession(server.origin);
		const p = await join(server.origin, s.joinCode);
		const a = connect(server.origin, s.id, 'board', p.token);
		await synced(a);
		a.doc.getMap(BOARD.participants).set(p.participantId, new Y.Map());
		const entry = a.doc.getMap(BOARD.participants).get(p.participantId) as Y.Map<unknown>;
		entry.set('name', 'Dominique');
		entry.set('joinedAt', 1);
		expect((await health()).rooms).toBeGreaterThanOrEqual(1);
		expect((await health()).connections).toBe(1);
		a.destroy();
		const deadline = Date.now() + 5000;
		while ((await health()).rooms > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
		expect(await health()).toMatchObject({ rooms: 0, connections: 0 });

		const b = connect(server.origin, s.id, 'board', p.token);
		await synced(b);
		await until(() => b.doc.getMap(BOARD.participants).has(p.participantId), 5000, 'roster reloaded');
		expect((b.doc.getMap(BOARD.participants).get(p.participantId) as Y.Map<unknown>).get('name')).toBe('Dominique');
		b.destroy();
	});

	it('buffer a phone’s first messages until the stored state has loaded', async () => {
		// Two phones connect at the same instant to an unloaded room: both must see the stored
		// content, and neither may push an empty state over it.
		const s = await createSession(server.origin);
		const p = await join(server.origin, s.joinCode);
		const seed = connect(server.origin, s.id, 'board', p.token);
		await synced(seed);
		for (let i = 0; i < 50; i++) seed.doc.getMap(BOARD.clusters).set(`k${i}`, i);
		seed.destroy();
		const deadline = Date.now() + 5000;
		while ((await health()).rooms > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
		const clients = Array.from({ length: 5 }, () => connect(server.origin, s.id, 'board', p.token));
		await Promise.all(clients.map((c) => synced(c)));
		for (const c of clients) expect(c.doc.getMap(BOARD.clusters).size).toBe(50);
		for (const c of clients) c.destroy();
	});
});
