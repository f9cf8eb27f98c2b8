/**
 * The embedded default: one SQLite file (better-sqlite3, WAL) under DATA_DIR. better-sqlite3
 * is synchronous, so an append has reached the WAL file when the call returns: a `kill -9`
 * right after it loses nothing (synchronous=NORMAL is safe against process crashes; only a
 * power cut could drop the last transactions).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sessionFromRow, summaryFromRow, type SessionRecord, type SessionRow, type Storage, type StoredDocument, type TokenRecord } from './storage.ts';

const MIGRATION = `
CREATE TABLE IF NOT EXISTS sessions (
	id TEXT PRIMARY KEY,
	join_code TEXT NOT NULL UNIQUE,
	title TEXT NOT NULL,
	territory TEXT NOT NULL DEFAULT '',
	language TEXT NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
	hash TEXT PRIMARY KEY,
	session_id TEXT NOT NULL REFERENCES sessions(id),
	role TEXT NOT NULL,
	participant_id TEXT,
	created_at INTEGER NOT NULL
);
-- A plain rowid key (no AUTOINCREMENT): ids still only grow, since no row of the log is ever
-- deleted, and each commit writes one page fewer (no sqlite_sequence update).
CREATE TABLE IF NOT EXISTS updates (
	id INTEGER PRIMARY KEY,
	doc TEXT NOT NULL,
	data BLOB NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_doc ON updates(doc, id);
CREATE TABLE IF NOT EXISTS snapshots (
	doc TEXT NOT NULL,
	upto INTEGER NOT NULL,
	data BLOB NOT NULL,
	created_at INTEGER NOT NULL,
	PRIMARY KEY (doc, upto)
);
`;


export function openSqliteStorage(dataDir: string): Storage {
	fs.mkdirSync(dataDir, { recursive: true });
	const db = new Database(path.join(dataDir, 'agora.sqlite'));
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	db.pragma('foreign_keys = ON');
	db.exec(MIGRATION);

	const q = {
		insertSession: db.prepare(
			'INSERT INTO sessions (id, join_code, title, territory, language, created_at) VALUES (?, ?, ?, ?, ?, ?)'
		),
		getSession: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?'),
		byCode: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE join_code = ?'),
		listSessions: db.prepare<[number], SessionRow & { participants: number; last_activity: number | null }>(
			`SELECT s.*,
				(SELECT COUNT(DISTINCT t.participant_id) FROM tokens t WHERE t.session_id = s.id AND t.role = 'participant') AS participants,
				(SELECT u.created_at FROM updates u WHERE u.doc = s.id || '/board' ORDER BY u.id DESC LIMIT 1) AS last_activity
			FROM sessions s ORDER BY s.created_at DESC LIMIT ?`
		),
		insertToken: db.prepare(
			'INSERT INTO tokens (hash, session_id, role, participant_id, created_at) VALUES (?, ?, ?, ?, ?)'
		),
		findToken: db.prepare<[string], { hash: string; session_id: string; role: TokenRecord['role']; participant_id: string | null }>(
			'SELECT hash, session_id, role, participant_id FROM tokens WHERE hash = ?'
		),
		insertUpdate: db.prepare('INSERT INTO updates (doc, data, created_at) VALUES (?, ?, ?)'),
		lastSnapshot: db.prepare<[string], { upto: number; data: Buffer }>(
			'SELECT upto, data FROM snapshots WHERE doc = ? ORDER BY upto DESC LIMIT 1'
		),
		tail: db.prepare<[string, number], { id: number; data: Buffer }>(
			'SELECT id, data FROM updates WHERE doc = ? AND id > ? ORDER BY id'
		),
		lastId: db.prepare<[string], { id: number | null }>('SELECT MAX(id) AS id FROM updates WHERE doc = ?'),
		deleteUpdates: db.prepare('DELETE FROM updates WHERE doc IN (?, ?)'),
		deleteSnapshots: db.prepare('DELETE FROM snapshots WHERE doc IN (?, ?)'),
		deleteTokens: db.prepare('DELETE FROM tokens WHERE session_id = ?'),
		deleteSessionRow: db.prepare('DELETE FROM sessions WHERE id = ?'),
		until: db.prepare<[string, number], { data: Buffer }>('SELECT data FROM updates WHERE doc = ? AND created_at <= ? ORDER BY id'),
		lastAt: db.prepare<[string], { at: number | null }>('SELECT MAX(created_at) AS at FROM updates WHERE doc = ?'),
		insertSnapshot: db.prepare(
			'INSERT OR REPLACE INTO snapshots (doc, upto, data, created_at) VALUES (?, ?, ?, ?)'
		),
		// Older snapshots are derivable from the log: keep only the newest two.
		pruneSnapshots: db.prepare(
			'DELETE FROM snapshots WHERE doc = ? AND upto < (SELECT MIN(upto) FROM (SELECT upto FROM snapshots WHERE doc = ? ORDER BY upto DESC LIMIT 2))'
		)
	};

	const append = db.transaction((doc: string, updates: Uint8Array[]): number => {
		let last = 0;
		const now = Date.now();
		for (const u of updates) last = Number(q.insertUpdate.run(doc, u, now).lastInsertRowid);
		return last;
	});
	const create = db.transaction(
		(s: SessionRecord, tokens: TokenRecord[], initial: { doc: string; update: Uint8Array }[]) => {
			q.insertSession.run(s.id, s.joinCode, s.title, s.territory, s.language, s.createdAt);
			for (const t of tokens) q.insertToken.run(t.hash, t.sessionId, t.role, t.participantId, s.createdAt);
			for (const i of initial) q.insertUpdate.run(i.doc, i.update, s.createdAt);
		}
	);
	const snapshot = db.transaction((doc: string, state: Uint8Array, upto: number) => {
		q.insertSnapshot.run(doc, upto, state, Date.now());
		q.pruneSnapshots.run(doc, doc);
	});

	return {
		kind: 'sqlite',
		async ping() {
			db.prepare('SELECT 1').get();
		},
		async createSession(session, tokens, initial) {
			create(session, tokens, initial);
		},
		async getSession(id) {
			const row = q.getSession.get(id);
			return row && sessionFromRow(row);
		},
		async findSessionByCode(code) {
			const row = q.byCode.get(code);
			return row && sessionFromRow(row);
		},
		async listSessions(limit) {
			return q.listSessions.all(limit).map(summaryFromRow);
		},
		async isJoinCodeTaken(code) {
			return q.byCode.get(code) !== undefined;
		},
		async addToken(t) {
			q.insertToken.run(t.hash, t.sessionId, t.role, t.participantId, Date.now());
		},
		async findToken(hash) {
			const row = q.findToken.get(hash);
			return row && { hash: row.hash, sessionId: row.session_id, role: row.role, participantId: row.participant_id };
		},
		async loadDocument(doc): Promise<StoredDocument> {
			const snap = q.lastSnapshot.get(doc);
			const rows = q.tail.all(doc, snap?.upto ?? 0);
			const updates = rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength));
			const bytes = (snap?.data.byteLength ?? 0) + updates.reduce((n, u) => n + u.byteLength, 0);
			const lastId = rows.length ? rows[rows.length - 1].id : (snap?.upto ?? q.lastId.get(doc)?.id ?? 0);
			return { snapshot: snap ? new Uint8Array(snap.data) : null, updates, lastId, bytes };
		},
		async appendUpdates(doc, updates) {
			return append(doc, updates);
		},
		async writeSnapshot(doc, state, upto) {
			snapshot(doc, state, upto);
		},
		async deleteSession(id) {
			db.transaction(() => {
				q.deleteUpdates.run(`${id}/board`, `${id}/control`);
				q.deleteSnapshots.run(`${id}/board`, `${id}/control`);
				q.deleteTokens.run(id);
				q.deleteSessionRow.run(id);
			})();
		},
		async updatesUntil(doc, at) {
			return q.until.all(doc, at).map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength));
		},
		async lastUpdateAt(doc) {
			return q.lastAt.get(doc)?.at ?? null;
		},
		async close() {
			db.close();
		}
	};
}
