/**
 * A worker thread of the sync benchmark (bench/sync-bench.ts): holds a share of the stock
 * y-websocket clients, writes their updates on the schedule the main thread gives, and records,
 * for every update received, how long it took. The clients are spread over several threads so
 * that the harness does not become the bottleneck: every receipt costs a stock client tens of
 * microseconds (Yjs computes a state vector and encodes an update per remote transaction).
 *
 * Times are on the machine's monotonic clock, in milliseconds, in every thread alike (see
 * `clock`), so a send time written by one thread can be subtracted from a receive time read in
 * another.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

/** What the main thread sends at creation (workerData). */
export interface WorkerSetup {
	serverUrl: string;
	room: string;
	/** Global indices of this worker's clients, with their tokens (null: no auth). */
	clients: { index: number; token: string | null }[];
	/** Clients in the whole session. */
	n: number;
	/** Updates per client. */
	writes: number;
	periodMs: number;
}

export type ToWorker =
	| { type: 'start'; t0: number; offsets: number[] }
	| { type: 'snapshot' }
	| { type: 'finish' }
	| { type: 'close' };

export type FromWorker =
	| { type: 'synced' }
	| { type: 'aware'; minStates: number }
	| { type: 'complete' }
	| { type: 'snapshot'; delivered: number }
	| {
			type: 'result';
			/** One latency (ms) per (update, receiver) pair this worker's clients received. */
			latencies: Float64Array;
			/** Per update id: how many of this worker's clients received it. */
			received: Uint16Array;
			/** Per update id: the last time one of this worker's clients received it. */
			lastArrival: Float64Array;
			/** Per update id written by this worker: when it was written. */
			sentAt: Float64Array;
			extra: number;
			elu: number;
	  }
	| { type: 'closed' };

import { clock } from './clock.ts';

export { clock };

function run() {
	const port = parentPort!;
	const setup = workerData as WorkerSetup;
	const { n, writes: W } = setup;
	const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

	process.setMaxListeners(0);
	const updates = n * W;
	const mine = setup.clients.length;
	// Every update but the ones a client wrote itself reaches each of this worker's clients.
	const expected = mine * (updates - W);
	const received = new Uint16Array(updates);
	const lastArrival = new Float64Array(updates);
	const sentAt = new Float64Array(updates);
	const latencies = new Float64Array(expected);
	let delivered = 0;
	let extra = 0;
	let completeSent = false;
	// Receivers per update within this worker: every client here except the writer if it is here.
	const ownWriter = new Uint8Array(n);
	for (const c of setup.clients) ownWriter[c.index] = 1;

	interface Client {
		index: number;
		doc: Y.Doc;
		map: Y.Map<number>;
		provider: WebsocketProvider;
	}
	const clients: Client[] = [];
	for (const { index, token } of setup.clients) {
		const doc = new Y.Doc();
		const map = doc.getMap<number>('bench');
		// Cheap receipt path: one clock read per event, one parse per key.
		map.observe((event) => {
			if (event.transaction.local) return;
			const now = clock();
			for (const key of event.keysChanged) {
				const colon = key.indexOf(':');
				const writer = Number(key.slice(0, colon));
				const id = writer * W + Number(key.slice(colon + 1));
				if (received[id] >= mine - ownWriter[writer]) {
					extra++;
					continue;
				}
				latencies[delivered++] = now - (map.get(key) as number);
				received[id]++;
				if (now > lastArrival[id]) lastArrival[id] = now;
			}
			if (delivered === expected && !completeSent) {
				completeSent = true;
				post({ type: 'complete' });
			}
		});
		const provider = new WebsocketProvider(setup.serverUrl, setup.room, doc, {
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
			disableBc: true,
			params: token ? { token } : {}
		});
		// Presence, as the app sets it (name and colour). The stock default state `{}` has clock
		// 0, which peers ignore until the 15 s renewal: without this, presence would first spread
		// in one synchronised burst in the middle of the measurement.
		provider.awareness.setLocalStateField('user', { name: `bench ${index}`, color: '#3366cc' });
		clients.push({ index, doc, map, provider });
	}

	const poll = (cond: () => boolean, then: () => void) => {
		const check = () => (cond() ? then() : setTimeout(check, 25));
		check();
	};
	poll(
		() => clients.every((c) => c.provider.synced),
		() => {
			post({ type: 'synced' });
			const started = Date.now();
			const minStates = () => Math.min(...clients.map((c) => c.provider.awareness.getStates().size));
			// Everyone's presence has reached everyone (or 20 s passed: the main thread warns).
			poll(
				() => minStates() >= n || Date.now() - started > 20_000,
				() => post({ type: 'aware', minStates: minStates() })
			);
		}
	);

	let elu0: EventLoopUtilization | undefined;
	port.on('message', (m: ToWorker) => {
		if (m.type === 'start') {
			elu0 = performance.eventLoopUtilization();
			const plan: { t: number; c: number; s: number }[] = [];
			clients.forEach((_, c) => {
				for (let s = 0; s < W; s++) plan.push({ t: m.t0 + m.offsets[c] + s * setup.periodMs, c, s });
			});
			plan.sort((a, b) => a.t - b.t);
			let k = 0;
			const tick = () => {
				const now = clock();
				while (k < plan.length && plan[k].t <= now) {
					const { c, s } = plan[k++];
					const client = clients[c];
					const at = clock();
					sentAt[client.index * W + s] = at;
					client.map.set(`${client.index}:${s}`, at);
				}
				if (k < plan.length) setTimeout(tick, Math.max(0, plan[k].t - clock()));
			};
			setTimeout(tick, Math.max(0, m.t0 - clock()));
		} else if (m.type === 'snapshot') {
			post({ type: 'snapshot', delivered });
		} else if (m.type === 'finish') {
			const elu = elu0 ? performance.eventLoopUtilization(elu0).utilization : NaN;
			const out = latencies.slice(0, delivered);
			post({ type: 'result', latencies: out, received, lastArrival, sentAt, extra, elu }, [
				out.buffer,
				received.buffer,
				lastArrival.buffer,
				sentAt.buffer
			] as ArrayBuffer[]);
		} else if (m.type === 'close') {
			for (const c of clients) {
				c.provider.destroy();
				c.doc.destroy();
			}
			post({ type: 'closed' });
		}
	});
}

if (parentPort && workerData) run();
