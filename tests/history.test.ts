/**
 * Looking back at the board, against the real server and its stored update log: the state at a
 * moment has what was there then and nothing written later; a moment before the session
 * existed, or not a number, gets a clear refusal; only the facilitator may look.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD } from '../src/lib/schema.ts';
import { connect, createSession, join, startServer, synced, until, type CreatedSession, type RunningServer } from './helpers.ts';

let server: RunningServer;
let session: CreatedSession;

beforeAll(async () => {
	server = await startServer();
	session = await createSession(server.origin, 'Atelier mémoire');
});

afterAll(async () => {
	await server?.stop();
	if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

const history = (query: string, token = session.facilitatorToken) =>
	fetch(`${server.origin}/api/sessions/${session.id}/history${query}`, { headers: { authorization: `Bearer ${token}`, 'accept-language': 'fr' } });

describe('history', () => {
	it('rebuilds the board as it was at a moment, from the stored log', async () => {
		const board = connect(server.origin, session.id, 'board', session.facilitatorToken);
		await synced(board);
		board.doc.getMap(BOARD.contributions).set('first', 'là avant');
		await new Promise((r) => setTimeout(r, 300));
		const between = Date.now();
		await new Promise((r) => setTimeout(r, 300));
		board.doc.getMap(BOARD.contributions).set('second', 'venue après');
		board.doc.getMap(BOARD.contributions).delete('first');
		// A fresh client seeing the change means the server has stored it.
		const check = connect(server.origin, session.id, 'board', session.facilitatorToken);
		await synced(check);
		await until(() => check.doc.getMap(BOARD.contributions).has('second'), 5000, 'stored');

		const span = await (await history('?doc=board')).json();
		expect(span.start).toBeLessThanOrEqual(between);
		expect(span.end).toBeGreaterThan(between);

		const res = await history(`?doc=board&at=${between}`);
		expect(res.status).toBe(200);
		const { state } = await res.json();
		const past = new Y.Doc();
		Y.applyUpdate(past, Buffer.from(state, 'base64'));
		expect(past.getMap(BOARD.contributions).get('first')).toBe('là avant');
		expect(past.getMap(BOARD.contributions).has('second')).toBe(false);
		board.destroy();
		check.destroy();
	});

	it('refuses a moment before the session, a moment that is not a number, and anyone but the facilitator', async () => {
		const early = await history(`?doc=board&at=${1000}`);
		expect(early.status).toBe(400);
		expect((await early.json()).message).toBe('Ce moment est antérieur à la création de la séance : il n’y a rien à montrer.');
		expect((await history('?doc=board&at=hier')).status).toBe(400);
		const participant = await join(server.origin, session.joinCode, 'Pat');
		expect((await history('?doc=board', participant.token)).status).toBe(403);
		expect((await history('?doc=board', 'forged-token-forged-token')).status).toBe(401);
	});
});
