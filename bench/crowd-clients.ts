/**
 * A worker thread of the crowd benchmark (bench/crowd-bench.ts): holds raw WebSocket phones.
 *
 * - Watchers answer the server's handshake as an empty y-websocket client would (sync step 2
 *   with nothing, then their own step 1) and then only read: for every message, they look for
 *   the updates' unique keys in the bytes, so a message that carries several updates merged
 *   counts for each of them.
 * - Writers hold a real Y.Doc, apply what they receive, and write a key `§<writer>:<seq>;` on
 *   the schedule the main thread gives, sending each update as y-websocket does.
 *
 * Times are on the shared monotonic clock of bench/clock.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { clock } from './clock.ts';

export interface CrowdSetup {
	/** ws://host:port/path/room (token added per phone). */
	url: string;
	watchers: (string | null)[];
	writers: { index: number; token: string | null }[];
	/** Writers in the whole session, and updates each writes. */
	writerCount: number;
	writes: number;
	periodMs: number;
	/** Connections opened at once while joining. */
	concurrency: number;
}

export type ToCrowd = { type: 'start'; t0: number; offsets: number[] } | { type: 'finish' } | { type: 'close' };
export type FromCrowd =
	| { type: 'ready'; failed: number; reasons: string[] }
	/** Every watcher of this thread has every update. */
	| { type: 'complete' }
	| {
			type: 'result';
			/** Arrival time per (update, watcher of this thread): `arrivals[update * watchers + w]`, 0 = never. */
			arrivals: Float64Array;
			/** Per update written by this thread: when. */
			sentAt: Float64Array;
			messages: number;
			bytes: number;
			elu: number;
	  }
	| { type: 'closed' };

const MARK = Buffer.from('§');
const COLON = 0x3a;
const SEMI = 0x3b;

function syncStep1(doc: Y.Doc | null): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	if (doc) syncProtocol.writeSyncStep1(encoder, doc);
	else {
		encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
		encoding.writeVarUint8Array(encoder, new Uint8Array([0]));
	}
	return encoding.toUint8Array(encoder);
}

/** Step 2 of an empty document: no structs, no deletions. */
const EMPTY_STEP2 = (() => {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
	encoding.writeVarUint8Array(encoder, new Uint8Array([0, 0]));
	return encoding.toUint8Array(encoder);
})();

