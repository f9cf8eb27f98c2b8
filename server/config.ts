/**
 * Configuration, read from the environment in this one place. Every field has a default so
 * that `npm start` runs with nothing set.
 */
import path from 'node:path';

export interface Config {
	/** TCP port; 0 picks a free one (tests). */
	port: number;
	/** Interface to listen on; 0.0.0.0 so that phones on the room's Wi-Fi can join. */
	host: string;
	/** Folder of the SQLite database. */
	dataDir: string;
	/** PostgreSQL instead of SQLite (several processes share it): postgres://user:password@host/db. */
	databaseUrl: string | undefined;
	/** Redis, to relay between several processes sharing one PostgreSQL: redis://host:6379. */
	redisUrl: string | undefined;
	/** With a relay: how often each room tells the other processes its state vector (ms). */
	relayStateMs: number;
	/** Public origin (https://agora.example.org) when behind a proxy; else the LAN address is used. */
	publicUrl: string | undefined;
	/** Largest WebSocket message accepted, in bytes; larger ones close the connection (1009). */
	maxMessageBytes: number;
	/** Largest stored size of one document (snapshot plus log tail), in bytes. */
	maxDocumentBytes: number;
	/** Sustained document updates per second one connection may send (burst: twice as many). */
	updatesPerSecond: number;
	/** Bytes waiting to be sent to one connection before it is closed as too slow (it resyncs on return). */
	maxSendBufferBytes: number;
	/** First sync answers on their way at once, process-wide (the others wait their turn); 0: no bound. */
	initialSyncs: number;
	/** Connections one session may hold at once, all documents together. */
	maxConnectionsPerSession: number;
	/** A room with no connection leaves memory after this many milliseconds. */
	roomIdleMs: number;
	/** Compact the update log into a snapshot after this many updates. */
	snapshotEvery: number;
	/** Wrong join codes allowed per address per minute before answering 429. */
	wrongCodesPerMinute: number;
	/** Sessions one address may create per hour (a facilitator makes a few; a script, thousands). */
	sessionsPerHour: number;
	/** Log level: 'silent' in tests, 'info' otherwise. */
	logLevel: 'silent' | 'error' | 'info' | 'debug';
	/** Whoever holds it lists every session of the server and exports any (the organisers' desk); off when unset. */
	organiserToken: string | undefined;
}

function int(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
	return value;
}

/** The configuration from `env`, with `overrides` (tests) on top. */
export function readConfig(overrides: Partial<Config> = {}): Config {
	const level = process.env.LOG_LEVEL;
	return {
		port: int('PORT', 3000),
		host: process.env.HOST || '0.0.0.0',
		dataDir: path.resolve(process.env.DATA_DIR || './data'),
		databaseUrl: process.env.DATABASE_URL || undefined,
		redisUrl: process.env.REDIS_URL || undefined,
		relayStateMs: int('RELAY_STATE_MS', 5000),
		publicUrl: process.env.PUBLIC_URL || undefined,
		maxMessageBytes: int('MAX_MESSAGE_BYTES', 1024 * 1024),
		maxDocumentBytes: int('MAX_DOCUMENT_BYTES', 32 * 1024 * 1024),
		updatesPerSecond: int('UPDATES_PER_SECOND', 40),
		initialSyncs: int('INITIAL_SYNCS', 16),
		maxConnectionsPerSession: int('MAX_CONNECTIONS_PER_SESSION', 2500),
		maxSendBufferBytes: int('MAX_SEND_BUFFER_BYTES', 8 * 1024 * 1024),
		roomIdleMs: int('ROOM_IDLE_MS', 30_000),
		snapshotEvery: int('SNAPSHOT_EVERY', 500),
		wrongCodesPerMinute: int('WRONG_CODES_PER_MINUTE', 20),
		sessionsPerHour: int('SESSIONS_PER_HOUR', 60),
		logLevel: level === 'silent' || level === 'error' || level === 'debug' ? level : 'info',
		// Too short to be a secret: left off rather than guessable.
		organiserToken: (process.env.ORGANISER_TOKEN ?? '').length >= 16 ? process.env.ORGANISER_TOKEN : undefined,
		...overrides
	};
}
