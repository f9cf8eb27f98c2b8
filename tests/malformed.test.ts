/**
 * A bad frame closes its own connection and nothing else. 2,000 malformed frames from a valid
 * participant (random bytes, truncated and mutated sync messages, unknown types, text frames,
 * garbage updates), then: the process is alive, logged no uncaught error, a client connected
 * all along was never dropped, the session still syncs between clean clients, and another
 * session did not notice.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { BOARD } from '../src/lib/schema.ts';
import {
	connect,
	createSession,
	join,
	startServer,
	synced,
	until,
	type Client,
	type CreatedSession,
	type RunningServer
} from './helpers.ts';
import { closedWithin, isStep2, prng, rawConnect, setUpdate, step1Message, updateMessage, type RawClient } from './raw-client.ts';

const FRAMES = 2000;
const WORKERS = 20;
const SEED = Number(process.env.FUZZ_SEED ?? 20240611);

let server: RunningServer;
let stderr = '';
let target: CreatedSession;
let bystanderSession: CreatedSession;
let attacker: { token: string };
const clients: Client[] = [];

function open(sessionId: string, token: string): Client {
	const c = connect(server.origin, sessionId, 'board', token);
	clients.push(c);
	return c;
}

beforeAll(async () => {
	// Errors are logged (not silent) so that an exception swallowed by the process-wide handler
	// shows up here.
	server = await startServer({ env: { LOG_LEVEL: 'error' } });
	server.child.stderr!.on('data', (d) => (stderr += d));
	target = await createSession(server.origin, 'Cible');
	bystanderSession = await createSession(server.origin, 'Voisine');
	attacker = await join(server.origin, target.joinCode, 'Mallory');
});

afterAll(async () => {
	for (const c of clients) c.destroy();
	await server?.stop();
	if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

/** A real update with some content, the raw material of the truncated and mutated frames. */
function sampleUpdate(rand: () => number): Uint8Array {
	const doc = new Y.Doc();
	doc.transact(() => {
		const entry = new Y.Map<unknown>();
		doc.getMap(BOARD.contributions).set(`c${Math.floor(rand() * 1e6)}`, entry);
		entry.set('text', new Y.Text('Des légumes pour la cantine'));
		entry.set('need', 'food');
		entry.set('votes', [1, 2, 3]);
	});
	doc.getMap(BOARD.contributions).delete('nothing');
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}

type Frame = { data: Uint8Array | string; kind: string };

function makeFrames(seed: number): Frame[] {
	const rand = prng(seed);
	const int = (n: number) => Math.floor(rand() * n);
	const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
	const message = (...parts: ((e: encoding.Encoder) => void)[]) => {
		const e = encoding.createEncoder();
		for (const p of parts) p(e);
		return encoding.toUint8Array(e);
	};
	const kinds: (() => Frame)[] = [
		() => ({ kind: 'random bytes', data: bytes(1 + int(rand() < 0.9 ? 64 : 4000)) }),
		() => {
			const full = updateMessage(sampleUpdate(rand));
			return { kind: 'truncated update', data: full.slice(0, 1 + int(full.length - 1)) };
		},
		() => {
			const full = message((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, 1), (e) =>
				encoding.writeVarUint8Array(e, sampleUpdate(rand))
			);
			return { kind: 'truncated step 2', data: full.slice(0, 1 + int(full.length - 1)) };
		},
		() => {
			const types = [2, 4, 5, 9, 42, 127, 128, 300, 2 ** 20, 2 ** 31];
			return {
				kind: 'unknown type',
				data: message((e) => encoding.writeVarUint(e, types[int(types.length)]), (e) => encoding.writeUint8Array(e, bytes(int(32))))
			};
		},
		() => ({ kind: 'unknown sync sub-type', data: message((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, 3 + int(500))) }),
		() => ({ kind: 'text frame', data: rand() < 0.5 ? 'hello' : String.fromCharCode(...bytes(1 + int(40))) }),
		() => ({
			kind: 'step 2 with garbage update',
			data: message((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, 1), (e) => encoding.writeVarUint8Array(e, bytes(1 + int(200))))
		}),
		() => ({
			kind: 'update with garbage',
			data: message((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, 2), (e) => encoding.writeVarUint8Array(e, bytes(1 + int(200))))
		}),
		() => {
			// A real update with a few bytes changed: often still decodable, with nonsense inside.
			const update = sampleUpdate(rand);
			for (let i = 0, n = 1 + int(3); i < n; i++) update[int(update.length)] = int(256);
			return {
				kind: 'step 2 with mutated update',
				data: message((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, 1), (e) => encoding.writeVarUint8Array(e, update))
			};
		},
		() => ({
			kind: 'length prefix past the end',
			data: Uint8Array.from([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, ...bytes(int(16))])
		}),
		() => ({ kind: 'awareness garbage', data: message((e) => encoding.writeVarUint(e, 1), (e) => encoding.writeVarUint8Array(e, bytes(int(64)))) }),
		() => ({ kind: 'step 1 garbage', data: message((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, 0), (e) => encoding.writeUint8Array(e, bytes(int(24)))) }),
		() => ({ kind: 'empty frame', data: new Uint8Array(0) })
	];
	return Array.from({ length: FRAMES }, () => kinds[int(kinds.length)]());
}

