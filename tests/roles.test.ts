/**
 * Who may write which document, enforced by the real server: `control` is the facilitator's,
 * the projector writes nothing, and a refused write is dropped without closing the connection.
 * The upgrade itself refuses missing, forged and foreign tokens before any socket exists.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD, CONTROL } from '../src/lib/schema.ts';
import {
	connect,
	createSession,
	join,
	startServer,
	synced,
	until,
	upgradeStatus,
	type Client,
	type CreatedSession,
	type RunningServer
} from './helpers.ts';
import { syncUrl } from './raw-client.ts';

let server: RunningServer;
let session: CreatedSession;
let other: CreatedSession;
let participant: { sessionId: string; participantId: string; token: string };
const clients: Client[] = [];

function open(docName: 'board' | 'control', token: string, sessionId = session.id): Client {
	const c = connect(server.origin, sessionId, docName, token);
	clients.push(c);
	return c;
}

/** Counts every time the provider loses its socket: a dropped write must not close it. */
function watchDisconnects(c: Client): { count: number } {
	const seen = { count: 0 };
	c.provider.on('connection-close', () => seen.count++);
	return seen;
}

/** Waits until `observer` sees the awareness state `marker` from `writer`. */
async function awarenessBarrier(writer: Client, observer: Client, marker: string) {
	writer.provider.awareness.setLocalStateField('step', marker);
	await until(
		() => observer.provider.awareness.getStates().get(writer.doc.clientID)?.step === marker,
		5000,
		`awareness ${marker}`
	);
}

beforeAll(async () => {
	server = await startServer();
	session = await createSession(server.origin, 'Atelier rôles');
	other = await createSession(server.origin, 'Autre atelier');
	participant = await join(server.origin, session.joinCode, 'Pat');
});

