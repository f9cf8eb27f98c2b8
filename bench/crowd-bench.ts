/**
 * Crowd benchmark (issue 9): 1,000 phones in one session on one machine — 950 that watch (raw
 * connections that answer the handshake as an empty client would, bench/crowd-clients.ts) and
 * 50 that write real Yjs updates at 1.6 updates/s each (a dot-vote burst) — against Agora
 * (SQLite, store before relay, roles) and against the stock `@y/websocket-server` 0.1.1 relay,
 * alternating, several pairs. For every update and every watcher: when it arrived (its unique
 * key found in the bytes, so merged messages count). Reports p50/p99 latency, completeness, the
 * server's CPU time per delivered update (/proc/<pid>/stat) and peak RSS; the summary takes the
 * median of the pairwise ratios. Rewrites its part of BENCHMARKS.md.
 *
 *   npm run bench:crowd
 *
 * Knobs: BENCH_CROWD_WATCHERS=950, BENCH_CROWD_WRITERS=50, BENCH_CROWD_SECONDS=10,
 * BENCH_CROWD_PAIRS=3, BENCH_CROWD_THREADS=2, BENCH_SERVERS=agora,stock, BENCH_NO_WRITE=1,
 * BENCH_AGORA_NODE_ARGS / BENCH_STOCK_NODE_ARGS (e.g. --cpu-prof).
 */
import os from 'node:os';
import type { CrowdSetup, FromCrowd, ToCrowd } from './crowd-clients.ts';
import {
	ClientPool,
	cpuSeconds,
	f1,
	f2,
	listEnv,
	machineBusySeconds,
	mdTable,
	median,
	numEnv,
	pct,
	prepareRoom,
	rssBytes,
	shuffled,
	sleep,
	startServer,
	textTable,
	runBenchmark,
	writeBenchSection,
	waitForQuiet,
	type Kind
} from './harness.ts';
import { clock } from './clock.ts';

const WATCHERS = numEnv('BENCH_CROWD_WATCHERS', 950);
const WRITERS = numEnv('BENCH_CROWD_WRITERS', 50);
const SECONDS = numEnv('BENCH_CROWD_SECONDS', 10);
const PAIRS = numEnv('BENCH_CROWD_PAIRS', 3);
const THREADS = numEnv('BENCH_CROWD_THREADS', 2);
const SERVERS = listEnv('BENCH_SERVERS', 'agora,stock') as Kind[];
const RATE = 1.6;
const PERIOD_MS = 1000 / RATE;
const W = Math.round(SECONDS * RATE);
const STRAGGLER_MS = 5000;
const ENTRY = new URL('./crowd-clients.ts', import.meta.url).href;

interface Run {
	kind: Kind;
	pair: number;
	p50: number;
	p99: number;
	max: number;
	completeness: number;
	/** Server CPU (s) over the writing phase and drain, and per delivered (update, watcher) pair (µs). */
	cpuS: number;
	cpuPerDeliveryUs: number;
	peakRssMB: number;
	joinS: number;
	/** Messages one watcher received, on average (fewer: updates merged). */
	messagesPerWatcher: number;
	failed: number;
	harnessElu: number;
	otherCpuS: number;
}

