/**
 * Storage behind one interface: SQLite now, PostgreSQL later (issue 8). Documents are stored
 * as an append-only log of Yjs updates plus snapshots built from it: nothing ever replaces
 * stored state with an empty one, and the log is kept so that an earlier state can be rebuilt.
 */
import type { Language, Role } from '../../src/lib/schema.ts';

export interface SessionRecord {
	id: string;
	joinCode: string;
	title: string;
	territory: string;
	language: Language;
	createdAt: number;
}

/** A `sessions` row as both SQL engines store it. */
export interface SessionRow {
	id: string;
	join_code: string;
	title: string;
	territory: string;
	language: 'fr' | 'en';
	created_at: number;
}

export const sessionFromRow = (r: SessionRow): SessionRecord => ({
	id: r.id,
	joinCode: r.join_code,
	title: r.title,
	territory: r.territory,
	language: r.language,
	createdAt: r.created_at
});

/** A `listSessions` row: the session and its two counts. */
export const summaryFromRow = (r: SessionRow & { participants: number; last_activity: number | null }): SessionSummary => ({
	...sessionFromRow(r),
	participants: r.participants,
	lastActivity: r.last_activity
});

export interface SessionSummary extends SessionRecord {
	/** People who joined (participant tokens, one per person). */
	participants: number;
	/** When the board last changed (ms), or null if it never did. */
	lastActivity: number | null;
}

export interface TokenRecord {
	/** SHA-256 of the token, hex: the token itself is never stored. */
	hash: string;
	sessionId: string;
	role: Role;
	participantId: string | null;
}

export interface StoredDocument {
	/** Latest snapshot (a Yjs update holding the whole state), if one was written. */
	snapshot: Uint8Array | null;
	/** Updates appended after that snapshot, in order. */
	updates: Uint8Array[];
	/** Id of the last update in the log (0 when empty). */
	lastId: number;
	/** Bytes of the snapshot plus the tail: what the size limit counts. */
	bytes: number;
}

export interface Storage {
	createSession(session: SessionRecord, tokens: TokenRecord[], initial: { doc: string; update: Uint8Array }[]): Promise<void>;
	getSession(id: string): Promise<SessionRecord | undefined>;
	findSessionByCode(code: string): Promise<SessionRecord | undefined>;
	isJoinCodeTaken(code: string): Promise<boolean>;
	addToken(token: TokenRecord): Promise<void>;
	findToken(hash: string): Promise<TokenRecord | undefined>;
	/** `doc` is `<sessionId>/<docName>`. */
	loadDocument(doc: string): Promise<StoredDocument>;
	/** Appends in one transaction, durably, and answers the id of the last one. */
	appendUpdates(doc: string, updates: Uint8Array[]): Promise<number>;
	/** Stores a snapshot covering every update up to `upto`. */
	writeSnapshot(doc: string, state: Uint8Array, upto: number): Promise<void>;
	/** Every update of a document's log stored at or before `at` (ms), in order: its past. */
	updatesUntil(doc: string, at: number): Promise<Uint8Array[]>;
	/** Deletes a session for good: its tokens, its documents' logs and snapshots. */
	deleteSession(id: string): Promise<void>;
	/** When the last update of a document's log was stored (ms), or null. */
	lastUpdateAt(doc: string): Promise<number | null>;
	/** Every session, newest first (at most `limit`), with how many people joined it and when its board last changed. */
	listSessions(limit: number): Promise<SessionSummary[]>;
	/** Which engine, and whether it answers now (the health check). */
	readonly kind: 'sqlite' | 'postgres';
	ping(): Promise<void>;
	close(): Promise<void>;
}
