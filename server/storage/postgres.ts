/**
 * PostgreSQL storage, when DATABASE_URL is set: the same tables and rules as the SQLite default
 * (an append-only update log per document plus snapshots built from it), shared by every Agora
 * process of an instance. An append is one INSERT of all the batch's updates, committed before
 * it answers, so "stored before relayed" holds as with SQLite.
 *
 * With several writers, ids are not committed in order: a process can take id 100 and commit
 * it after another committed 101. A snapshot covering "every id up to 101" could then miss 100
 * for good. So loading also replays what was stored within SNAPSHOT_MARGIN_MS before the
 * snapshot was written (Yjs ignores what the snapshot already holds), both times taken from the
 * database's clock, and a process snapshots only what it has read back from the log
 * (Room.snapshot).
 */
import pg from 'pg';
import { sessionFromRow, summaryFromRow, type SessionRow, type SessionSummary, type Storage, type StoredDocument, type TokenRecord } from './storage.ts';

const MIGRATION = `
CREATE TABLE IF NOT EXISTS sessions (
	id TEXT PRIMARY KEY,
	join_code TEXT NOT NULL UNIQUE,
	title TEXT NOT NULL,
	territory TEXT NOT NULL DEFAULT '',
	language TEXT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
	hash TEXT PRIMARY KEY,
	session_id TEXT NOT NULL REFERENCES sessions(id),
	role TEXT NOT NULL,
	participant_id TEXT,
	created_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS tokens_session ON tokens(session_id);
CREATE TABLE IF NOT EXISTS updates (
	id BIGSERIAL PRIMARY KEY,
	doc TEXT NOT NULL,
	data BYTEA NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_doc ON updates(doc, id);
CREATE TABLE IF NOT EXISTS snapshots (
	doc TEXT NOT NULL,
	upto BIGINT NOT NULL,
	data BYTEA NOT NULL,
	created_at BIGINT NOT NULL,
	PRIMARY KEY (doc, upto)
);
`;

// BIGINT columns come back as numbers: ids and milliseconds stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** Longer than any commit can lag behind its id being taken. */
export const SNAPSHOT_MARGIN_MS = 60_000;
/** The database's clock in milliseconds: the same for every process, whatever their own clocks say. */
const NOW_MS = '(extract(epoch from clock_timestamp()) * 1000)::bigint';