afterAll(async () => {
	for (const c of clients) c.destroy();
	await server?.stop();
	if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

describe('read-only connections', () => {
	it('drop a participant’s write to control, keep the connection, and still deliver the facilitator’s changes', async () => {
		const facilitator = open('control', session.facilitatorToken);
		const phone = open('control', participant.token);
		await Promise.all([synced(facilitator), synced(phone)]);
		const phoneDisconnects = watchDisconnects(phone);
		const socketBefore = phone.provider.ws;

		// The phone changes the title and hides an item in its own copy; the provider sends it.
		phone.doc.transact(() => {
			phone.doc.getMap(CONTROL.session).set('title', 'Piraté');
			phone.doc.getMap(CONTROL.hidden).set('c-victim', true);
		});
		// Same socket, in order: once the facilitator sees this awareness state, the server has
		// handled the update sent before it.
		await awarenessBarrier(phone, facilitator, 'after-write');

		// A later facilitator change reaches the phone: the phone still reads.
		facilitator.doc.getMap(CONTROL.hidden).set('marker', true);
		await until(() => phone.doc.getMap(CONTROL.hidden).get('marker') === true, 5000, 'phone reads marker');

		// A fresh client gets the server's whole state: the marker, not the phone's write.
		const fresh = open('control', session.projectorToken);
		await synced(fresh);
		await until(() => fresh.doc.getMap(CONTROL.hidden).get('marker') === true, 5000, 'fresh sees marker');
		expect(fresh.doc.getMap(CONTROL.session).get('title')).toBe('Atelier rôles');
		expect(fresh.doc.getMap(CONTROL.hidden).has('c-victim')).toBe(false);
		expect(facilitator.doc.getMap(CONTROL.session).get('title')).toBe('Atelier rôles');
		expect(facilitator.doc.getMap(CONTROL.hidden).has('c-victim')).toBe(false);

		expect(phoneDisconnects.count).toBe(0);
		expect(phone.provider.wsconnected).toBe(true);
		expect(phone.provider.ws).toBe(socketBefore);

		// And again later, still on the same socket. (A key the phone never wrote: its own
		// refused write stays in its local copy and may win a conflict there, by client id.)
		facilitator.doc.getMap(CONTROL.session).set('territory', 'Pays de la suite');
		await until(() => phone.doc.getMap(CONTROL.session).get('territory') === 'Pays de la suite', 5000, 'phone reads territory');
		expect(phoneDisconnects.count).toBe(0);
	});

	it('drop the projector’s writes to board', async () => {
		const facilitator = open('board', session.facilitatorToken);
		const screen = open('board', session.projectorToken);
		await Promise.all([synced(facilitator), synced(screen)]);
		const screenDisconnects = watchDisconnects(screen);

		screen.doc.getMap(BOARD.contributions).set('from-screen', 'should not exist');
		await awarenessBarrier(screen, facilitator, 'after-write');

		facilitator.doc.getMap(BOARD.contributions).set('from-facilitator', 'ok');
		await until(() => screen.doc.getMap(BOARD.contributions).has('from-facilitator'), 5000, 'screen reads');

		const fresh = open('board', participant.token);
		await synced(fresh);
		await until(() => fresh.doc.getMap(BOARD.contributions).has('from-facilitator'), 5000, 'fresh sees facilitator');
		expect(fresh.doc.getMap(BOARD.contributions).has('from-screen')).toBe(false);
		expect(facilitator.doc.getMap(BOARD.contributions).has('from-screen')).toBe(false);
		expect(screenDisconnects.count).toBe(0);
		expect(screen.provider.wsconnected).toBe(true);
	});

	it('drop the projector’s writes to control', async () => {
		const facilitator = open('control', session.facilitatorToken);
		const screen = open('control', session.projectorToken);
		await Promise.all([synced(facilitator), synced(screen)]);

		screen.doc.getMap(CONTROL.hidden).set('from-screen', true);
		await awarenessBarrier(screen, facilitator, 'after-write');
		facilitator.doc.getMap(CONTROL.hidden).set('marker-2', true);

		const fresh = open('control', session.facilitatorToken);
		await synced(fresh);
		await until(() => fresh.doc.getMap(CONTROL.hidden).get('marker-2') === true, 5000, 'fresh sees marker-2');
		expect(fresh.doc.getMap(CONTROL.hidden).has('from-screen')).toBe(false);
	});
});

describe('the facilitator', () => {
	it('writes both documents, and everyone with read access sees it', async () => {
		const fBoard = open('board', session.facilitatorToken);
		const fControl = open('control', session.facilitatorToken);
		const phoneBoard = open('board', participant.token);
		const phoneControl = open('control', participant.token);
		const screenControl = open('control', session.projectorToken);
		await Promise.all([fBoard, fControl, phoneBoard, phoneControl, screenControl].map((c) => synced(c)));

		fBoard.doc.getMap(BOARD.contributions).set('f-board', 'écrit par l’animatrice');
		fControl.doc.getMap(CONTROL.session).set('title', 'Titre choisi');

		await until(() => phoneBoard.doc.getMap(BOARD.contributions).get('f-board') === 'écrit par l’animatrice', 5000, 'board');
		await until(() => phoneControl.doc.getMap(CONTROL.session).get('title') === 'Titre choisi', 5000, 'control (phone)');
		await until(() => screenControl.doc.getMap(CONTROL.session).get('title') === 'Titre choisi', 5000, 'control (screen)');

		// And a participant writes board (read-write for them), seen by the facilitator.
		phoneBoard.doc.getMap(BOARD.contributions).set('p-board', 'écrit par un téléphone');
		await until(() => fBoard.doc.getMap(BOARD.contributions).get('p-board') === 'écrit par un téléphone', 5000, 'p → f');

		// Stored, not only relayed: a fresh client reads both from the server.
		const freshBoard = open('board', session.projectorToken);
		const freshControl = open('control', session.projectorToken);
		await Promise.all([synced(freshBoard), synced(freshControl)]);
		await until(() => freshBoard.doc.getMap(BOARD.contributions).size >= 2, 5000, 'fresh board');
		expect(freshBoard.doc.getMap(BOARD.contributions).get('f-board')).toBe('écrit par l’animatrice');
		expect(freshControl.doc.getMap(CONTROL.session).get('title')).toBe('Titre choisi');
	});
});

describe('the upgrade', () => {
	it('refuses missing, forged and foreign tokens, unknown sessions and documents', async () => {
		const url = (sessionId: string, docName: string, token?: string) => syncUrl(server.origin, sessionId, docName, token);
		// The good cases open (so the refusals below are about the token, not the URL).
		expect(await upgradeStatus(url(session.id, 'board', participant.token))).toBe(101);
		expect(await upgradeStatus(url(session.id, 'control', participant.token))).toBe(101);
		expect(await upgradeStatus(url(session.id, 'board', session.projectorToken))).toBe(101);

		expect(await upgradeStatus(url(session.id, 'board'))).toBe(401);
		expect(await upgradeStatus(url(session.id, 'board', ''))).toBe(401);
		expect(await upgradeStatus(url(session.id, 'board', 'forged-token-0123456789abcdefghijkl'))).toBe(401);
		// A real token with one character changed is forged too.
		const tampered = participant.token.slice(0, -1) + (participant.token.endsWith('A') ? 'B' : 'A');
		expect(await upgradeStatus(url(session.id, 'board', tampered))).toBe(401);
		expect(await upgradeStatus(url(session.id, 'board', 'x'.repeat(5000)))).toBe(401);

		expect(await upgradeStatus(url(other.id, 'board', session.facilitatorToken))).toBe(403);
		expect(await upgradeStatus(url(other.id, 'control', participant.token))).toBe(403);
		expect(await upgradeStatus(url(session.id, 'control', other.facilitatorToken))).toBe(403);

		expect(await upgradeStatus(url('NoSuchSession0000', 'board', session.facilitatorToken))).toBe(404);
		expect(await upgradeStatus(url('bad id!', 'board', session.facilitatorToken))).toBe(404);
		expect(await upgradeStatus(url(session.id, 'secrets', session.facilitatorToken))).toBe(404);
		expect(await upgradeStatus(url(session.id, 'Board', session.facilitatorToken))).toBe(404);
		expect(await upgradeStatus(`${server.origin.replace(/^http/, 'ws')}/sync/${session.id}/board/extra?token=${session.facilitatorToken}`)).toBe(404);
	});

	it('keeps answering after the refusals', async () => {
		const c = open('board', participant.token);
		await synced(c);
		expect(server.child.exitCode).toBeNull();
	});
});
