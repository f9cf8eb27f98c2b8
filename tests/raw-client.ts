/**
 * A raw WebSocket client that speaks the y-websocket protocol by hand (y-protocols + lib0),
 * for tests where the stock provider would hide what happens: it never reconnects, records the
 * close code, and can send anything, well-formed or not.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;

export interface CloseInfo {
	code: number;
	reason: string;
}

export interface RawClient {
	ws: WebSocket;
	/** Resolves when open; rejects when the upgrade is refused or the socket fails first. */
	opened: Promise<void>;
	/** Resolves with the close code once the socket is closed (never rejects). */
	closed: Promise<CloseInfo>;
	/** Set once closed. */
	closeInfo: CloseInfo | undefined;
	/** Binary messages received so far. */
	received: Uint8Array[];
	/** Document fed by the sync messages the server sends (step 2 and updates). */
	doc: Y.Doc;
	send(data: Uint8Array | string): void;
	close(): void;
}

export function syncUrl(origin: string, sessionId: string, docName: string, token?: string): string {
	const base = `${origin.replace(/^http/, 'ws')}/sync/${sessionId}/${docName}`;
	return token === undefined ? base : `${base}?token=${encodeURIComponent(token)}`;
}

export function rawConnect(origin: string, sessionId: string, docName: string, token: string): RawClient {
	const ws = new WebSocket(syncUrl(origin, sessionId, docName, token), { perMessageDeflate: false, handshakeTimeout: 5000 });
	const doc = new Y.Doc();
	const client: RawClient = {
		ws,
		opened: new Promise<void>((resolve, reject) => {
			ws.once('open', () => resolve());
			ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
			ws.once('close', () => reject(new Error('closed before open')));
		}),
		closed: new Promise<CloseInfo>((resolve) => {
			ws.once('close', (code, reason) => {
				client.closeInfo = { code, reason: reason.toString() };
				resolve(client.closeInfo);
			});
		}),
		closeInfo: undefined,
		received: [],
		doc,
		send(data) {
			if (ws.readyState === ws.OPEN) ws.send(data);
		},
		close() {
			ws.terminate();
			doc.destroy();
		}
	};
	client.opened.catch(() => undefined);
	ws.on('error', () => undefined);
	ws.on('message', (data: Buffer, isBinary: boolean) => {
		if (!isBinary) return;
		const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
		client.received.push(bytes);
		try {
			const decoder = decoding.createDecoder(bytes);
			if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
			const sub = decoding.readVarUint(decoder);
			// Only apply what carries content; a step 1 from the server needs no answer here.
			if (sub === syncProtocol.messageYjsSyncStep2 || sub === syncProtocol.messageYjsUpdate) {
				Y.applyUpdate(doc, decoding.readVarUint8Array(decoder), 'server');
			}
		} catch {
			// not ours to judge here
		}
	});
	return client;
}

/** The close code and reason, or an error if the server has not closed the socket in time. */
export function closedWithin(client: RawClient, timeout = 5000): Promise<CloseInfo> {
	return new Promise((resolve, reject) => {
		const t = setTimeout(() => reject(new Error(`socket not closed within ${timeout} ms`)), timeout);
		void client.closed.then((info) => {
			clearTimeout(t);
			resolve(info);
		});
	});
}

/** `sync / update` message carrying `update`. */
export function updateMessage(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_SYNC);
	syncProtocol.writeUpdate(e, update);
	return encoding.toUint8Array(e);
}

/** `sync / step 2` message carrying `update`. */
export function step2Message(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_SYNC);
	encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
	encoding.writeVarUint8Array(e, update);
	return encoding.toUint8Array(e);
}

/** `sync / step 1` message asking for everything beyond the state of `doc` (empty doc: all). */
export function step1Message(doc: Y.Doc = new Y.Doc()): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_SYNC);
	syncProtocol.writeSyncStep1(e, doc);
	return encoding.toUint8Array(e);
}

/** True when `data` is a sync step 2 (the answer to a step 1). */
export function isStep2(data: Uint8Array): boolean {
	return data.length >= 2 && data[0] === MESSAGE_SYNC && data[1] === syncProtocol.messageYjsSyncStep2;
}

/**
 * One standalone update that sets `map[key] = value` on a fresh document: each call is a
 * separate change (its own client id), as if from a separate device.
 */
export function setUpdate(mapName: string, key: string, value: unknown): Uint8Array {
	const doc = new Y.Doc();
	doc.getMap(mapName).set(key, value);
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}

/** A small deterministic PRNG (mulberry32), so a failing run can be replayed with its seed. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