const bytes = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export function openPostgresStorage(url: string): Storage {
	const pool = new pg.Pool({ connectionString: url, max: 10 });
	// An idle client's error (the server restarted) must not kill the process: the pool replaces it.
	pool.on('error', () => {});
	// Several processes may start at once: the migration runs under a lock, once each. If the
	// database is not there yet, the next call tries again (the process does not die of it).
	let migrated: Promise<void> | null = null;
	const ready = () =>
		(migrated ??= (async () => {
			const client = await pool.connect();
			try {
				await client.query('SELECT pg_advisory_lock(7331)');
				await client.query(MIGRATION);
				await client.query('SELECT pg_advisory_unlock(7331)');
			} finally {
				client.release();
			}
		})().catch((error) => {
			migrated = null;
			throw error;
		}));
	void ready().catch(() => {});
	const query = async <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => {
		await ready();
		return (await pool.query<R>(text, values)).rows;
	};
	const transaction = async (work: (c: pg.PoolClient) => Promise<void>) => {
		await ready();
		const client = await pool.connect();
		try {
			await client.query('BEGIN');
			await work(client);
			await client.query('COMMIT');
		} catch (error) {
			await client.query('ROLLBACK').catch(() => {});
			throw error;
		} finally {
			client.release();
		}
	};

	return {
		kind: 'postgres',
		async ping() {
			await query('SELECT 1');
		},
		async createSession(s, tokens, initial) {
			await transaction(async (c) => {
				await c.query('INSERT INTO sessions (id, join_code, title, territory, language, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
					s.id,
					s.joinCode,
					s.title,
					s.territory,
					s.language,
					s.createdAt
				]);
				for (const t of tokens) await c.query('INSERT INTO tokens (hash, session_id, role, participant_id, created_at) VALUES ($1, $2, $3, $4, $5)', [t.hash, t.sessionId, t.role, t.participantId, s.createdAt]);
				for (const i of initial) await c.query('INSERT INTO updates (doc, data, created_at) VALUES ($1, $2, $3)', [i.doc, Buffer.from(i.update), s.createdAt]);
			});
		},
		async getSession(id) {
			const [row] = await query<SessionRow>('SELECT * FROM sessions WHERE id = $1', [id]);
			return row && sessionFromRow(row);
		},
		async findSessionByCode(code) {
			const [row] = await query<SessionRow>('SELECT * FROM sessions WHERE join_code = $1', [code]);
			return row && sessionFromRow(row);
		},
		async listSessions(limit): Promise<SessionSummary[]> {
			const rows = await query<SessionRow & { participants: number; last_activity: number | null }>(
				`SELECT s.*,
					(SELECT COUNT(DISTINCT t.participant_id)::int FROM tokens t WHERE t.session_id = s.id AND t.role = 'participant') AS participants,
					(SELECT u.created_at FROM updates u WHERE u.doc = s.id || '/board' ORDER BY u.id DESC LIMIT 1) AS last_activity
				FROM sessions s ORDER BY s.created_at DESC LIMIT $1`,
				[limit]
			);
			return rows.map(summaryFromRow);
		},
		async isJoinCodeTaken(code) {
			return (await query('SELECT 1 FROM sessions WHERE join_code = $1', [code])).length > 0;
		},
		async addToken(t: TokenRecord) {
			await query('INSERT INTO tokens (hash, session_id, role, participant_id, created_at) VALUES ($1, $2, $3, $4, $5)', [t.hash, t.sessionId, t.role, t.participantId, Date.now()]);
		},
		async findToken(hash) {
			const [row] = await query<{ hash: string; session_id: string; role: TokenRecord['role']; participant_id: string | null }>(
				'SELECT hash, session_id, role, participant_id FROM tokens WHERE hash = $1',
				[hash]
			);
			return row && { hash: row.hash, sessionId: row.session_id, role: row.role, participantId: row.participant_id };
		},
		async loadDocument(doc): Promise<StoredDocument> {
			const [snap] = await query<{ upto: number; data: Buffer; created_at: number }>(
				'SELECT upto, data, created_at FROM snapshots WHERE doc = $1 ORDER BY upto DESC LIMIT 1',
				[doc]
			);
			const rows = snap
				? await query<{ id: number; data: Buffer }>('SELECT id, data FROM updates WHERE doc = $1 AND (id > $2 OR created_at >= $3) ORDER BY id', [
						doc,
						snap.upto,
						snap.created_at - SNAPSHOT_MARGIN_MS
					])
				: await query<{ id: number; data: Buffer }>('SELECT id, data FROM updates WHERE doc = $1 ORDER BY id', [doc]);
			const updates = rows.map((r) => bytes(r.data));
			const size = (snap?.data.byteLength ?? 0) + updates.reduce((n, u) => n + u.byteLength, 0);
			let lastId = Math.max(rows.length ? rows[rows.length - 1].id : 0, snap?.upto ?? 0);
			if (!rows.length && !snap) lastId = (await query<{ id: number | null }>('SELECT MAX(id) AS id FROM updates WHERE doc = $1', [doc]))[0]?.id ?? 0;
			return { snapshot: snap ? new Uint8Array(snap.data) : null, updates, lastId, bytes: size };
		},
		async appendUpdates(doc, updates) {
			const rows = await query<{ id: number }>(
				`INSERT INTO updates (doc, data, created_at) SELECT $1, u, ${NOW_MS} FROM unnest($2::bytea[]) WITH ORDINALITY AS x(u, n) ORDER BY n RETURNING id`,
				[doc, updates.map((u) => Buffer.from(u))]
			);
			return Math.max(...rows.map((r) => r.id));
		},
		async writeSnapshot(doc, state, upto) {
			await transaction(async (c) => {
				await c.query(`INSERT INTO snapshots (doc, upto, data, created_at) VALUES ($1, $2, $3, ${NOW_MS}) ON CONFLICT (doc, upto) DO UPDATE SET data = EXCLUDED.data, created_at = EXCLUDED.created_at`, [
					doc,
					upto,
					Buffer.from(state)
				]);
				// Older snapshots are derivable from the log: keep only the newest two.
				await c.query('DELETE FROM snapshots WHERE doc = $1 AND upto < (SELECT MIN(upto) FROM (SELECT upto FROM snapshots WHERE doc = $1 ORDER BY upto DESC LIMIT 2) newest)', [doc]);
			});
		},
		async updatesUntil(doc, at) {
			return (await query<{ data: Buffer }>('SELECT data FROM updates WHERE doc = $1 AND created_at <= $2 ORDER BY id', [doc, at])).map((r) => bytes(r.data));
		},
		async deleteSession(id) {
			const docs = [`${id}/board`, `${id}/control`];
			await transaction(async (c) => {
				await c.query('DELETE FROM updates WHERE doc = ANY($1)', [docs]);
				await c.query('DELETE FROM snapshots WHERE doc = ANY($1)', [docs]);
				await c.query('DELETE FROM tokens WHERE session_id = $1', [id]);
				await c.query('DELETE FROM sessions WHERE id = $1', [id]);
			});
		},
		async lastUpdateAt(doc) {
			return (await query<{ at: number | null }>('SELECT MAX(created_at) AS at FROM updates WHERE doc = $1', [doc]))[0]?.at ?? null;
		},
		async close() {
			await migrated?.catch(() => {});
			await pool.end();
		}
	};
}
