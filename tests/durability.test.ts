/**
 * Durability across real crashes: the server stores each update before relaying it, so what a
 * second client has seen survives `kill -9`. Also a graceful restart, a room loaded from a
 * snapshot plus the log tail, and a client re-pushing its whole state after a restart (which
 * must store nothing: only real changes reach the log).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD } from '../src/lib/schema.ts';
import {
	connect,
	createSession,
	join,
	startServer,
	synced,
	tempDataDir,
	until,
	type Client,
	type RunningServer
} from './helpers.ts';
import { isStep2, rawConnect, step1Message, step2Message, updateMessage, type RawClient } from './raw-client.ts';

const N = 200;
// Durability is under test here, not the rate limit: let a fast writer through.
const ENV = { UPDATES_PER_SECOND: '100000' };

const servers: RunningServer[] = [];
let clients: (Client | RawClient)[] = [];

async function start(dataDir: string, env: Record<string, string> = {}): Promise<RunningServer> {
	const s = await startServer({ dataDir, env: { ...ENV, ...env } });
	servers.push(s);
	return s;
}
function open(s: RunningServer, sessionId: string, token: string): Client {
	const c = connect(s.origin, sessionId, 'board', token);
	clients.push(c);
	return c;
}

afterEach(() => {
	for (const c of clients) {
		if ('destroy' in c) c.destroy();
		else c.close();
	}
	clients = [];
});
afterAll(async () => {
	for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) await s.stop();
	for (const s of servers) fs.rmSync(s.dataDir, { recursive: true, force: true });
});

function withDb<T>(dataDir: string, fn: (db: Database.Database) => T): T {
	const db = new Database(path.join(dataDir, 'agora.sqlite'), { readonly: true, fileMustExist: true });
	try {
		return fn(db);
	} finally {
		db.close();
	}
}
const countUpdates = (dataDir: string, doc: string) =>
	withDb(dataDir, (db) => (db.prepare('SELECT COUNT(*) AS n FROM updates WHERE doc = ?').get(doc) as { n: number }).n);

const contributions = (c: Client) => c.doc.getMap<Y.Map<unknown>>(BOARD.contributions);

/** Plain view of the contributions: id → text. */
function texts(doc: Y.Doc): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	doc.getMap<Y.Map<unknown>>(BOARD.contributions).forEach((entry, id) => (out[id] = entry.get('text')));
	return out;
}

/** One contribution per transaction, so one update (and one message) each. */
function writeContribution(c: Client, i: number, authorId: string) {
	c.doc.transact(() => {
		const entry = new Y.Map<unknown>();
		contributions(c).set(`c${i}`, entry);
		entry.set('need', 'food');
		entry.set('text', `Idée numéro ${i}`);
		entry.set('authorId', authorId);
		entry.set('createdAt', Date.now());
	});
}

/** Writes `count` separate updates, yielding to the event loop between them. */
async function writeMany(c: Client, from: number, count: number, authorId: string, stop = () => false) {
	for (let i = from; i < from + count && !stop(); i++) {
		writeContribution(c, i, authorId);
		await new Promise((r) => setTimeout(r, i % 4 === 0 ? 1 : 0));
	}
}

describe('kill -9', () => {
	it(`keeps all ${N} updates a second client has seen`, async () => {
		const dataDir = tempDataDir();
		const first = await start(dataDir);
		const s = await createSession(first.origin);
		const p = await join(first.origin, s.joinCode);
		const writer = open(first, s.id, p.token);
		const watcher = open(first, s.id, s.facilitatorToken);
		await Promise.all([synced(writer), synced(watcher)]);

		await writeMany(writer, 0, N, p.participantId);
		await until(() => contributions(watcher).size === N, 10_000, `watcher sees ${N}`);
		await first.kill();
		expect(first.child.signalCode).toBe('SIGKILL');

		const second = await start(dataDir);
		const fresh = open(second, s.id, s.projectorToken);
		await synced(fresh);
		expect(contributions(fresh).size).toBe(N);
		expect(texts(fresh.doc)).toEqual(texts(writer.doc));
		expect(countUpdates(dataDir, `${s.id}/board`)).toBeGreaterThanOrEqual(N);
	});

	it('keeps what was seen even when killed with writes in flight', async () => {
		const dataDir = tempDataDir();
		const first = await start(dataDir);
		const s = await createSession(first.origin);
		const p = await join(first.origin, s.joinCode);
		const writer = open(first, s.id, p.token);
		const watcher = open(first, s.id, s.facilitatorToken);
		await Promise.all([synced(writer), synced(watcher)]);

		// The moment the watcher has seen 120 contributions, SIGKILL, from inside the event
		// that delivered the last one: the writer is still sending.
		let seenAtKill: Record<string, unknown> | undefined;
		watcher.doc.on('afterTransaction', () => {
			if (!seenAtKill && contributions(watcher).size >= 120) {
				first.child.kill('SIGKILL');
				seenAtKill = texts(watcher.doc);
			}
		});
		await writeMany(writer, 0, 400, p.participantId, () => first.child.signalCode !== null);
		await until(() => seenAtKill !== undefined, 10_000, 'kill point');
		await first.kill();
		writer.destroy();
		expect(Object.keys(seenAtKill!).length).toBeGreaterThanOrEqual(120);

		const second = await start(dataDir);
		const fresh = open(second, s.id, s.projectorToken);
		await synced(fresh);
		const after = texts(fresh.doc);
		for (const [id, text] of Object.entries(seenAtKill!)) expect(after[id], id).toBe(text);
	});
});

