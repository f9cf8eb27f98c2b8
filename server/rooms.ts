/**
 * Rooms: one live Y.Doc per `<sessionId>/<docName>`, loaded from storage on first connection
 * and unloaded some time after the last one leaves. The rules that peers' servers broke
 * (../shared/SYNC-NOTES.md) are kept here:
 * - messages wait in a buffer until the stored state has loaded;
 * - every update the document accepts is appended to storage *before* anything that carries
 *   it leaves the process (a live update or a sync answer);
 * - only the document's own `update` events are stored, so a client re-pushing known state
 *   stores nothing;
 * - a bad frame or a broken socket closes that one connection and nothing else.
 *
 * With several processes (REDIS_URL, server/relay.ts), a room also takes in what the same room
 * in other processes stored: it subscribes before loading, publishes each stored batch, applies
 * what it receives without storing or publishing it again, and compares state vectors with the
 * other processes now and then, reading storage again when one of them is ahead.
 */
import type { Socket } from 'node:net';
import * as wsModule from 'ws';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { CLOSE, isFrozen, type DocName, type Role } from '../src/lib/schema.ts';
import type { Config } from './config.ts';
import type { Log } from './log.ts';
import type { Relay, RelayKind } from './relay.ts';
import type { Storage } from './storage/storage.ts';
import { SyncGate } from './sync-gate.ts';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;

/** Origins of changes that are stored already: applied and sent to this process's clients, never stored or published again. */
const RELAYED = Symbol('relayed');
const FROM_STORAGE = Symbol('from storage');
/**
 * A broadcast's WebSocket frame, built once for every connection (ws would frame it again for
 * each). Server frames are not masked, so one frame serves every socket.
 */
function frameOnce(data: Uint8Array): Buffer {
	const { frame } = (wsModule as unknown as { Sender: { frame(data: Buffer, options: object): Buffer[] } }).Sender;
	const list = frame(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { fin: true, rsv1: false, opcode: 2, mask: false, readOnly: true });
	return list.length === 1 ? list[0] : Buffer.concat(list);
}

/** Presence changes within this many ms of the last presence broadcast leave together. */
const PRESENCE_WINDOW_MS = 100;
/** Origin of the presence the server removes when a connection closes (other processes must hear it). */
const LEFT = Symbol('left');

/** One WebSocket on one room. */
export interface Connection {
	ws: WebSocket;
	sessionId: string;
	doc: DocName;
	role: Role;
	writable: boolean;
	participantId: string | null;
	/** Awareness client ids this connection has announced, removed when it closes. */
	awarenessIds: Set<number>;
	/** Token bucket for document updates. */
	tokens: number;
	refilledAt: number;
	/** Its first sync answer was asked for (later ones skip the gate). */
	asked?: boolean;
	/** Gives back its slot of the initial-sync gate, while it holds one. */
	release?: () => void;
}

/** A message waiting for storage: a ready message, or a document update for everyone (which may leave merged with others, see #flushBatch). */
type Outgoing = ({ data: Uint8Array; update?: undefined; sent?: () => void } | { update: Uint8Array; data?: undefined; sent?: undefined }) & {
	/** Send only to this connection; otherwise to everyone but `except`. */
	to?: Connection;
	except?: Connection;
	/** The update sequence number this message needs stored before it may leave. */
	needs: number;
};

export interface RoomOptions {
	key: string;
	storage: Storage;
	relay: Relay;
	config: Config;
	log: Log;
	/** Bounds the initial sync answers in flight, process-wide. */
	gate: SyncGate;
	onEmpty: (room: Room) => void;
	/** Another process deleted the session: its rooms here close without storing anything more. */
	onDeleted?: () => void;
	/** Board rooms: whether the session is frozen (participants' changes are then dropped). */
	frozen?: () => boolean;
	/** Runs before the stored state is read (a board room first learns whether it is frozen). */
	beforeLoad?: () => Promise<void>;
	/** Control rooms: told the document after it loads and after every change. */
	watch?: (doc: Y.Doc) => void;
}

export class Room {
	readonly key: string;
	readonly doc = new Y.Doc();
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	readonly connections = new Set<Connection>();
	/** Resolves when the stored state is in `doc`. */
	readonly ready: Promise<void>;