/** Sends `frames` one after another, each followed by a step 1 probe; reconnects after each close. */
async function attack(frames: Frame[], counters: { connections: number; closed: number; sent: number }) {
	let conn: RawClient | undefined;
	let probes = 0;
	for (const frame of frames) {
		if (!conn || conn.closeInfo) {
			conn?.close();
			conn = rawConnect(server.origin, target.id, 'board', attacker.token);
			probes = 0;
			counters.connections++;
			await conn.opened;
		}
		conn.send(frame.data);
		conn.send(step1Message());
		counters.sent++;
		probes++;
		const c = conn;
		const answered = probes;
		// Either the server closed this connection, or it answered the probe sent after the frame.
		await until(() => c.closeInfo !== undefined || c.received.filter(isStep2).length >= answered, 5000, `answer to ${frame.kind}`);
		if (c.closeInfo) counters.closed++;
	}
	conn?.close();
}

describe('a bad frame', () => {
	it('closes its connection with 4400, and what was sent behind it on that socket is ignored', async () => {
		const p = await join(server.origin, target.joinCode, 'Eve');
		const bad: [string, Uint8Array | string][] = [
			['text frame', 'bonjour'],
			['unknown type', Uint8Array.from([42, 1, 2, 3])],
			['garbage update', Uint8Array.from([0, 2, 3, 0xff, 0xfe, 0xfd])]
		];
		for (const [kind, frame] of bad) {
			const c = rawConnect(server.origin, target.id, 'board', p.token);
			await c.opened;
			// Sent together: the valid update arrives while the server is closing the socket.
			c.send(frame);
			c.send(updateMessage(setUpdate(BOARD.contributions, `behind ${kind}`, 'ne doit pas rester')));
			expect((await closedWithin(c)).code, kind).toBe(4400);
			c.close();
		}
		const check = open(target.id, p.token);
		await synced(check);
		for (const [kind] of bad) expect(check.doc.getMap(BOARD.contributions).has(`behind ${kind}`), kind).toBe(false);
	});
});

describe('2,000 malformed frames', () => {
	it('close only their own connections; the server and the sessions carry on', async () => {
		// Before: a clean phone on the target session, two phones on another session.
		const p1 = await join(server.origin, target.joinCode, 'Alice');
		const watching = open(target.id, p1.token);
		const q1 = await join(server.origin, bystanderSession.joinCode, 'Nour');
		const q2 = await join(server.origin, bystanderSession.joinCode, 'Léo');
		const otherA = open(bystanderSession.id, q1.token);
		const otherB = open(bystanderSession.id, q2.token);
		await Promise.all([synced(watching), synced(otherA), synced(otherB)]);
		let dropped = 0;
		for (const c of [watching, otherA, otherB]) c.provider.on('connection-close', () => dropped++);

		const frames = makeFrames(SEED);
		const counters = { connections: 0, closed: 0, sent: 0 };
		const share = Math.ceil(frames.length / WORKERS);
		await Promise.all(Array.from({ length: WORKERS }, (_, w) => attack(frames.slice(w * share, (w + 1) * share), counters)));

		expect(counters.sent).toBe(FRAMES);
		// Most frames are fatal to their connection (a few, like a step 1 with a decodable
		// state vector, are legitimately answered).
		expect(counters.closed).toBeGreaterThan(FRAMES / 2);
		expect(counters.connections).toBeGreaterThan(FRAMES / 2);

		// The process is alive, answers HTTP, and swallowed no exception.
		expect(server.child.exitCode).toBeNull();
		expect(server.child.signalCode).toBeNull();
		const res = await fetch(`${server.origin}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"Encore là"}' });
		expect(res.status).toBe(201);
		expect(stderr).not.toMatch(/process\.uncaught|process\.unhandled|upgrade\.failed|room\.load_failed/);

		// No clean connection was dropped.
		expect(dropped).toBe(0);
		expect(watching.provider.wsconnected && otherA.provider.wsconnected && otherB.provider.wsconnected).toBe(true);

		// The target session still syncs: between two fresh clean clients, and with the phone
		// connected all along.
		const p2 = await join(server.origin, target.joinCode, 'Bob');
		const p3 = await join(server.origin, target.joinCode, 'Chloé');
		const fresh2 = open(target.id, p2.token);
		const fresh3 = open(target.id, p3.token);
		await Promise.all([synced(fresh2), synced(fresh3)]);
		fresh2.doc.getMap(BOARD.contributions).set('after-2', 'de Bob');
		fresh3.doc.getMap(BOARD.contributions).set('after-3', 'de Chloé');
		watching.doc.getMap(BOARD.contributions).set('after-1', 'd’Alice');
		for (const c of [fresh2, fresh3, watching]) {
			await until(() => ['after-1', 'after-2', 'after-3'].every((k) => c.doc.getMap(BOARD.contributions).has(k)), 5000, 'clean sync');
		}
		// And a client joining later gets it all from the server.
		const late = open(target.id, p3.token);
		await synced(late);
		expect(late.doc.getMap(BOARD.contributions).get('after-2')).toBe('de Bob');

		// The other session did not notice.
		otherA.doc.getMap(BOARD.contributions).set('calm', 'rien vu');
		await until(() => otherB.doc.getMap(BOARD.contributions).get('calm') === 'rien vu', 5000, 'other session');
		expect(otherB.doc.getMap(BOARD.contributions).has('after-2')).toBe(false);
	});
});