describe('graceful restart', () => {
	it('keeps everything and leaves a snapshot', async () => {
		const dataDir = tempDataDir();
		const first = await start(dataDir);
		const s = await createSession(first.origin);
		const p = await join(first.origin, s.joinCode);
		const writer = open(first, s.id, p.token);
		const watcher = open(first, s.id, s.facilitatorToken);
		await Promise.all([synced(writer), synced(watcher)]);
		await writeMany(writer, 0, N, p.participantId);
		await until(() => contributions(watcher).size === N, 10_000, `watcher sees ${N}`);

		await first.stop();
		expect(first.child.exitCode).toBe(0);
		const snapshots = withDb(dataDir, (db) =>
			db.prepare('SELECT COUNT(*) AS n FROM snapshots WHERE doc = ?').get(`${s.id}/board`)
		) as { n: number };
		expect(snapshots.n).toBeGreaterThanOrEqual(1);

		const second = await start(dataDir);
		const fresh = open(second, s.id, s.projectorToken);
		await synced(fresh);
		expect(contributions(fresh).size).toBe(N);
		expect(texts(fresh.doc)).toEqual(texts(writer.doc));
	});
});

describe('snapshot plus tail', () => {
	it('loads the same content as the whole log', async () => {
		const dataDir = tempDataDir();
		const env = { SNAPSHOT_EVERY: '20' };
		const first = await start(dataDir, env);
		const s = await createSession(first.origin);
		const p = await join(first.origin, s.joinCode);
		const key = `${s.id}/board`;
		const writer = open(first, s.id, p.token);
		const watcher = open(first, s.id, s.facilitatorToken);
		await Promise.all([synced(writer), synced(watcher)]);

		// Inserts, edits of earlier entries and deletions, so the snapshot is not a plain log.
		for (let i = 0; i < 150; i++) {
			writeContribution(writer, i, p.participantId);
			if (i % 5 === 4) contributions(writer).get(`c${i - 3}`)!.set('text', `Idée ${i - 3}, reformulée`);
			if (i % 7 === 6) contributions(writer).delete(`c${i - 6}`);
			await new Promise((r) => setTimeout(r, i % 4 === 0 ? 1 : 0));
		}
		const same = () => JSON.stringify(texts(watcher.doc)) === JSON.stringify(texts(writer.doc));
		await until(same, 10_000, 'watcher caught up');

		// Compaction runs once the tail reaches 20: wait until it settles, top the tail up to
		// exactly 20 so that a snapshot covers the whole log, then leave a short tail after it.
		const tailLength = () =>
			withDb(dataDir, (db) => {
				const snap = db.prepare('SELECT MAX(upto) AS upto FROM snapshots WHERE doc = ?').get(key) as { upto: number | null };
				if (snap.upto === null) return Infinity;
				return (db.prepare('SELECT COUNT(*) AS n FROM updates WHERE doc = ? AND id > ?').get(key, snap.upto) as { n: number }).n;
			});
		await until(() => tailLength() < 20, 10_000, 'a snapshot');
		const filler = 20 - tailLength();
		for (let i = 0; i < filler; i++) contributions(writer).get('c1')!.set('text', `filler ${i}`);
		// Stored before relayed: once the watcher has the last filler, all of it is in the log,
		// and a tail of 0 can only be the snapshot that covers it (not the one before).
		if (filler > 0) await until(() => contributions(watcher).get('c1')?.get('text') === `filler ${filler - 1}`, 10_000, 'filler stored');
		await until(() => tailLength() === 0, 10_000, 'snapshot up to the end of the log');
		for (let i = 150; i < 155; i++) writeContribution(writer, i, p.participantId);
		contributions(writer).get('c1')!.set('text', 'modifiée après le snapshot');
		contributions(writer).delete('c2');
		await until(same, 5000, 'watcher sees the tail');
		await first.kill();

		const stored = withDb(dataDir, (db) => {
			const snap = db.prepare('SELECT upto FROM snapshots WHERE doc = ? ORDER BY upto DESC LIMIT 1').get(key) as { upto: number };
			const tail = db.prepare('SELECT COUNT(*) AS n FROM updates WHERE doc = ? AND id > ?').get(key, snap.upto) as { n: number };
			const all = db.prepare('SELECT data FROM updates WHERE doc = ? ORDER BY id').all(key) as { data: Buffer }[];
			return { tail: tail.n, all };
		});
		// The restart really reads a snapshot and a tail.
		expect(stored.tail).toBeGreaterThan(0);
		expect(stored.tail).toBeLessThan(20);

		// The whole log, replayed here, is the reference.
		const replay = new Y.Doc();
		for (const row of stored.all) Y.applyUpdate(replay, new Uint8Array(row.data));
		expect(texts(replay)).toEqual(texts(writer.doc));

		const second = await start(dataDir, env);
		const fresh = open(second, s.id, s.projectorToken);
		await synced(fresh);
		expect(texts(fresh.doc)).toEqual(texts(replay));
		expect(contributions(fresh).get('c1')!.get('text')).toBe('modifiée après le snapshot');
		expect(contributions(fresh).has('c2')).toBe(false);
		expect(contributions(fresh).has('c154')).toBe(true);
	});
});

