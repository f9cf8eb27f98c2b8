/**
 * How the server sends to a crowd (issue 9): updates that storage releases together leave as one
 * merged message, framed once for every connection, and never go back to the connection they
 * came from. Against the real server, with raw clients, so that messages can be counted.
 */
import fs from 'node:fs';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { createSession, join, startServer, until, type CreatedSession, type RunningServer } from './helpers.ts';
import { MESSAGE_AWARENESS, MESSAGE_SYNC, rawConnect } from './raw-client.ts';

let server: RunningServer;
let session: CreatedSession;
beforeAll(async () => {
	server = await startServer();
	session = await createSession(server.origin, 'Foule');
});
afterAll(async () => {
	await server?.stop();
	if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

function updateMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

it('sends updates that arrive together as one merged message to everyone else, and nothing back to their sender', async () => {
	const phone = await join(server.origin, session.joinCode, 'Pat');
	const sender = rawConnect(server.origin, session.id, 'board', phone.token);
	const watchers = [0, 1, 2].map(() => rawConnect(server.origin, session.id, 'board', session.projectorToken));
	await Promise.all([sender, ...watchers].map((c) => c.opened));
	// Everyone has had the server's greeting (step 1, and step 2 for what they asked).
	await new Promise((r) => setTimeout(r, 300));
	const before = watchers.map((w) => w.received.length);
	const senderBefore = sender.received.length;

	// Five updates in one TCP write: the server reads them in one turn and stores them together.
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	for (let i = 0; i < 5; i++) doc.getMap('contributions').set(`c${i}`, `idée ${i}`);
	const socket = (sender.ws as unknown as { _socket: Socket })._socket;
	socket.cork();
	for (const u of updates) sender.send(updateMessage(u));
	process.nextTick(() => socket.uncork());

	await until(() => watchers.every((w) => w.doc.getMap('contributions').size === 5), 5000, 'every watcher has the five');
	await new Promise((r) => setTimeout(r, 200));
	for (const [i, w] of watchers.entries()) {
		expect(w.received.length - before[i]).toBe(1);
		expect(w.doc.getMap('contributions').get('c4')).toBe('idée 4');
	}
	expect(sender.received.length).toBe(senderBefore);
	for (const c of [sender, ...watchers]) c.close();
});

it('sends the presence of many phones arriving at once in a few messages, each with all of them', async () => {
	const watcher = rawConnect(server.origin, session.id, 'board', session.projectorToken);
	await watcher.opened;
	await new Promise((r) => setTimeout(r, 300));
	const before = watcher.received.length;
	const phones = await Promise.all(
		Array.from({ length: 20 }, async (_, i) => {
			const joined = await join(server.origin, session.joinCode, `P${i}`);
			const c = rawConnect(server.origin, session.id, 'board', joined.token);
			await c.opened;
			return c;
		})
	);
	// Twenty presences sent within a few milliseconds of each other.
	const states = phones.map((c, i) => {
		const awareness = new awarenessProtocol.Awareness(c.doc);
		awareness.setLocalState({ user: { name: `P${i}` } });
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
		encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [c.doc.clientID]));
		return { c, message: encoding.toUint8Array(encoder), awareness };
	});
	for (const { c, message } of states) c.send(message);

	const mirror = new awarenessProtocol.Awareness(new Y.Doc());
	const presenceMessages = () => watcher.received.slice(before).filter((m) => m[0] === MESSAGE_AWARENESS);
	await until(() => {
		for (const m of presenceMessages()) {
			const decoder = decoding.createDecoder(m);
			decoding.readVarUint(decoder);
			awarenessProtocol.applyAwarenessUpdate(mirror, decoding.readVarUint8Array(decoder), 'server');
		}
		return phones.every((c) => (mirror.getStates().get(c.doc.clientID) as { user?: unknown } | undefined)?.user);
	}, 5000, 'every presence at the watcher');
	await new Promise((r) => setTimeout(r, 300));
	// At once for the first, then the rest together: far fewer than one message per phone.
	expect(presenceMessages().length).toBeLessThanOrEqual(4);
	for (const { c, awareness } of states) {
		awareness.destroy();
		c.close();
	}
	mirror.destroy();
	watcher.close();
});

it('sends a phone only the presence it shows (who edits an action sheet), while the projector gets everyone', async () => {
	const projector = rawConnect(server.origin, session.id, 'board', session.projectorToken);
	const phones = await Promise.all(
		Array.from({ length: 4 }, async (_, i) => {
			const c = rawConnect(server.origin, session.id, 'board', (await join(server.origin, session.joinCode, `Q${i}`)).token);
			await c.opened;
			return c;
		})
	);
	await projector.opened;
	await new Promise((r) => setTimeout(r, 300));
	const [a, b] = phones;
	const seen = (c: typeof a) => {
		const mirror = new awarenessProtocol.Awareness(new Y.Doc());
		for (const m of c.received.filter((m) => m[0] === MESSAGE_AWARENESS)) {
			const decoder = decoding.createDecoder(m);
			decoding.readVarUint(decoder);
			awarenessProtocol.applyAwarenessUpdate(mirror, decoding.readVarUint8Array(decoder), 'server');
		}
		const states = new Map(mirror.getStates() as Map<number, Record<string, unknown>>);
		states.delete(mirror.clientID);
		mirror.destroy();
		return states;
	};
	const awarenesses = new Map(phones.map((c) => [c, new awarenessProtocol.Awareness(c.doc)]));
	const says = (c: typeof a, state: Record<string, unknown>) => {
		const awareness = awarenesses.get(c)!;
		awareness.setLocalState(state);
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
		encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [c.doc.clientID]));
		c.send(encoding.toUint8Array(encoder));
	};
	const aId = a.doc.clientID;
	// Everyone arrives: the projector counts four, phone B hears of nobody.
	for (const [i, c] of phones.entries()) says(c, { role: 'participant', name: `Q${i}`, board: 'needs' });
	await until(() => phones.every((c) => seen(projector).get(c.doc.clientID)?.role === 'participant'), 5000, 'the projector has the four');
	await new Promise((r) => setTimeout(r, 300));
	expect(seen(b).size).toBe(0);
	// A opens an action sheet: B is told, to show "Q0 is writing here".
	says(a, { role: 'participant', name: 'Q0', board: 'actions', editing: 'action-1' });
	await until(() => seen(b).get(aId)?.editing === 'action-1', 5000, 'B hears that A edits the sheet');
	expect(seen(b).size).toBe(1);
	// A closes it: B is told once more, then hears nothing of A's renewals.
	says(a, { role: 'participant', name: 'Q0', board: 'actions' });
	await until(() => seen(b).has(aId) && seen(b).get(aId)?.editing === undefined, 5000, 'B hears that A stopped');
	const count = b.received.filter((m) => m[0] === MESSAGE_AWARENESS).length;
	says(a, { role: 'participant', name: 'Q0', board: 'needs' });
	await until(() => seen(projector).get(aId)?.board === 'needs', 5000, 'the projector hears the renewal');
	await new Promise((r) => setTimeout(r, 300));
	expect(b.received.filter((m) => m[0] === MESSAGE_AWARENESS).length).toBe(count);
	for (const aw of awarenesses.values()) aw.destroy();
	for (const c of [projector, ...phones]) c.close();
});
