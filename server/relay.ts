/**
 * Relaying between the processes of one instance, when REDIS_URL is set: one Redis Stream per
 * room (`agora:room:<sessionId>/<doc>`). Streams, not pub/sub: pub/sub drops messages for a
 * slow subscriber (hocuspocus#800), a stream keeps them until it is trimmed, and a reader
 * resumes from the last id it saw.
 *
 * - A process subscribes to a room's stream *before* loading the room from storage: anything
 *   published after the load started reaches it (Yjs ignores what it already has).
 * - It publishes what its own clients send, after storing it, and never what it received.
 * - Rooms exchange state vectors through the stream; a room that sees a peer ahead of it reads
 *   storage again, so a message lost (trimmed stream, Redis restarted) heals by itself.
 * - Without REDIS_URL, `noRelay` does nothing: one process, nothing to relay.
 */
import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import type { Log } from './log.ts';
import { RateWindow } from './rate-window.ts';

/** What travels in a room's stream. */
export type RelayKind = 'update' | 'awareness' | 'state' | 'deleted';
const CODE: Record<RelayKind, string> = { update: 'u', awareness: 'a', state: 's', deleted: 'x' };
const KIND: Record<string, RelayKind> = { u: 'update', a: 'awareness', s: 'state', x: 'deleted' };

export type RelayListener = (kind: RelayKind, data: Uint8Array) => void;

/** Events counted per key (a client address) over a sliding window, shared by every process. */
export interface RateLimit {
	/** Milliseconds until `key` is under `limit` events in the window again, or 0. */
	retryAfter(key: string, limit?: number): Promise<number>;
	hit(key: string): Promise<void>;
}

export interface Relay {
	readonly kind: 'redis' | 'none';
	/**
	 * Starts receiving what other processes publish in `room`; resolves once nothing later can be
	 * missed, or at once while Redis is away: then `onGap` is called when it is back, since what
	 * was published meanwhile never arrives.
	 */
	subscribe(room: string, listener: RelayListener, onGap: () => void): Promise<void>;
	unsubscribe(room: string): void;
	/** Sends to the other processes (never back to this one). Failures are logged: healing covers them. */
	publish(room: string, kind: RelayKind, data: Uint8Array): void;
	/** Called after the connection to Redis came back: rooms read storage again. */
	onReconnect(fn: () => void): void;
	/** Tells the other processes how many connections this one holds in a session. */
	reportConnections(sessionId: string, count: number): void;
	/** Connections the other processes hold in a session (0 while Redis is away). */
	connectionsElsewhere(sessionId: string): Promise<number>;
	/** A sliding-window counter, in Redis when there is one. */
	rateLimit(name: string, limit: number, windowMs: number): RateLimit;
	ping(): Promise<void>;
	close(): Promise<void>;
}

/** One process alone: nothing to relay, counters in memory. */
export const noRelay: Relay = {
	kind: 'none',
	subscribe: async () => undefined,
	unsubscribe: () => undefined,
	publish: () => undefined,
	onReconnect: () => undefined,
	reportConnections: () => undefined,
	connectionsElsewhere: async () => 0,
	rateLimit(_name, limit, windowMs) {
		const window = new RateWindow(limit, windowMs);
		return {
			retryAfter: async (key, max) => window.retryAfter(key, max),
			hit: async (key) => window.hit(key)
		};
	},
	ping: async () => undefined,
	close: async () => undefined
};

export interface RedisRelayOptions {
	url: string;
	log: Log;
	/** Entries kept per stream (approximately): a process that lags further heals from storage. */
	maxLength?: number;
}

const PREFIX = 'agora:room:';
/** Connections per session: a hash whose fields are processes, each `<count>:<ms>`. */
const CONNECTIONS = 'agora:connections:';
/** A process's count older than this is not counted: the process died without saying so. */
const CONNECTIONS_STALE_MS = 15_000;
/** A stream no process has spoken in for this long is dropped (a room says its state every few seconds while loaded). */
const STREAM_TTL_MS = 24 * 3600_000;
/** How long one blocking read waits: also the longest a new room waits for its first read. */
const BLOCK_MS = 1000;