async function runOnce(kind: Kind, pair: number): Promise<Run> {
	await waitForQuiet();
	const nodeArgs = (process.env[kind === 'agora' ? 'BENCH_AGORA_NODE_ARGS' : 'BENCH_STOCK_NODE_ARGS'] || '').split(' ').filter(Boolean);
	const server = await startServer(kind, { nodeArgs, env: { MAX_CONNECTIONS_PER_SESSION: '5000' } });
	let peakRss = rssBytes(server.pid);
	const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssBytes(server.pid))), 100);
	let pool: ClientPool<CrowdSetup, ToCrowd, FromCrowd> | undefined;
	try {
		const n = WATCHERS + WRITERS;
		const room = await prepareRoom(server, n);
		const url = `${room.serverUrl}/${room.room}`;
		const setups: CrowdSetup[] = Array.from({ length: THREADS }, () => ({
			url,
			watchers: [],
			writers: [],
			writerCount: WRITERS,
			writes: W,
			periodMs: PERIOD_MS,
			concurrency: 32
		}));
		for (let i = 0; i < WRITERS; i++) setups[i % THREADS].writers.push({ index: i, token: room.tokens[i] });
		for (let i = 0; i < WATCHERS; i++) setups[i % THREADS].watchers.push(room.tokens[WRITERS + i]);
		const joinStart = Date.now();
		pool = new ClientPool<CrowdSetup, ToCrowd, FromCrowd>(setups, ENTRY);
		const ready = await pool.all('ready', 180_000, `${n} phones to join ${kind}`);
		const joinS = (Date.now() - joinStart) / 1000;
		const failed = ready.reduce((sum, r) => sum + r.failed, 0);
		if (failed > 0) console.warn(`  warning: ${failed} phones could not join: ${ready.flatMap((r) => r.reasons).slice(0, 10).join('; ')}`);
		await sleep(1000);

		const order = shuffled(WRITERS);
		const offsets = Array.from({ length: WRITERS }, (_, i) => ((order[i] + Math.random()) / WRITERS) * PERIOD_MS);
		const t0 = clock() + 100;
		const lastWrite = t0 + Math.max(...offsets) + (W - 1) * PERIOD_MS;
		const cpu0 = cpuSeconds(server.pid);
		const busy0 = machineBusySeconds();
		const harness0 = process.cpuUsage();
		setups.forEach((setup, k) => pool!.post(k, { type: 'start', t0, offsets: setup.writers.map((w) => offsets[w.index]) }));
		await pool.all('complete', lastWrite + STRAGGLER_MS - clock(), 'completeness').catch(() => undefined);
		const cpuS = cpuSeconds(server.pid) - cpu0;
		const harness = process.cpuUsage(harness0);
		const busyS = machineBusySeconds() - busy0;

		setups.forEach((_, k) => pool!.post(k, { type: 'finish' }));
		const parts = await pool.all('result', 60_000, 'results');
		const updates = WRITERS * W;
		const sentAt = new Float64Array(updates);
		for (const part of parts) for (let u = 0; u < updates; u++) if (part.sentAt[u] > 0) sentAt[u] = part.sentAt[u];
		const latencies: number[] = [];
		let messages = 0;
		for (const [k, part] of parts.entries()) {
			messages += part.messages;
			const watchers = setups[k].watchers.length;
			for (let u = 0; u < updates; u++) {
				for (let w = 0; w < watchers; w++) {
					const at = part.arrivals[u * watchers + w];
					if (at > 0) latencies.push(at - sentAt[u]);
				}
			}
		}
		if (latencies.length < updates * WATCHERS) reportMissing(parts, setups, updates);
		const sorted = Float64Array.from(latencies).sort();
		const q = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN);
		return {
			kind,
			pair,
			p50: q(0.5),
			p99: q(0.99),
			max: sorted.length ? sorted[sorted.length - 1] : NaN,
			completeness: sorted.length / (updates * WATCHERS),
			cpuS,
			cpuPerDeliveryUs: (cpuS / Math.max(1, sorted.length)) * 1e6,
			peakRssMB: peakRss / 2 ** 20,
			joinS,
			messagesPerWatcher: messages / WATCHERS,
			failed,
			harnessElu: Math.max(...parts.map((p) => p.elu)),
			otherCpuS: Math.max(0, busyS - cpuS - (harness.user + harness.system) / 1e6)
		};
	} finally {
		clearInterval(sampler);
		await pool?.close();
		await server.stop();
	}
}

/** Which writers' updates and which watchers are short, to tell a lost writer from stalled watchers. */
function reportMissing(parts: Extract<FromCrowd, { type: 'result' }>[], setups: CrowdSetup[], updates: number) {
	const byWriter = new Map<number, number>();
	const shortWatchers: string[] = [];
	for (const [k, part] of parts.entries()) {
		const watchers = setups[k].watchers.length;
		for (let w = 0; w < watchers; w++) {
			let missing = 0;
			for (let u = 0; u < updates; u++) {
				if (part.arrivals[u * watchers + w] === 0) {
					missing++;
					const writer = Math.floor(u / W);
					byWriter.set(writer, (byWriter.get(writer) ?? 0) + 1);
				}
			}
			if (missing > 0) shortWatchers.push(`t${k}w${w}:${missing}`);
		}
	}
	console.warn(`\n  missing: ${shortWatchers.length} watchers short (${shortWatchers.slice(0, 10).join(' ')}); by writer: ${[...byWriter].map(([w, n]) => `${w}:${n}`).join(' ')}`);
}

const HEADER = ['server', 'pair', 'p50 ms', 'p99 ms', 'max ms', 'complete', 'CPU s', 'CPU µs / delivery', 'peak RSS MB', 'join s', 'messages / watcher', 'harness ELU', 'other procs CPU s'];
const rows = (runs: Run[]) =>
	runs.map((r) => [r.kind, String(r.pair), f1(r.p50), f1(r.p99), f1(r.max), pct(r.completeness), f2(r.cpuS), f2(r.cpuPerDeliveryUs), f1(r.peakRssMB), f1(r.joinS), f1(r.messagesPerWatcher), f2(r.harnessElu), f2(r.otherCpuS)]);

