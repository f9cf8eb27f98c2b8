/**
 * Presence benchmark (issue 9: "relay awareness at a bounded rate"): 500 phones in one room, each
 * a real y-protocols Awareness that announces itself and renews every 15 s as the app's phones
 * do, and one observer (the projector, which counts them). For 40 s, what each phone receives of
 * the others' presence, what the observer holds, and the server's CPU; against the stock
 * @y/websocket-server 0.1.1 relay, alternating.
 *
 *   npm run bench:presence        (BENCH_NO_WRITE=1: do not touch BENCHMARKS.md)
 */
import os from 'node:os';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { cpuSeconds, f1, median, mdTable, numEnv, prepareRoom, runBenchmark, sleep, startServer, waitForQuiet, writeBenchSection, type Kind } from './harness.ts';

const PHONES = numEnv('BENCH_PRESENCE_PHONES', 500);
const WINDOW_S = numEnv('BENCH_PRESENCE_WINDOW', 40);
const PAIRS = numEnv('BENCH_PRESENCE_PAIRS', 2);
const MESSAGE_AWARENESS = 1;

interface Peer {
	ws: WebSocket;
	awareness: awarenessProtocol.Awareness;
	messages: number;
	bytes: number;
	mirror: awarenessProtocol.Awareness | null;
}

function connect(url: string, state: Record<string, unknown>, mirror: boolean): Promise<Peer> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, { perMessageDeflate: false });
		const awareness = new awarenessProtocol.Awareness(new Y.Doc());
		const peer: Peer = { ws, awareness, messages: 0, bytes: 0, mirror: mirror ? new awarenessProtocol.Awareness(new Y.Doc()) : null };
		const send = (_: unknown, origin: unknown) => {
			if (origin === 'remote' || ws.readyState !== ws.OPEN) return;
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
			encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]));
			ws.send(encoding.toUint8Array(encoder));
		};
		awareness.on('update', send);
		ws.on('message', (data: Buffer) => {
			if (data[0] !== MESSAGE_AWARENESS) return;
			peer.messages++;
			peer.bytes += data.byteLength;
			if (peer.mirror) {
				const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
				decoding.readVarUint(decoder);
				awarenessProtocol.applyAwarenessUpdate(peer.mirror, decoding.readVarUint8Array(decoder), 'remote');
			}
		});
		ws.once('open', () => {
			awareness.setLocalState(state);
			resolve(peer);
		});
		ws.once('error', reject);
	});
}

async function run(kind: Kind) {
	await waitForQuiet();
	const server = await startServer(kind);
	const peers: Peer[] = [];
	try {
		const { serverUrl, room, tokens, projectorToken } = await prepareRoom(server, PHONES);
		const url = (token: string | null | undefined) => `${serverUrl}/${room}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
		// The observer counts the phones: the session's projector for Agora.
		const observerUrl = url(projectorToken);
		const observer = await connect(observerUrl, { role: 'projector' }, true);
		for (let i = 0; i < PHONES; i += 50) {
			peers.push(...(await Promise.all(Array.from({ length: Math.min(50, PHONES - i) }, (_, k) => connect(url(tokens[i + k]), { role: 'participant', name: `Téléphone ${i + k}`, board: 'needs' }, false)))));
		}
		await sleep(2000);
		for (const p of [observer, ...peers]) (p.messages = 0), (p.bytes = 0);
		const cpu0 = cpuSeconds(server.pid);
		await sleep(WINDOW_S * 1000);
		const cpu = cpuSeconds(server.pid) - cpu0;
		const perMinute = 60 / WINDOW_S;
		const held = [...(observer.mirror!.getStates().values())].filter((s) => (s as { role?: string }).role === 'participant').length;
		const result = {
			kind,
			phoneMessages: median(peers.map((p) => p.messages)) * perMinute,
			phoneKB: (median(peers.map((p) => p.bytes)) * perMinute) / 1024,
			observerKB: (observer.bytes * perMinute) / 1024,
			held,
			cpuPerMinute: cpu * perMinute
		};
		console.log(`${kind}: per phone ${f1(result.phoneMessages)} presence messages, ${f1(result.phoneKB)} KB a minute; observer holds ${held} of ${PHONES}; server CPU ${f1(result.cpuPerMinute)} s a minute`);
		for (const p of [observer, ...peers]) {
			p.awareness.destroy();
			p.mirror?.destroy();
			p.ws.terminate();
		}
		return result;
	} finally {
		await server.stop();
	}
}

async function main() {
	const started = Date.now();
	const results: Awaited<ReturnType<typeof run>>[] = [];
	for (let i = 0; i < PAIRS; i++) for (const kind of (i % 2 ? ['stock', 'agora'] : ['agora', 'stock']) as Kind[]) results.push(await run(kind));
	const of = (kind: Kind, key: 'phoneMessages' | 'phoneKB' | 'observerKB' | 'held' | 'cpuPerMinute') => median(results.filter((r) => r.kind === kind).map((r) => r[key]));
	const rows = (['agora', 'stock'] as Kind[]).map((k) => [k === 'agora' ? 'Agora' : 'stock 0.1.1', f1(of(k, 'phoneMessages')), f1(of(k, 'phoneKB')), f1(of(k, 'observerKB')), `${of(k, 'held')} of ${PHONES}`, f1(of(k, 'cpuPerMinute'))]);
	const table = mdTable(['relay', 'presence messages per phone per minute', 'KB per phone per minute', 'KB to the observer per minute', 'phones the observer holds', 'server CPU s per minute'], rows);
	console.log('\n' + table);
	if (process.env.BENCH_NO_WRITE) return;
	writeBenchSection(
		'presence',
		'bench:presence',
		[
			`## Presence: ${PHONES} phones announcing themselves and renewing every 15 s`,
			'',
			`Last run: ${new Date().toISOString()} (took ${Math.round((Date.now() - started) / 1000)} s) · ${PAIRS} pairs, medians · machine: ${os.cpus().length} cores, Node ${process.version}.`,
			'',
			table,
			'',
			'Method (`bench/presence-bench.ts`): each phone is a y-protocols `Awareness` on its own connection (it announces itself and renews',
			'its state every 15 s, as the app does); one more connection observes and counts them. For Agora the phones are participants',
			'(a join token each); the server sends a phone only the presence it shows (who has an action sheet open), and everyone to the',
			'console and the projector (the observer is the projector). The stock relay sends every presence to everyone.'
		].join('\n')
	);
}

runBenchmark(main);