	#opts: RoomOptions;
	#loaded = false;
	#buffered: [Connection, Uint8Array][] = [];
	/** Updates applied to `doc` and not yet stored, with the connection they came from. */
	#pending: { update: Uint8Array; origin: unknown }[] = [];
	#outbox: Outgoing[] = [];
	/** Updates applied so far / stored so far: an outgoing message waits until stored ≥ needs. */
	#applied = 0;
	#stored = 0;
	#flushScheduled = false;
	#flushing = false;
	#lastId = 0;
	#bytes = 0;
	#tail = 0;
	#idleTimer: NodeJS.Timeout | undefined;
	#closed = false;
	/** The session was deleted: nothing pending is stored any more. */
	#discarded = false;
	/** Holders other than connections (a board room holds its control room, to know the freeze). */
	#holds = 0;
	#relayed: [RelayKind, Uint8Array][] = [];
	#stateTimer: NodeJS.Timeout | undefined;
	#healing: Promise<number> | null = null;
	#healedAt = 0;
	/** Presence changes waiting to leave together: client id → the connection it came from (null: not one of ours). */
	#presence = new Map<number, Connection | null>();
	#presenceTimer: NodeJS.Timeout | undefined;
	#lastPresence = -Infinity;
	/** Updates for everyone released by storage together, each with the connection it came from. */
	#batch: { update: Uint8Array; except?: Connection }[] = [];
	/** Changes the document took so far, and the answer for a phone that has nothing, built once per version. */
	#version = 0;
	#whole: { version: number; data: Uint8Array } | null = null;

	constructor(opts: RoomOptions) {
		// The awareness of the server itself is not a participant.
		this.awareness.setLocalState(null);
		this.key = opts.key;
		this.#opts = opts;
		this.ready = this.#load();
	}

	/** Stored size of the document (snapshot + log tail), as the limit counts it. */
	get bytes(): number {
		return this.#bytes;
	}