async function main() {
	const started = Date.now();
	const runs: Run[] = [];
	for (let pair = 1; pair <= PAIRS; pair++) {
		for (const kind of SERVERS) {
			process.stdout.write(`${kind}, pair ${pair}… `);
			const run = await runOnce(kind, pair);
			runs.push(run);
			console.log(`p99 ${f1(run.p99)} ms, ${pct(run.completeness)}, ${f2(run.cpuPerDeliveryUs)} µs CPU per delivery`);
		}
	}
	const of = (kind: Kind) => runs.filter((r) => r.kind === kind);
	const ratio = (f: (r: Run) => number) =>
		median(of('agora').flatMap((a) => of('stock').filter((s) => s.pair === a.pair).map((s) => f(a) / f(s))));
	const cpuRatio = ratio((r) => r.cpuPerDeliveryUs);
	const p99Ratio = ratio((r) => r.p99);
	const verdict = (x: number) => (Number.isFinite(x) ? (x <= 1 ? 'meets the target ≤ 1.0' : 'misses the target ≤ 1.0') : 'not measured');
	const summary = [
		`- ${WATCHERS} watchers and ${WRITERS} writers at ${RATE} updates/s each for ${SECONDS} s, in one session; ${PAIRS} pairs, alternating.`,
		`- CPU per delivered update, Agora / stock: ${f2(cpuRatio)} (median of the pairwise ratios) — ${verdict(cpuRatio)}. Medians: Agora ${f2(median(of('agora').map((r) => r.cpuPerDeliveryUs)))} µs, stock ${f2(median(of('stock').map((r) => r.cpuPerDeliveryUs)))} µs.`,
		`- p99 latency, Agora / stock: ${f2(p99Ratio)} — ${verdict(p99Ratio)}. Medians: Agora p50 ${f1(median(of('agora').map((r) => r.p50)))} ms, p99 ${f1(median(of('agora').map((r) => r.p99)))} ms; stock p50 ${f1(median(of('stock').map((r) => r.p50)))} ms, p99 ${f1(median(of('stock').map((r) => r.p99)))} ms.`,
		`- completeness: ${runs.every((r) => r.completeness === 1) ? '100 % in every run' : runs.map((r) => `${r.kind} ${pct(r.completeness)}`).join(', ')}.`,
		`- peak RSS: Agora ${f1(median(of('agora').map((r) => r.peakRssMB)))} MB, stock ${f1(median(of('stock').map((r) => r.peakRssMB)))} MB.`
	];
	console.log('\n' + textTable(HEADER, rows(runs)) + '\n\n' + summary.join('\n'));
	if (process.env.BENCH_NO_WRITE) return;
	const section = [
		'## Crowd: 1,000 phones in one session, Agora vs the stock relay',
		'',
		`Last run: ${new Date().toISOString()} (took ${Math.round((Date.now() - started) / 1000)} s) · machine: ${os.cpus().length} cores, Node ${process.version}.`,
		'',
		'**Targets:** server CPU per delivered update ≤ 1.0× the stock relay, p99 ≤ 1.0× the stock relay, completeness 100 %, with durability and roles on.',
		'',
		...summary,
		'',
		mdTable(HEADER, rows(runs)),
		'',
		'Method: each run starts a fresh server child (Agora: `server/index.ts` on SQLite, a session from `POST /api/sessions`, one',
		'participant token per phone from `POST /api/join`; stock: `bench/stock-relay.js`, `@y/websocket-server` 0.1.1). The phones live',
		`in ${THREADS} worker threads of the harness (\`bench/crowd-clients.ts\`), joining 32 at a time per thread. A watcher is a raw`,
		'`ws` connection that answers the server\'s sync step 1 with an empty step 2 and asks for the state with an empty step 1; it',
		'then only reads, and finds each update\'s key `§<writer>:<seq>;` in the bytes it receives. A writer holds a real `Y.Doc`,',
		'applies what it receives and sends its own updates as y-websocket does, with a presence. Writes start at stratified random',
		'offsets. Latency: from the write to the arrival of its key at each watcher. CPU: utime + stime of the server child over the',
		'writing phase and until every watcher had every update (or 5 s after the last write), divided by the (update, watcher) pairs',
		'delivered. "messages / watcher": messages a watcher received over the whole run, join included.'
	].join('\n');
	writeBenchSection('crowd', 'bench:crowd', section);
}

runBenchmark(main);