describe('after a restart', () => {
	it('a client re-pushing its whole state stores nothing new; a real change is stored', async () => {
		const dataDir = tempDataDir();
		const first = await start(dataDir);
		const s = await createSession(first.origin);
		const p = await join(first.origin, s.joinCode);
		const key = `${s.id}/board`;
		const writer = open(first, s.id, p.token);
		const watcher = open(first, s.id, s.facilitatorToken);
		await Promise.all([synced(writer), synced(watcher)]);
		await writeMany(writer, 0, 50, p.participantId);
		contributions(writer).delete('c3');
		// All 50 and the deletion reached the watcher (49 alone could be 49 writes before the last).
		await until(
			() => contributions(watcher).size === 49 && contributions(watcher).has('c49') && !contributions(watcher).has('c3'),
			10_000,
			'watcher sees everything'
		);
		await first.kill();
		const whole = Y.encodeStateAsUpdate(writer.doc);
		writer.destroy();
		const before = countUpdates(dataDir, key);

		const second = await start(dataDir);
		// A stock client whose document already holds everything (an offline phone coming back).
		const phone = open(second, s.id, p.token);
		Y.applyUpdate(phone.doc, whole);
		await synced(phone);
		// A raw client pushing the whole state, as an update and as a step 2, three times over.
		const raw = rawConnect(second.origin, s.id, 'board', p.token);
		clients.push(raw);
		await raw.opened;
		for (let i = 0; i < 3; i++) {
			raw.send(updateMessage(whole));
			raw.send(step2Message(whole));
		}
		// Same socket, in order: the answer to this step 1 leaves only after the pushes above
		// were handled (and anything they changed was stored).
		raw.send(step1Message());
		await until(() => raw.received.some(isStep2), 5000, 'answer to step 1');
		expect(raw.closeInfo).toBeUndefined();
		expect(texts(raw.doc)).toEqual(texts(phone.doc));
		expect(contributions(phone).size).toBe(49);

		expect(countUpdates(dataDir, key)).toBe(before);

		// The counter works: one real change adds a row.
		const watcher2 = open(second, s.id, s.facilitatorToken);
		await synced(watcher2);
		writeContribution(phone, 1000, p.participantId);
		await until(() => contributions(watcher2).has('c1000'), 5000, 'real change relayed');
		expect(countUpdates(dataDir, key)).toBe(before + 1);
	});
});