	async #load(): Promise<void> {
		await this.#opts.beforeLoad?.();
		// Subscribe first: whatever another process stores while this one reads arrives after.
		await this.#opts.relay.subscribe(
			this.key,
			(kind, data) => {
				if (this.#loaded) this.#fromRelay(kind, data);
				else this.#relayed.push([kind, data]);
			},
			() => void this.ready.then(() => this.heal(true)).catch(() => undefined)
		);
		const stored = await this.#opts.storage.loadDocument(this.key);
		Y.transact(this.doc, () => {
			if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot);
			for (const u of stored.updates) Y.applyUpdate(this.doc, u);
		});
		this.#lastId = stored.lastId;
		this.#bytes = stored.bytes;
		this.#tail = stored.updates.length;
		this.doc.on('update', (update: Uint8Array, origin: unknown) => this.#accepted(update, origin));
		const watch = this.#opts.watch;
		if (watch) {
			watch(this.doc);
			this.doc.on('update', () => watch(this.doc));
		}
		this.awareness.on('update', this.#awarenessChanged);
		this.#loaded = true;
		for (const [kind, data] of this.#relayed) this.#fromRelay(kind, data);
		this.#relayed = [];
		if (this.#opts.relay.kind !== 'none' && !this.#closed) {
			this.#stateTimer = setInterval(() => this.#publishState(), this.#opts.config.relayStateMs);
			this.#stateTimer.unref();
		}
		for (const conn of this.connections) this.#greet(conn);
		const buffered = this.#buffered;
		this.#buffered = [];
		for (const [conn, data] of buffered) if (this.connections.has(conn)) this.#receive(conn, data);
		if (this.#tail >= this.#opts.config.snapshotEvery) this.#snapshotSoon();
	}

	add(conn: Connection): void {
		clearTimeout(this.#idleTimer);
		this.connections.add(conn);
		conn.ws.on('message', (data: Buffer, isBinary: boolean) => {
			// Once the server has closed a connection (bad frame, limit, room closing), frames
			// still in flight on it are ignored: `ws` keeps emitting them during the close
			// handshake, and they must not be applied, stored or relayed.
			if (!this.connections.has(conn)) return;
			const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
			if (!isBinary) return this.#reject(conn, CLOSE.badFrame, 'text frame');
			if (this.#loaded) this.#receive(conn, bytes);
			else this.#buffered.push([conn, bytes]);
		});
		conn.ws.on('close', () => this.#remove(conn));
		if (this.#loaded) this.#greet(conn);
	}

	/** Sends step 1 to every participant: each answers with the changes the server lacks. */
	askParticipants(): void {
		if (!this.#loaded) return;
		for (const conn of this.connections) {
			if (conn.role !== 'participant') continue;
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, MESSAGE_SYNC);
			syncProtocol.writeSyncStep1(encoder, this.doc);
			this.#sendNow(conn, encoding.toUint8Array(encoder));
		}
	}

	/** Server step 1 and the presence already known, as y-websocket expects on connection. */
	#greet(conn: Connection) {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(encoder, this.doc);
		this.#sendNow(conn, encoding.toUint8Array(encoder));
		const clients = this.#presenceFor(conn, [...this.awareness.getStates().keys()]);
		if (clients.length > 0) {
			this.#sendNow(conn, this.#awarenessMessage(clients));
		}
	}

	/**
	 * The presence a connection is sent. The console and the projector count everyone and see who
	 * is on which step; a phone only shows who else has an action sheet open, so it gets only the
	 * states that say so (and, once, the state that stops saying so). In a room of 1,000 phones,
	 * each phone no longer receives the 1,000 states and their renewals every 15 s.
	 */
	#presenceFor(conn: Connection, clients: number[]): number[] {
		if (conn.role !== 'participant') return clients;
		return clients.filter((id) => this.#toPhones.has(id));
	}

	/** Client ids whose state phones hold: they say they edit an action, or just stopped. */
	#toPhones = new Set<number>();

	/** Which of `changed` phones are told about; keeps #toPhones up to date. */
	#phonesHear(changed: number[]): number[] {
		const states = this.awareness.getStates();
		return changed.filter((id) => {
			const editing = typeof states.get(id)?.editing === 'string';
			const held = this.#toPhones.has(id);
			if (editing) this.#toPhones.add(id);
			else this.#toPhones.delete(id);
			return editing || held;
		});
	}

	#receive(conn: Connection, data: Uint8Array) {
		try {
			const decoder = decoding.createDecoder(data);
			const type = decoding.readVarUint(decoder);
			if (type === MESSAGE_SYNC) this.#receiveSync(conn, decoder, data.byteLength);
			else if (type === MESSAGE_AWARENESS) {
				awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), conn);
			} else if (type === MESSAGE_QUERY_AWARENESS) {
				const clients = this.#presenceFor(conn, [...this.awareness.getStates().keys()]);
				if (clients.length > 0) this.#sendNow(conn, this.#awarenessMessage(clients));
			} else this.#reject(conn, CLOSE.badFrame, `unknown message type ${type}`);
		} catch (error) {
			this.#reject(conn, CLOSE.badFrame, error instanceof Error ? error.message : 'undecodable');
		}
	}

	#receiveSync(conn: Connection, decoder: decoding.Decoder, size: number) {
		const sub = decoding.readVarUint(decoder);
		if (sub === syncProtocol.messageYjsSyncStep1) {
			const stateVector = decoding.readVarUint8Array(decoder);
			if (conn.asked) return this.#answer(conn, stateVector);
			conn.asked = true;
			// The first answer may carry the whole document: it waits for a slot of the gate.
			this.#opts.gate.enter((release) => {
				if (!this.connections.has(conn) || this.#closed) return release();
				conn.release = release;
				this.#answer(conn, stateVector, release);
			});
			return;
		}
		if (sub !== syncProtocol.messageYjsSyncStep2 && sub !== syncProtocol.messageYjsUpdate) {
			return this.#reject(conn, CLOSE.badFrame, `unknown sync message ${sub}`);
		}
		// Read-only connections may ask for state but never change it: dropped, never applied.
		if (!conn.writable) return;
		// A frozen session: the server itself keeps participants' changes out, whatever their
		// client does (the phones also show the board read-only and say why).
		if (conn.role === 'participant' && this.#opts.frozen?.()) return;
		if (!this.#takeToken(conn)) {
			return this.#reject(conn, CLOSE.tooManyUpdates, 'too many updates per second');
		}
		if (this.#bytes + size > this.#opts.config.maxDocumentBytes) {
			return this.#reject(conn, CLOSE.documentTooLarge, 'document size limit reached');
		}
		const update = decoding.readVarUint8Array(decoder);
		// Errors here mean a malformed update: the catch in #receive closes this connection.
		Y.applyUpdate(this.doc, update, conn);
	}

	/**
	 * Sync step 2 for a state vector: the document as it is now, pending updates included (it
	 * leaves once they are stored). A phone that has nothing gets the whole document, encoded once
	 * per version of it however many phones arrive together.
	 */
	#answer(conn: Connection, stateVector: Uint8Array, sent?: () => void) {
		const empty = stateVector.length === 1 && stateVector[0] === 0;
		let data: Uint8Array;
		if (empty && this.#whole?.version === this.#version) data = this.#whole.data;
		else {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, MESSAGE_SYNC);
			syncProtocol.writeSyncStep2(encoder, this.doc, stateVector);
			data = encoding.toUint8Array(encoder);
			if (empty) this.#whole = { version: this.#version, data };
		}
		this.#send({ data, to: conn, needs: this.#applied, sent });
	}

	#takeToken(conn: Connection): boolean {
		const rate = this.#opts.config.updatesPerSecond;
		const now = Date.now();
		conn.tokens = Math.min(rate * 2, conn.tokens + ((now - conn.refilledAt) / 1000) * rate);
		conn.refilledAt = now;
		if (conn.tokens < 1) return false;
		conn.tokens -= 1;
		return true;
	}

	/** The document accepted a change: store it, then relay it (in #flush). */
	#accepted(update: Uint8Array, origin: unknown) {
		this.#version++;
		if (origin === RELAYED || origin === FROM_STORAGE) {
			// Stored already, by another process: on to this process's clients, in order.
			this.#bytes += update.byteLength;
			return this.#send({ update, needs: 0 });
		}
		this.#pending.push({ update, origin });
		this.#applied++;
		this.#bytes += update.byteLength;
		this.#send({ update, except: origin as Connection, needs: this.#applied });
		this.#scheduleFlush();
	}

	#updateMessage(update: Uint8Array): Uint8Array {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_SYNC);
		syncProtocol.writeUpdate(encoder, update);
		return encoding.toUint8Array(encoder);
	}

	/** What the same room in another process published. */
	#fromRelay(kind: RelayKind, data: Uint8Array) {
		if (this.#closed) return;
		try {
			if (kind === 'update') Y.applyUpdate(this.doc, data, RELAYED);
			else if (kind === 'awareness') awarenessProtocol.applyAwarenessUpdate(this.awareness, data, RELAYED);
			else if (kind === 'state') this.#compareState(Y.decodeStateVector(data));
			else if (kind === 'deleted') this.#opts.onDeleted?.();
		} catch (error) {
			this.#opts.log.error('relay.bad_message', { room: this.#roomLabel(), kind, error: String(error) });
		}
	}

	/**
	 * Another process said its state vector. Being behind it for a moment is normal (its latest
	 * changes are on their way through Redis): only if this room is still behind that state a
	 * second later did a message go missing, and storage is read again.
	 */
	#compareState(theirs: Map<number, number>) {
		if (!this.#behind(theirs)) return;
		setTimeout(() => {
			if (!this.#closed && this.#behind(theirs)) void this.heal().catch(() => undefined);
		}, Math.min(1000, this.#opts.config.relayStateMs)).unref();
	}

	/** Whether another process's document holds changes this one lacks. */
	#behind(theirs: Map<number, number>): boolean {
		const mine = Y.decodeStateVector(Y.encodeStateVector(this.doc));
		for (const [client, clock] of theirs) if (clock > (mine.get(client) ?? 0)) return true;
		// Changes waiting for a missing one (a lost message) are not in the state vector.
		return this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
	}

	#publishState() {
		if (!this.#loaded || this.#closed) return;
		this.#opts.relay.publish(this.key, 'state', Y.encodeStateVector(this.doc));
	}

	/**
	 * Reads the stored document again and applies what this process lacks (Yjs skips the rest):
	 * a relayed message that never arrived heals here. At most one read at a time, and, when a
	 * peer keeps being ahead, at most one per state interval. Answers the last stored id read.
	 */
	heal(force = false): Promise<number> {
		if (this.#healing) return this.#healing;
		if (!force && Date.now() - this.#healedAt < this.#opts.config.relayStateMs) return Promise.resolve(this.#lastId);
		this.#healing = (async () => {
			const stored = await this.#opts.storage.loadDocument(this.key);
			if (this.#closed) return stored.lastId;
			Y.transact(
				this.doc,
				() => {
					if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot, FROM_STORAGE);
					for (const u of stored.updates) Y.applyUpdate(this.doc, u, FROM_STORAGE);
				},
				FROM_STORAGE
			);
			return stored.lastId;
		})().finally(() => {
			this.#healing = null;
			this.#healedAt = Date.now();
		});
		return this.#healing;
	}

	/**
	 * Group commit: every update accepted during this turn of the event loop is stored in one
	 * transaction, then whatever waited for it is sent.
	 */
	#scheduleFlush() {
		if (this.#flushScheduled || this.#flushing) return;
		this.#flushScheduled = true;
		setImmediate(() => {
			this.#flushScheduled = false;
			void this.#flush();
		});
	}

	async #flush(): Promise<void> {
		if (this.#flushing || this.#pending.length === 0 || this.#discarded) return;
		this.#flushing = true;
		const batch = this.#pending;
		this.#pending = [];
		const upTo = this.#stored + batch.length;
		try {
			this.#lastId = await this.#opts.storage.appendUpdates(
				this.key,
				batch.map((b) => b.update)
			);
		} catch (error) {
			// Nothing unstored may leave: drop the room; clients keep their state and push it
			// back on reconnection, which stores it then.
			this.#opts.log.error('storage.append_failed', { room: this.#roomLabel(), error: String(error) });
			this.#flushing = false;
			this.close(1011, 'storage failure');
			return;
		}
		this.#stored = upTo;
		this.#tail += batch.length;
		this.#flushing = false;
		this.#drain();
		if (this.#opts.relay.kind !== 'none') {
			this.#opts.relay.publish(this.key, 'update', batch.length === 1 ? batch[0].update : Y.mergeUpdates(batch.map((b) => b.update)));
		}
		if (this.#pending.length > 0) this.#scheduleFlush();
		else if (this.#tail >= this.#opts.config.snapshotEvery) this.#snapshotSoon();
	}

	#send(msg: Outgoing) {
		if (msg.needs <= this.#stored && this.#outbox.length === 0) {
			this.#deliver(msg);
			this.#flushBatch();
		} else this.#outbox.push(msg);
	}

	/** Sends what storage has caught up with: the updates among it leave merged, in one message. */
	#drain() {
		let i = 0;
		while (i < this.#outbox.length && this.#outbox[i].needs <= this.#stored) this.#deliver(this.#outbox[i++]);
		this.#outbox.splice(0, i);
		this.#flushBatch();
	}

	#deliver(msg: Outgoing) {
		if (msg.update) {
			this.#batch.push({ update: msg.update, except: msg.except });
			return;
		}
		// Anything else leaves after the updates that wait: a client sees things in order.
		this.#flushBatch();
		if (msg.to) return this.#sendNow(msg.to, msg.data, msg.sent);
		for (const conn of this.connections) if (conn !== msg.except) this.#sendNow(conn, msg.data);
	}

	/**
	 * Sending is what costs: one system call per connection and message, about 5 µs each, so a
	 * broadcast to 1,000 phones holds the process for 5 ms. The updates that storage released
	 * together (a burst of votes read in one turn) leave as one merged message, framed once for
	 * every connection. Nothing waits for more to come: a timed window cut the sends but raised
	 * the 99th percentile above the stock relay's (BENCHMARKS.md, crowd).
	 */
	#flushBatch() {
		if (this.#batch.length === 0) return;
		const batch = this.#batch;
		this.#batch = [];
		this.#broadcast(batch);
	}

	#broadcast(batch: { update: Uint8Array; except?: Connection }[]) {
		if (batch.length === 1) {
			const frame = frameOnce(this.#updateMessage(batch[0].update));
			for (const conn of this.connections) if (conn !== batch[0].except) this.#sendFrame(conn, frame);
			return;
		}
		const all = frameOnce(this.#updateMessage(Y.mergeUpdates(batch.map((b) => b.update))));
		// No echo of a batch that is one connection's own; in a mixed batch its own changes come
		// back with the others' (Yjs skips them), which costs bytes but no merge per sender.
		const only = batch[0].except && batch.every((b) => b.except === batch[0].except) ? batch[0].except : undefined;
		for (const conn of this.connections) if (conn !== only) this.#sendFrame(conn, all);
	}

	/**
	 * Writes a ready frame straight to the connection's socket. Without compression, ws writes
	 * every message synchronously too, so frames stay in order with its own; a broken socket
	 * closes the connection through ws's own error handling.
	 */
	#sendFrame(conn: Connection, frame: Buffer) {
		if (conn.ws.readyState !== conn.ws.OPEN) return;
		const socket = (conn.ws as unknown as { _socket: Socket })._socket;
		// A phone that does not read what it is sent (a dead Wi-Fi, a frozen tab) must not hold
		// the room's memory: past the limit it is closed, and resyncs when it comes back.
		if (socket.writableLength > this.#opts.config.maxSendBufferBytes) {
			return this.#reject(conn, CLOSE.tooSlow, 'not reading what it is sent');
		}
		socket.write(frame);
	}

	/** `sent`: called once the message is handed to the socket, or dropped. */
	#sendNow(conn: Connection, data: Uint8Array, sent?: () => void) {
		if (conn.ws.readyState !== conn.ws.OPEN) return sent?.();
		conn.ws.send(data, (error) => {
			if (error) this.#opts.log.debug('ws.send_failed', { room: this.#roomLabel(), error: error.message });
			sent?.();
		});
	}

	#awarenessMessage(clients: number[]): Uint8Array {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
		encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
		return encoding.toUint8Array(encoder);
	}

	#awarenessChanged = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	) => {
		const changed = [...added, ...updated, ...removed];
		const conn = origin as Connection | null;
		const local = conn !== null && this.connections.has(conn);
		if (local) {
			for (const id of added) conn.awarenessIds.add(id);
			for (const id of removed) conn.awarenessIds.delete(id);
		}
		for (const id of changed) this.#presence.set(id, local ? conn : null);
		this.#presenceSoon();
		// This process's people (arriving, moving, leaving) are told to the others; what came
		// from them, or timed out here, is not sent back.
		if (local || origin === LEFT) {
			this.#opts.relay.publish(this.key, 'awareness', awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
		}
	};

	/**
	 * Presence leaves at a bounded rate: at once when the room has been quiet for
	 * PRESENCE_WINDOW_MS, else at the end of that window, every change of the window in one
	 * message. 1,000 phones renewing their presence every 15 s would otherwise make a million
	 * messages each time; arriving together, they make ten a second.
	 */
	#presenceSoon() {
		if (this.#presenceTimer) return;
		const wait = this.#lastPresence + PRESENCE_WINDOW_MS - performance.now();
		if (wait <= 0) return this.#flushPresence();
		this.#presenceTimer = setTimeout(() => this.#flushPresence(), wait);
	}

	#flushPresence() {
		clearTimeout(this.#presenceTimer);
		this.#presenceTimer = undefined;
		if (this.#presence.size === 0 || this.#closed) return;
		const origins = new Set(this.#presence.values());
		const only = origins.size === 1 ? [...origins][0] : null;
		const changed = [...this.#presence.keys()];
		const frame = frameOnce(this.#awarenessMessage(changed));
		const forPhones = this.#phonesHear(changed);
		const phoneFrame = forPhones.length === 0 ? null : forPhones.length === changed.length ? frame : frameOnce(this.#awarenessMessage(forPhones));
		this.#presence.clear();
		this.#lastPresence = performance.now();
		// Updates waiting leave first: a client sees things in order.
		this.#flushBatch();
		for (const other of this.connections) {
			if (other === only) continue;
			const f = other.role === 'participant' ? phoneFrame : frame;
			if (f) this.#sendFrame(other, f);
		}
	}

	#reject(conn: Connection, code: number, reason: string) {
		this.#opts.log.info('sync.connection_closed', { room: this.#roomLabel(), role: conn.role, code, reason });
		conn.ws.close(code, reason.slice(0, 120));
		// A peer that does not answer the close handshake must not hold the room.
		setTimeout(() => conn.ws.terminate(), 2000).unref();
		this.#remove(conn);
	}

	#remove(conn: Connection) {
		if (!this.connections.delete(conn)) return;
		conn.release?.();
		if (conn.awarenessIds.size > 0) {
			awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], LEFT);
		}
		this.#idleSoon();
		this.#opts.onEmpty(this);
	}

	#idleSoon() {
		if (this.connections.size > 0 || this.#holds > 0 || this.#closed) return;
		clearTimeout(this.#idleTimer);
		this.#idleTimer = setTimeout(() => this.#unloadIfIdle(), this.#opts.config.roomIdleMs);
		this.#idleTimer.unref();
	}

	/** Keeps the room loaded without a connection, until `release`. */
	retain(): void {
		clearTimeout(this.#idleTimer);
		this.#holds++;
	}

	release(): void {
		this.#holds = Math.max(0, this.#holds - 1);
		this.#idleSoon();
	}

	#unloadIfIdle() {
		if (this.connections.size > 0 || this.#holds > 0 || this.#closed) return;
		if (this.#pending.length > 0 || this.#flushing) {
			this.#idleTimer = setTimeout(() => this.#unloadIfIdle(), 100);
			return;
		}
		this.close(1001, 'idle');
	}

	#snapshotScheduled = false;
	/** Compaction runs off the hot path, once the room has nothing waiting to be stored. */
	#snapshotSoon() {
		if (this.#snapshotScheduled) return;
		this.#snapshotScheduled = true;
		setTimeout(() => {
			this.#snapshotScheduled = false;
			void this.snapshot();
		}, 50).unref();
	}

	/** Writes a snapshot of everything stored so far (only when nothing is pending). */
	async snapshot(): Promise<void> {
		if (this.#tail === 0 || this.#pending.length > 0 || this.#flushing || !this.#loaded || this.#discarded) return;
		let upto = this.#lastId;
		if (this.#opts.relay.kind !== 'none') {
			// Other processes append to the same log: the snapshot covers an id only once this
			// document has read everything stored up to it.
			try {
				upto = await this.heal(true);
			} catch (error) {
				this.#opts.log.error('storage.snapshot_failed', { room: this.#roomLabel(), error: String(error) });
				return;
			}
			if (this.#pending.length > 0 || this.#flushing) return;
		}
		const state = Y.encodeStateAsUpdate(this.doc);
		try {
			await this.#opts.storage.writeSnapshot(this.key, state, upto);
			this.#bytes = state.byteLength;
			this.#tail = 0;
		} catch (error) {
			this.#opts.log.error('storage.snapshot_failed', { room: this.#roomLabel(), error: String(error) });
		}
	}

	/** Stores what is pending, snapshots, closes every connection and frees the document. */
	close(code = 1001, reason = 'closing'): void {
		if (this.#closed) return;
		this.#closed = true;
		clearTimeout(this.#idleTimer);
		clearInterval(this.#stateTimer);
		clearTimeout(this.#presenceTimer);
		this.#opts.relay.unsubscribe(this.key);
		for (const conn of [...this.connections]) {
			conn.ws.close(code, reason);
			this.connections.delete(conn);
		}
		this.#opts.onEmpty(this);
		this.#closedHook?.();
	}

	#closedHook: (() => void) | undefined;
	/** Called once by Rooms to learn that this room is gone. */
	onClosed(fn: () => void) {
		this.#closedHook = fn;
	}

	get closed(): boolean {
		return this.#closed;
	}

	/** Closes without storing anything more: the session was deleted by another process. */
	discard(code: number, reason: string): void {
		this.#discarded = true;
		this.#pending = [];
		this.close(code, reason);
	}

	/** Flushes pending updates and writes a final snapshot; used at unload and shutdown. */
	async settle(): Promise<void> {
		await this.ready.catch(() => undefined);
		if (this.#discarded) return;
		while (this.#pending.length > 0 || this.#flushing) {
			if (!this.#flushing) await this.#flush();
			else await new Promise((r) => setImmediate(r));
		}
		await this.snapshot();
	}

	destroy() {
		this.awareness.destroy();
		this.doc.destroy();
	}

	#roomLabel() {
		// The key holds the session id and doc name, never a token.
		return this.key;
	}
}

/** Get-or-create rooms by key, count connections per session, unload idle rooms. */
export class Rooms {
	#rooms = new Map<string, Room>();
	#perSession = new Map<string, number>();
	/** Whether each session is frozen, as its control document last said (in this process). */
	#frozen = new Map<string, boolean>();
	/** First sync answers in flight, for every room of the process (INITIAL_SYNCS). */
	readonly gate: SyncGate;

	constructor(private deps: { storage: Storage; relay: Relay; config: Config; log: Log }) {
		this.gate = new SyncGate(deps.config.initialSyncs);
		// Redis came back: what was relayed while it was away may be lost; storage has it.
		deps.relay.onReconnect(() => {
			for (const room of this.#rooms.values()) void room.heal(true).catch(() => undefined);
		});
	}

	get size(): number {
		return this.#rooms.size;
	}

	/** Open connections across every room. */
	get connections(): number {
		let n = 0;
		for (const count of this.#perSession.values()) n += count;
		return n;
	}

	connectionsOf(sessionId: string): number {
		return this.#perSession.get(sessionId) ?? 0;
	}

	get(key: string): Room | undefined {
		return this.#rooms.get(key);
	}

	/**
	 * Closes a deleted session's rooms for good (the clients stop reconnecting), once what they
	 * hold is stored: the caller deletes the storage after, so nothing is written back later.
	 * Other processes close theirs without storing anything more.
	 */
	async closeSession(sessionId: string): Promise<void> {
		for (const doc of ['control', 'board']) this.deps.relay.publish(`${sessionId}/${doc}`, 'deleted', new Uint8Array(0));
		const rooms = this.#roomsOf(sessionId);
		for (const room of rooms) room.close(CLOSE.sessionDeleted, 'session deleted');
		await Promise.all(rooms.map((room) => room.settle()));
		this.#frozen.delete(sessionId);
	}

	#roomsOf(sessionId: string): Room[] {
		return [...this.#rooms].filter(([key]) => key.startsWith(`${sessionId}/`)).map(([, room]) => room);
	}

	isFrozen(sessionId: string): boolean {
		return this.#frozen.get(sessionId) === true;
	}

	/**
	 * The control document said whether the session is frozen. On thawing, the board asks each
	 * phone for what it lacks: a change dropped during the freeze left a gap in that phone's
	 * updates, and everything it sends after would otherwise wait behind it.
	 */
	#freezeSaid(sessionId: string, frozen: boolean) {
		const was = this.#frozen.get(sessionId);
		this.#frozen.set(sessionId, frozen);
		if (was === true && !frozen) this.#rooms.get(`${sessionId}/board`)?.askParticipants();
	}

	/** Reads the freeze from the stored control document when no control room has said it yet. */
	async #learnFrozen(sessionId: string): Promise<void> {
		if (this.#frozen.has(sessionId)) return;
		const control = this.#rooms.get(`${sessionId}/control`);
		if (control) return control.ready;
		const stored = await this.deps.storage.loadDocument(`${sessionId}/control`);
		const doc = new Y.Doc();
		if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
		for (const u of stored.updates) Y.applyUpdate(doc, u);
		if (!this.#frozen.has(sessionId)) this.#frozen.set(sessionId, isFrozen(doc));
		doc.destroy();
	}

	/** The room of `<sessionId>/<doc>`, created (and loading) if needed. */
	#open(sessionId: string, doc: DocName): Room {
		const key = `${sessionId}/${doc}`;
		const room = this.#rooms.get(key);
		if (room && !room.closed) return room;
		// With other processes, the freeze can change there at any time: a board room keeps its
		// control room loaded here, and so hears it.
		const control = doc === 'board' && this.deps.relay.kind !== 'none' ? this.#open(sessionId, 'control') : undefined;
		control?.retain();
		const created = new Room({
			key,
			...this.deps,
			gate: this.gate,
			onEmpty: () => undefined,
			onDeleted: () => {
				for (const r of this.#roomsOf(sessionId)) r.discard(CLOSE.sessionDeleted, 'session deleted');
				this.#frozen.delete(sessionId);
			},
			...(doc === 'control'
				? { watch: (d: Y.Doc) => this.#freezeSaid(sessionId, isFrozen(d)) }
				: { frozen: () => this.isFrozen(sessionId), beforeLoad: () => this.#learnFrozen(sessionId) })
		});
		created.ready.catch((error) => {
			this.deps.log.error('room.load_failed', { room: key, error: String(error) });
			created.close(1011, 'load failure');
		});
		created.onClosed(() => {
			if (this.#rooms.get(key) === created) this.#rooms.delete(key);
			control?.release();
			void created.settle().finally(() => created.destroy());
		});
		this.#rooms.set(key, created);
		return created;
	}

	/** Adds a connection to its room, creating (and loading) the room if needed. */
	connect(conn: Connection): Room {
		const room = this.#open(conn.sessionId, conn.doc);
		this.#perSession.set(conn.sessionId, this.connectionsOf(conn.sessionId) + 1);
		this.deps.relay.reportConnections(conn.sessionId, this.connectionsOf(conn.sessionId));
		conn.ws.once('close', () => {
			const left = this.connectionsOf(conn.sessionId) - 1;
			if (left > 0) this.#perSession.set(conn.sessionId, left);
			else this.#perSession.delete(conn.sessionId);
			this.deps.relay.reportConnections(conn.sessionId, left);
		});
		room.add(conn);
		return room;
	}

	/** Stores everything pending in every room and closes them (graceful shutdown). */
	async closeAll(): Promise<void> {
		const rooms = [...this.#rooms.values()];
		await Promise.all(rooms.map((r) => r.settle()));
		for (const r of rooms) r.close(CLOSE.shuttingDown, 'server restarting');
	}
}
