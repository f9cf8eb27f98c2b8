/**
 * The application services of one process: storage, sessions, the sync endpoint. The
 * composition roots (server/index.ts in production, the Vite plugin in development) create
 * one and register it, and the SvelteKit hooks hand it to endpoints through `locals`.
 */
import os from 'node:os';
import type { Config } from './config.ts';
import { createLog, type Log } from './log.ts';
import { noRelay, openRedisRelay, type RateLimit, type Relay } from './relay.ts';
import { Sessions } from './sessions.ts';
import { openPostgresStorage } from './storage/postgres.ts';
import { openSqliteStorage } from './storage/sqlite.ts';
import type { Storage } from './storage/storage.ts';
import { createSyncServer, type SyncServer } from './sync.ts';

export interface Agora {
	config: Config;
	log: Log;
	storage: Storage;
	/** Other processes of the instance (REDIS_URL), or none. */
	relay: Relay;
	sessions: Sessions;
	/** Wrong join codes per client address, over a minute (shared by every process). */
	wrongCodes: RateLimit;
	/** Sessions created per client address, over an hour (shared by every process). */
	newSessions: RateLimit;
	sync: SyncServer;
	/** Origins phones on the room's network can reach (PUBLIC_URL, else the LAN addresses). */
	publicOrigins(port: number): string[];
	close(): Promise<void>;
}

export function createAgora(config: Config): Agora {
	const log = createLog(config.logLevel);
	if (config.redisUrl && !config.databaseUrl) {
		// Each process would keep its own SQLite file: the relay would mix documents stored apart.
		throw new Error('REDIS_URL relays between processes that share one PostgreSQL: set DATABASE_URL too.');
	}
	const storage = config.databaseUrl ? openPostgresStorage(config.databaseUrl) : openSqliteStorage(config.dataDir);
	const relay = config.redisUrl ? openRedisRelay({ url: config.redisUrl, log }) : noRelay;
	const sessions = new Sessions(storage);
	const sync = createSyncServer({ config, log, storage, relay, sessions });
	return {
		config,
		log,
		storage,
		relay,
		sessions,
		wrongCodes: relay.rateLimit('wrong-codes', config.wrongCodesPerMinute, 60_000),
		newSessions: relay.rateLimit('new-sessions', config.sessionsPerHour, 3_600_000),
		sync,
		publicOrigins(port) {
			if (config.publicUrl) return [config.publicUrl.replace(/\/$/, '')];
			return lanAddresses().map((a) => `http://${a}:${port}`);
		},
		async close() {
			await sync.close();
			await relay.close();
			await storage.close();
		}
	};
}

/** IPv4 addresses of this machine on its networks (not loopback): where phones can reach it. */
export function lanAddresses(): string[] {
	return Object.values(os.networkInterfaces())
		.flat()
		.filter((i) => i && i.family === 'IPv4' && !i.internal)
		.map((i) => i!.address);
}
