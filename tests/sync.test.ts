import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD, CONTROL } from '../src/lib/schema.ts';
import { connect, createSession, join, startServer, synced, until, type RunningServer } from './helpers.ts';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	await server.stop();
});

describe('two phones in one session', () => {
	it('see each other’s contributions through the server', async () => {
		const s = await createSession(server.origin);
		const a = await join(server.origin, s.joinCode, 'Alice');
		const b = await join(server.origin, s.joinCode.toLowerCase(), 'Bob');
		expect(a.sessionId).toBe(s.id);
		expect(b.participantId).not.toBe(a.participantId);
		const phoneA = connect(server.origin, s.id, 'board', a.token);
		const phoneB = connect(server.origin, s.id, 'board', b.token);
		await Promise.all([synced(phoneA), synced(phoneB)]);

		const write = (doc: Y.Doc, id: string, need: string, text: string, authorId: string) => {
			const entry = new Y.Map<unknown>();
			doc.getMap(BOARD.contributions).set(id, entry);
			entry.set('need', need);
			entry.set('text', text);
			entry.set('authorId', authorId);
			entry.set('createdAt', Date.now());
		};
		write(phoneA.doc, 'c1', 'food', 'Une cantine bio', a.participantId);
		write(phoneB.doc, 'c2', 'health', 'Moins de sucre', b.participantId);
		await until(() => phoneB.doc.getMap(BOARD.contributions).has('c1'), 5000, 'B sees A');
		await until(() => phoneA.doc.getMap(BOARD.contributions).has('c2'), 5000, 'A sees B');
		expect((phoneB.doc.getMap(BOARD.contributions).get('c1') as Y.Map<unknown>).get('text')).toBe('Une cantine bio');

		// The control document holds the title written at creation.
		const control = connect(server.origin, s.id, 'control', a.token);
		await synced(control);
		expect(control.doc.getMap(CONTROL.session).get('title')).toBe('Atelier test');
		for (const c of [phoneA, phoneB, control]) c.destroy();
	});
});
