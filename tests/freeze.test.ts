/**
 * Freezing a session, enforced by the real server: while the facilitator's control document
 * says `frozen`, a participant's change to the board is dropped (the connection stays), the
 * facilitator can still write, and it holds across a server restart with no control room open.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOARD, CONTROL } from '../src/lib/schema.ts';
import { connect, createSession, join, startServer, synced, until, type Client, type CreatedSession, type RunningServer } from './helpers.ts';

let server: RunningServer;
let session: CreatedSession;
let participant: { sessionId: string; participantId: string; token: string };
const clients: Client[] = [];

function open(docName: 'board' | 'control', token: string): Client {
	const c = connect(server.origin, session.id, docName, token);
	clients.push(c);
	return c;
}

async function barrier(writer: Client, observer: Client, marker: string) {
	writer.provider.awareness.setLocalStateField('step', marker);
	await until(() => observer.provider.awareness.getStates().get(writer.doc.clientID)?.step === marker, 5000, `awareness ${marker}`);
}

async function freeze(on: boolean) {
	const control = open('control', session.facilitatorToken);
	await synced(control);
	control.doc.getMap(CONTROL.settings).set('frozen', on);
	// Another control client seeing it means the server has applied it.
	const check = open('control', session.projectorToken);
	await synced(check);
	await until(() => check.doc.getMap(CONTROL.settings).get('frozen') === on, 5000, `frozen=${on}`);
	control.destroy();
	check.destroy();
}

beforeAll(async () => {
	server = await startServer();
	session = await createSession(server.origin, 'Atelier figé');
	participant = await join(server.origin, session.joinCode, 'Pat');
});

afterAll(async () => {
	for (const c of clients) c.destroy();
	await server?.stop();
	if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

describe('a frozen session', () => {
	it('drops a participant’s board change, keeps their connection, and lets the facilitator write', async () => {
		const facilitator = open('board', session.facilitatorToken);
		const phone = open('board', participant.token);
		await Promise.all([synced(facilitator), synced(phone)]);
		phone.doc.getMap(BOARD.contributions).set('before', 'accepted');
		await until(() => facilitator.doc.getMap(BOARD.contributions).has('before'), 5000, 'before freeze');

		await freeze(true);
		phone.doc.getMap(BOARD.contributions).set('during', 'dropped');
		await barrier(phone, facilitator, 'after-frozen-write');
		facilitator.doc.getMap(BOARD.contributions).set('facilitator', 'still writes');
		await until(() => phone.doc.getMap(BOARD.contributions).has('facilitator'), 5000, 'phone reads');

		const fresh = open('board', session.projectorToken);
		await synced(fresh);
		await until(() => fresh.doc.getMap(BOARD.contributions).has('facilitator'), 5000, 'fresh sees facilitator');
		expect(fresh.doc.getMap(BOARD.contributions).has('during')).toBe(false);
		expect(facilitator.doc.getMap(BOARD.contributions).has('during')).toBe(false);
		expect(phone.provider.wsconnected).toBe(true);

		// Unfrozen: the phone writes again.
		await freeze(false);
		phone.doc.getMap(BOARD.contributions).set('after', 'accepted');
		await until(() => facilitator.doc.getMap(BOARD.contributions).has('after'), 5000, 'after unfreeze');
		for (const c of [facilitator, phone, fresh]) c.destroy();
	});

	it('stays frozen across a restart, before any control room is open', async () => {
		await freeze(true);
		await server.stop();
		server = await startServer({ dataDir: server.dataDir });
		// Only board connections: the server learns the freeze from the stored control document.
		const phone = open('board', participant.token);
		const facilitator = open('board', session.facilitatorToken);
		await Promise.all([synced(phone), synced(facilitator)]);
		phone.doc.getMap(BOARD.contributions).set('after-restart', 'dropped');
		await barrier(phone, facilitator, 'after-restart-write');
		facilitator.doc.getMap(BOARD.contributions).set('marker', 'ok');
		const fresh = open('board', session.projectorToken);
		await synced(fresh);
		await until(() => fresh.doc.getMap(BOARD.contributions).has('marker'), 5000, 'fresh sees marker');
		expect(fresh.doc.getMap(BOARD.contributions).has('after-restart')).toBe(false);
	});
});