interface Subscription {
	listener: RelayListener;
	onGap: () => void;
	/** Last stream id read, or null while it is not known (Redis was away when subscribing). */
	cursor: string | null;
}

export function openRedisRelay(opts: RedisRelayOptions): Relay {
	const { log } = opts;
	const maxLength = String(opts.maxLength ?? 10_000);
	/** This process's name in the streams: messages it published are skipped when read back. */
	const me = crypto.randomBytes(8).toString('hex');
	const options = { maxRetriesPerRequest: 2, connectionName: `agora-${me}` };
	// Commands (publish, counters) and the blocking read need separate connections: a blocked
	// connection answers nothing else until its read returns. While Redis is away, commands fail
	// at once instead of queueing: a room must not wait for Redis to load, and what is not
	// relayed heals from storage.
	const commands = new Redis(opts.url, { ...options, enableAutoPipelining: true, enableOfflineQueue: false });
	const reader = new Redis(opts.url, options);
	const subscriptions = new Map<string, Subscription>();
	const reconnectListeners: (() => void)[] = [];
	let closed = false;
	let readerId: number | null = null;
	let wake: (() => void) | null = null;

	// An error event without a listener would crash the process; the retries are ioredis's own.
	let down = false;
	for (const [name, client] of [
		['commands', commands],
		['reader', reader]
	] as const) {
		client.on('error', (error: Error) => {
			if (!down) log.error('relay.redis_error', { connection: name, error: error.message });
			down = true;
		});
	}
	let everReady = false;
	commands.on('ready', () => {
		if (everReady) {
			log.info('relay.reconnected', {});
			for (const fn of reconnectListeners) fn();
		}
		everReady = true;
		down = false;
	});
	reader.on('close', () => (readerId = null));

	/** The id of the newest entry of a stream ('0-0' when it has none). */
	async function newestId(room: string): Promise<string> {
		const [entry] = await commands.xrevrange(PREFIX + room, '+', '-', 'COUNT', 1);
		return entry ? entry[0] : '0-0';
	}

	function interruptRead() {
		wake?.();
		// A read already blocked in Redis returns at once, and the next one includes the new stream.
		if (readerId !== null) commands.client('UNBLOCK', readerId).catch(() => undefined);
	}

	async function readLoop() {
		while (!closed) {
			const rooms = [...subscriptions.keys()];
			if (rooms.length === 0) {
				await new Promise<void>((resolve) => (wake = resolve));
				wake = null;
				continue;
			}
			try {
				for (const room of rooms) {
					const sub = subscriptions.get(room);
					if (sub && sub.cursor === null) {
						sub.cursor = await newestId(room);
						sub.onGap();
					}
				}
				readerId ??= Number(await reader.client('ID'));
				const live = rooms.filter((r) => subscriptions.has(r));
				const cursors = live.map((r) => subscriptions.get(r)!.cursor!);
				const answer = await reader.xreadBuffer('COUNT', 1000, 'BLOCK', BLOCK_MS, 'STREAMS', ...live.map((r) => PREFIX + r), ...cursors);
				for (const [stream, entries] of answer ?? []) {
					const room = stream.toString().slice(PREFIX.length);
					const sub = subscriptions.get(room);
					if (!sub) continue;
					for (const [id, fields] of entries) {
						sub.cursor = id.toString();
						const message = readFields(fields);
						if (!message || message.from === me) continue;
						try {
							sub.listener(message.kind, message.data);
						} catch (error) {
							log.error('relay.listener_failed', { room, error: String(error) });
						}
					}
				}
			} catch (error) {
				if (closed) return;
				log.debug('relay.read_failed', { error: String(error) });
				await new Promise((r) => setTimeout(r, 500));
			}
		}
	}
	void readLoop();

	// Counts are said again every few seconds, so that a dead process's count goes stale.
	const counts = new Map<string, number>();
	const sayCount = (sessionId: string, count: number) => {
		const key = CONNECTIONS + sessionId;
		const write = count > 0 ? commands.hset(key, me, `${count}:${Date.now()}`).then(() => commands.pexpire(key, CONNECTIONS_STALE_MS * 4)) : commands.hdel(key, me);
		write.catch(() => undefined);
	};
	const refresher = setInterval(() => {
		if (commands.status === 'ready') for (const [sessionId, count] of counts) sayCount(sessionId, count);
	}, CONNECTIONS_STALE_MS / 3);
	refresher.unref();

	return {
		kind: 'redis',
		async subscribe(room, listener, onGap) {
			const sub: Subscription = { listener, onGap, cursor: null };
			subscriptions.set(room, sub);
			try {
				sub.cursor = await newestId(room);
			} catch (error) {
				// Redis is away: the room loads anyway; the read loop learns the cursor when it is
				// back, and the reconnection heals the room from storage.
				log.info('relay.subscribe_deferred', { room, error: String(error) });
			}
			interruptRead();
		},
		unsubscribe(room) {
			subscriptions.delete(room);
		},
		publish(room, kind, data) {
			if (closed) return;
			commands
				.xadd(PREFIX + room, 'MAXLEN', '~', maxLength, '*', 'p', me, 't', CODE[kind], 'd', Buffer.from(data.buffer, data.byteOffset, data.byteLength))
				.catch((error: Error) => log.debug('relay.publish_failed', { room, error: error.message }));
			// Ended workshops' streams do not stay in Redis for ever.
			if (kind === 'state') commands.pexpire(PREFIX + room, STREAM_TTL_MS).catch(() => undefined);
		},
		onReconnect(fn) {
			reconnectListeners.push(fn);
		},
		reportConnections(sessionId, count) {
			if (count > 0) counts.set(sessionId, count);
			else counts.delete(sessionId);
			if (commands.status === 'ready') sayCount(sessionId, count);
		},
		async connectionsElsewhere(sessionId) {
			try {
				const fields = await commands.hgetall(CONNECTIONS + sessionId);
				let total = 0;
				for (const [process, value] of Object.entries(fields)) {
					const [count, at] = value.split(':').map(Number);
					if (process !== me && Date.now() - at < CONNECTIONS_STALE_MS) total += count;
				}
				return total;
			} catch {
				return 0;
			}
		},
		rateLimit(name, limit, windowMs) {
			return redisRateLimit(commands, `agora:rate:${name}:`, limit, windowMs);
		},
		async ping() {
			await commands.ping();
		},
		async close() {
			closed = true;
			clearInterval(refresher);
			interruptRead();
			reader.disconnect();
			// What is queued leaves first, unless Redis is away.
			await Promise.race([commands.quit().catch(() => undefined), new Promise((r) => setTimeout(r, 1000))]);
			commands.disconnect();
		}
	};
}