function run() {
	const port = parentPort!;
	const setup = workerData as CrowdSetup;
	const W = setup.writes;
	const updates = setup.writerCount * W;
	const watcherCount = setup.watchers.length;
	const arrivals = new Float64Array(updates * watcherCount);
	const sentAt = new Float64Array(updates);
	let received = 0;
	let messages = 0;
	let bytes = 0;
	const post = (m: FromCrowd, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
	const sockets: WebSocket[] = [];
	const reasons: string[] = [];
	const failWith = (ws: WebSocket, resolve: (ok: boolean) => void, who: string) => {
		ws.on('unexpected-response', (_req, res) => {
			reasons.push(`${who}: HTTP ${res.statusCode}`);
			resolve(false);
		});
		ws.on('error', (error) => {
			reasons.push(`${who}: ${error.message}`);
			resolve(false);
		});
		ws.on('close', (code) => {
			reasons.push(`${who}: closed ${code}`);
			resolve(false);
		});
	};
	const url = (token: string | null) => (token ? `${setup.url}?token=${encodeURIComponent(token)}` : setup.url);

	/** Finds every `§<writer>:<seq>;` in a message and records its arrival for watcher `w`. */
	function scan(data: Buffer, w: number, now: number) {
		let at = data.indexOf(MARK);
		while (at >= 0) {
			let i = at + MARK.length;
			let writer = 0;
			while (i < data.length && data[i] !== COLON) writer = writer * 10 + data[i++] - 48;
			i++;
			let seq = 0;
			while (i < data.length && data[i] !== SEMI) seq = seq * 10 + data[i++] - 48;
			const slot = (writer * W + seq) * watcherCount + w;
			if (i < data.length && slot < arrivals.length && arrivals[slot] === 0) {
				arrivals[slot] = now;
				if (++received === arrivals.length) post({ type: 'complete' });
			}
			at = data.indexOf(MARK, i);
		}
	}

	function openWatcher(w: number): Promise<boolean> {
		return new Promise((resolve) => {
			const ws = new WebSocket(url(setup.watchers[w]), { perMessageDeflate: false });
			ws.binaryType = 'nodebuffer';
			sockets.push(ws);
			let synced = false;
			ws.on('message', (data: Buffer) => {
				const now = clock();
				messages++;
				bytes += data.length;
				if (!synced) {
					// The server's step 1 (answer: nothing here, and ask for everything), then its
					// step 2 (synced). Awareness and updates may come between.
					if (data[0] === 0 && data[1] === syncProtocol.messageYjsSyncStep1) {
						ws.send(EMPTY_STEP2);
						ws.send(syncStep1(null));
					} else if (data[0] === 0 && data[1] === syncProtocol.messageYjsSyncStep2) {
						synced = true;
						resolve(true);
					}
				}
				if (data[0] === 0) scan(data, w, now);
			});
			failWith(ws, resolve, `watcher ${w}`);
		});
	}

	interface Writer {
		index: number;
		doc: Y.Doc;
		ws: WebSocket;
	}
	const writers: Writer[] = [];
	function openWriter(index: number, token: string | null): Promise<boolean> {
		return new Promise((resolve) => {
			const doc = new Y.Doc();
			const awareness = new awarenessProtocol.Awareness(doc);
			const ws = new WebSocket(url(token), { perMessageDeflate: false });
			ws.binaryType = 'nodebuffer';
			sockets.push(ws);
			writers.push({ index, doc, ws });
			doc.on('update', (update: Uint8Array, origin: unknown) => {
				if (origin === ws || ws.readyState !== ws.OPEN) return;
				const encoder = encoding.createEncoder();
				encoding.writeVarUint(encoder, 0);
				syncProtocol.writeUpdate(encoder, update);
				ws.send(encoding.toUint8Array(encoder));
			});
			ws.on('open', () => {
				ws.send(syncStep1(doc));
				awareness.setLocalState({ user: { name: `writer ${index}`, color: '#3366cc' } });
				const encoder = encoding.createEncoder();
				encoding.writeVarUint(encoder, 1);
				encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
				ws.send(encoding.toUint8Array(encoder));
			});
			ws.on('message', (data: Buffer) => {
				const decoder = decoding.createDecoder(data);
				if (decoding.readVarUint(decoder) !== 0) return;
				const encoder = encoding.createEncoder();
				encoding.writeVarUint(encoder, 0);
				const kind = syncProtocol.readSyncMessage(decoder, encoder, doc, ws);
				if (encoding.length(encoder) > 1) ws.send(encoding.toUint8Array(encoder));
				if (kind === syncProtocol.messageYjsSyncStep2) resolve(true);
			});
			failWith(ws, resolve, `writer ${index}`);
		});
	}

	async function join() {
		const jobs: (() => Promise<boolean>)[] = [
			...setup.writers.map((w) => () => openWriter(w.index, w.token)),
			...setup.watchers.map((_, w) => () => openWatcher(w))
		];
		let next = 0;
		let failed = 0;
		await Promise.all(
			Array.from({ length: setup.concurrency }, async () => {
				while (next < jobs.length) if (!(await jobs[next++]())) failed++;
			})
		);
		post({ type: 'ready', failed, reasons });
	}
	void join();

	let elu0: EventLoopUtilization | undefined;
	port.on('message', (m: ToCrowd) => {
		if (m.type === 'start') {
			elu0 = performance.eventLoopUtilization();
			if (arrivals.length === 0) post({ type: 'complete' });
			const plan: { t: number; writer: Writer; seq: number }[] = [];
			writers.forEach((writer, k) => {
				for (let seq = 0; seq < W; seq++) plan.push({ t: m.t0 + m.offsets[k] + seq * setup.periodMs, writer, seq });
			});
			plan.sort((a, b) => a.t - b.t);
			let k = 0;
			const tick = () => {
				const now = clock();
				while (k < plan.length && plan[k].t <= now) {
					const { writer, seq } = plan[k++];
					sentAt[writer.index * W + seq] = clock();
					writer.doc.getMap('bench').set(`§${writer.index}:${seq};`, seq);
				}
				if (k < plan.length) setTimeout(tick, Math.max(0, plan[k].t - clock()));
			};
			setTimeout(tick, Math.max(0, m.t0 - clock()));
		} else if (m.type === 'finish') {
			if (reasons.length) console.warn(`  connections lost or refused: ${reasons.slice(0, 10).join('; ')}`);
			const elu = elu0 ? performance.eventLoopUtilization(elu0).utilization : NaN;
			post({ type: 'result', arrivals, sentAt, messages, bytes, elu }, [arrivals.buffer, sentAt.buffer] as ArrayBuffer[]);
		} else if (m.type === 'close') {
			for (const ws of sockets) ws.terminate();
			post({ type: 'closed' });
		}
	});
}

if (parentPort && workerData) run();
