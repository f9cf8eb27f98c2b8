/**
 * PostgreSQL storage (DATABASE_URL), against a real PostgreSQL started by
 * `tests/support/with-postgres.sh`: the same storage contract as the SQLite default, then whole
 * Agora processes on it — what a client saw survives `kill -9`, and a second process serves a
 * session the first one created.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD } from '../src/lib/schema.ts';
import { openPostgresStorage } from '../server/storage/postgres.ts';
import { openSqliteStorage } from '../server/storage/sqlite.ts';
import type { Storage } from '../server/storage/storage.ts';
import { connect, createSession, join, startServer, synced, tempDataDir, until, type RunningServer } from './helpers.ts';

const DATABASE_URL = process.env.AGORA_TEST_DATABASE_URL;
if (!DATABASE_URL) throw new Error('AGORA_TEST_DATABASE_URL is not set: run the tests through tests/support/with-postgres.sh (npm test does).');

const servers: RunningServer[] = [];
afterAll(async () => {
	for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) await s.stop();
	for (const s of servers) fs.rmSync(s.dataDir, { recursive: true, force: true });
});

const backends: [string, () => Storage][] = [
	['SQLite', () => openSqliteStorage(tempDataDir())],
	['PostgreSQL', () => openPostgresStorage(DATABASE_URL)]
];

describe.each(backends)('the storage contract on %s', (name, open) => {
	it('keeps sessions, tokens, the update log and snapshots, and deletes a session whole', async () => {
		const storage = open();
		try {
			expect(storage.kind).toBe(name === 'SQLite' ? 'sqlite' : 'postgres');
			await storage.ping();
			const id = `s${Math.random().toString(36).slice(2, 12)}`;
			const code = Math.random().toString(36).slice(2, 8).toUpperCase();
			const doc = `${id}/board`;
			const t0 = Date.now();
			await storage.createSession({ id, joinCode: code, title: 'Atelier « test »', territory: 'Lot', language: 'fr', createdAt: t0 }, [{ hash: `h-${id}`, sessionId: id, role: 'facilitator', participantId: null }], [
				{ doc: `${id}/control`, update: new Uint8Array([1, 2, 3]) }
			]);
			expect(await storage.getSession(id)).toEqual({ id, joinCode: code, title: 'Atelier « test »', territory: 'Lot', language: 'fr', createdAt: t0 });
			expect((await storage.findSessionByCode(code))?.id).toBe(id);
			expect(await storage.isJoinCodeTaken(code)).toBe(true);
			await storage.addToken({ hash: `p-${id}`, sessionId: id, role: 'participant', participantId: 'p1' });
			expect(await storage.findToken(`p-${id}`)).toEqual({ hash: `p-${id}`, sessionId: id, role: 'participant', participantId: 'p1' });

			const first = await storage.appendUpdates(doc, [new Uint8Array([10]), new Uint8Array([11])]);
			const second = await storage.appendUpdates(doc, [new Uint8Array([12])]);
			expect(second).toBeGreaterThan(first);
			let stored = await storage.loadDocument(doc);
			expect(stored.updates.map((u) => [...u])).toEqual([[10], [11], [12]]);
			expect(stored.lastId).toBe(second);
			await storage.writeSnapshot(doc, new Uint8Array([99]), first);
			stored = await storage.loadDocument(doc);
			expect([...stored.snapshot!]).toEqual([99]);
			expect(stored.lastId).toBe(second);
			if (name === 'SQLite') {
				expect(stored.updates.map((u) => [...u])).toEqual([[12]]);
				expect(stored.bytes).toBe(2);
			} else {
				// Several writers: what was stored in the minute before the snapshot is replayed too
				// (an id taken before the snapshot may have committed after it).
				expect(stored.updates.map((u) => [...u])).toEqual([[10], [11], [12]]);
			}
			expect((await storage.updatesUntil(doc, Date.now() + 1000)).map((u) => [...u])).toEqual([[10], [11], [12]]);
			expect(await storage.lastUpdateAt(doc)).toBeGreaterThanOrEqual(t0);
			const listed = (await storage.listSessions(1000)).find((s) => s.id === id);
			expect(listed).toMatchObject({ id, participants: 1 });
			expect(listed!.lastActivity).toBeGreaterThanOrEqual(t0);

			await storage.deleteSession(id);
			expect(await storage.getSession(id)).toBeUndefined();
			expect(await storage.findToken(`p-${id}`)).toBeUndefined();
			expect((await storage.loadDocument(doc)).updates).toEqual([]);
		} finally {
			await storage.close();
		}
	});
});

describe('Agora on PostgreSQL', () => {
	const ENV = { DATABASE_URL: DATABASE_URL!, UPDATES_PER_SECOND: '100000' };

	it('keeps what a second client saw through kill -9, and another process serves the session', async () => {
		const a = await startServer({ env: ENV });
		servers.push(a);
		const session = await createSession(a.origin, 'Atelier sur PostgreSQL');
		const writer = connect(a.origin, session.id, 'board', session.facilitatorToken);
		const watcher = connect(a.origin, session.id, 'board', session.facilitatorToken);
		await Promise.all([synced(writer), synced(watcher)]);
		const map = writer.doc.getMap(BOARD.contributions);
		for (let i = 0; i < 100; i++) map.set(`c${i}`, i);
		await until(() => watcher.doc.getMap(BOARD.contributions).size === 100, 10_000, 'seen by the watcher');
		writer.destroy();
		watcher.destroy();
		await a.kill();

		// Another process on the same database: the session, its tokens, its code and its board are there.
		const b = await startServer({ env: ENV });
		servers.push(b);
		expect(await (await fetch(`${b.origin}/api/health`)).json()).toMatchObject({ ok: true, storage: { kind: 'postgres', ok: true } });
		const phone = await join(b.origin, session.joinCode);
		expect(phone.sessionId).toBe(session.id);
		const reader = connect(b.origin, session.id, 'board', phone.token);
		await synced(reader);
		expect(reader.doc.getMap(BOARD.contributions).size).toBe(100);
		const doc = new Y.Doc();
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(reader.doc));
		expect(doc.getMap(BOARD.contributions).get('c99')).toBe(99);
		reader.destroy();
		const exported = await fetch(`${b.origin}/api/sessions/${session.id}/export?format=json`, { headers: { authorization: `Bearer ${session.facilitatorToken}` } });
		expect(Object.keys((await exported.json()).board.contributions)).toHaveLength(100);
	});

	it('says so in /api/health (503) while PostgreSQL does not answer, instead of dying', async () => {
		const url = new URL(DATABASE_URL!);
		url.port = '1'; // nothing listens there
		const s = await startServer({ env: { DATABASE_URL: url.toString() } });
		servers.push(s);
		const res = await fetch(`${s.origin}/api/health`);
		expect(res.status).toBe(503);
		expect(await res.json()).toMatchObject({ ok: false, storage: { kind: 'postgres', ok: false } });
		expect(s.child.exitCode).toBeNull();
	});
});