function readFields(fields: Buffer[]): { from: string; kind: RelayKind; data: Uint8Array } | null {
	let from = '';
	let kind: RelayKind | undefined;
	let data: Uint8Array | undefined;
	for (let i = 0; i + 1 < fields.length; i += 2) {
		const key = fields[i].toString();
		if (key === 'p') from = fields[i + 1].toString();
		else if (key === 't') kind = KIND[fields[i + 1].toString()];
		else if (key === 'd') data = new Uint8Array(fields[i + 1].buffer, fields[i + 1].byteOffset, fields[i + 1].byteLength);
	}
	return kind && data ? { from, kind, data } : null;
}

/**
 * A sliding window in a Redis sorted set per key: one entry per event, scored by its time.
 * While Redis is away the counter lets people through rather than locking a room out.
 */
function redisRateLimit(redis: Redis, prefix: string, limit: number, windowMs: number): RateLimit {
	return {
		async retryAfter(key, max = limit) {
			const now = Date.now();
			try {
				const [, [, scores]] = (await redis
					.multi()
					.zremrangebyscore(prefix + key, '-inf', now - windowMs)
					.zrange(prefix + key, 0, -1, 'WITHSCORES')
					.exec()) as [unknown, [unknown, string[]]];
				const times = scores.filter((_, i) => i % 2 === 1).map(Number);
				return times.length >= max ? times[times.length - max] + windowMs - now : 0;
			} catch {
				return 0;
			}
		},
		async hit(key) {
			const now = Date.now();
			await redis
				.multi()
				.zadd(prefix + key, now, `${now}-${crypto.randomBytes(4).toString('hex')}`)
				.pexpire(prefix + key, windowMs)
				.exec()
				.catch(() => undefined);
		}
	};
}
