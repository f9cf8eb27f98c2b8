/**
 * Sync benchmark: N stock y-websocket clients in one session, each writing 0.5 updates/s for
 * 10 s, against Agora's server and against the stock relay (`@y/websocket-server`), both in
 * child processes so that their CPU and memory are their own. Measures, for every
 * (update, receiver) pair, how long the update took to reach that receiver; completeness; the
 * server's peak RSS and CPU time. Prints a table and rewrites the generated part of
 * BENCHMARKS.md.
 *
 *   npm run bench
 *
 * Knobs (environment), for quick runs and profiling; the defaults are the published method:
 *   BENCH_SIZES=50,100,200     client counts
 *   BENCH_REPEAT_N=100         the size measured several times (alternating agora, stock)
 *   BENCH_REPEATS=3            pairs of runs at BENCH_REPEAT_N
 *   BENCH_OTHER_REPEATS=2      pairs of runs at the other sizes
 *   BENCH_QUIET_WAIT=40        seconds, in all, that runs may wait for the machine to be quiet
 *   BENCH_SECONDS=10           writing phase
 *   BENCH_SERVERS=agora,stock  which servers to run
 *   BENCH_AGORA_NODE_ARGS=...  extra node flags for the Agora child (e.g. --cpu-prof)
 *   BENCH_STOCK_NODE_ARGS=...  the same for the stock relay child
 *   BENCH_WORKERS=2            threads holding the clients
 *   BENCH_NO_WRITE=1           do not touch BENCHMARKS.md
 *   BENCH_BUDGET=330           seconds: re-runs of disturbed pairs stop when they would exceed it
 *   BENCH_DEBUG=1              phase timings, measurement window, server CPU per thread
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
	cleanupSync,
	ClientPool,
	cpuSeconds,
	ensureBuild,
	f1,
	f2,
	listEnv,
	machineBusySeconds,
	mergeResults,
	mdTable,
	median,
	numEnv,
	pct,
	percentile,
	prepareRoom,
	QUIET_WAIT_S,
	ROOT,
	rssBytes,
	shuffled,
	sleep,
	startServer,
	textTable,
	threadCpu,
	waitForQuiet,
	type Kind
} from './harness.ts';
import { clock, type WorkerSetup } from './sync-clients.ts';

const SIZES = listEnv('BENCH_SIZES', '50,100,200').map(Number);
const REPEAT_N = numEnv('BENCH_REPEAT_N', 100);
const REPEATS = numEnv('BENCH_REPEATS', 3);
const OTHER_REPEATS = numEnv('BENCH_OTHER_REPEATS', 2);
const WRITE_SECONDS = numEnv('BENCH_SECONDS', 10);
const SERVERS = listEnv('BENCH_SERVERS', 'agora,stock') as Kind[];
const NODE_ARGS: Record<Kind, string[]> = {
	agora: (process.env.BENCH_AGORA_NODE_ARGS || '').split(' ').filter(Boolean),
	stock: (process.env.BENCH_STOCK_NODE_ARGS || '').split(' ').filter(Boolean)
};
const RATE = 0.5; // updates per second per client
const PERIOD_MS = 1000 / RATE;
const WRITES_PER_CLIENT = Math.round(WRITE_SECONDS * RATE);
const STRAGGLER_MS = 5000;
const SETTLE_MS = 500;
const LATE_MS = 20_000;
const WORKERS = numEnv('BENCH_WORKERS', Math.max(2, os.cpus().length));
const DEBUG = Boolean(process.env.BENCH_DEBUG);
/** A run during which other processes used more CPU than this (seconds) counts as disturbed. */
const NOISE_CPU_S = 1;
/** Disturbed pairs are measured again, at most this often each, while the whole stays in budget. */
const MAX_RETRIES = 2;
const TIME_BUDGET_S = numEnv('BENCH_BUDGET', 330);


interface RunResult {
	kind: Kind;
	n: number;
	pair: number;
	updates: number;
	expected: number;
	/** (update, receiver) pairs delivered by the deadline (STRAGGLER_MS after the last write). */
	delivered: number;
	/** Pairs delivered after the deadline but within LATE_MS more (not counted as complete). */
	late: number;
	completeness: number;
	p50: number;
	p99: number;
	max: number;
	/** p99 over updates of the time until the update had reached every other client. */
	allP99: number;
	peakRssMB: number;
	idleRssMB: number;
	/** After the HTTP joins (Agora), before the WebSockets. */
	joinedRssMB: number;
	cpuS: number;
	connectCpuS: number;
	connectMs: number;
	drainMs: number;
	harnessElu: number;
	harnessCpuPct: number;
	/** CPU time used by other processes on the machine during the window (noise). */
	otherCpuS: number;
	/** otherCpuS above NOISE_CPU_S. */
	noisy: boolean;
}

async function runOnce(kind: Kind, n: number, pair: number): Promise<RunResult> {
	await waitForQuiet();
	const server = await startServer(kind, { nodeArgs: NODE_ARGS[kind] });
	const pid = server.pid;
	let peakRss = rssBytes(pid);
	const idleRss = peakRss;
	const sampler = setInterval(() => {
		const r = rssBytes(pid);
		if (r > peakRss) peakRss = r;
	}, 100);
	let pool: ClientPool | undefined;

	const W = WRITES_PER_CLIENT;
	const updates = n * W;
	const expected = updates * (n - 1);

	try {
		const { serverUrl, room, tokens } = await prepareRoom(server, n);

		// Clients dealt round-robin over the worker threads.
		const k = Math.max(1, Math.min(WORKERS, n));
		const setups: WorkerSetup[] = Array.from({ length: k }, () => ({
			serverUrl,
			room,
			clients: [],
			n,
			writes: W,
			periodMs: PERIOD_MS
		}));
		for (let i = 0; i < n; i++) setups[i % k].clients.push({ index: i, token: tokens[i] });

		const joinedRss = rssBytes(pid);
		const connectStart = performance.now();
		const connectStartClock = clock();
		const connectCpu0 = cpuSeconds(pid);
		pool = new ClientPool(setups);
		await pool.all('synced', 60_000, `${n} clients to sync with ${kind}`);
		const syncedMs = performance.now() - connectStart;
		const aware = await pool.all('aware', 30_000, `presence of ${n} clients on ${kind}`);
		const minStates = Math.min(...aware.map((a) => a.minStates));
		if (minStates < n) console.warn(`  warning: some client knows only ${minStates} of ${n} presences`);
		if (DEBUG) {
			console.log(`\n  synced after ${syncedMs.toFixed(0)} ms, presence after ${(performance.now() - connectStart).toFixed(0)} ms`);
		}
		await sleep(SETTLE_MS);
		const connectMs = performance.now() - connectStart;
		const connectCpuS = cpuSeconds(pid) - connectCpu0;

		// Writing phase: every client writes every PERIOD_MS from a random offset; the offsets
		// are stratified (one per 1/N slice of the period) so that writes spread evenly.
		const order = shuffled(n);
		const offsets = Array.from({ length: n }, (_, i) => ((order[i] + Math.random()) / n) * PERIOD_MS);
		const t0 = clock() + 100;
		const lastWrite = t0 + Math.max(...offsets) + (W - 1) * PERIOD_MS;

		const cpu0 = cpuSeconds(pid);
		const threads0 = DEBUG ? threadCpu(pid) : undefined;
		const busy0 = machineBusySeconds();
		const hcpu0 = process.cpuUsage();
		setups.forEach((setup, w) => pool!.post(w, { type: 'start', t0, offsets: setup.clients.map((c) => offsets[c.index]) }));
		// Until every update has reached every client, or STRAGGLER_MS after the last write.
		await pool.all('complete', lastWrite + STRAGGLER_MS - clock(), 'completeness').catch(() => undefined);
		const end = clock();
		const cpuS = cpuSeconds(pid) - cpu0;
		const hcpu = process.cpuUsage(hcpu0);
		const busyS = machineBusySeconds() - busy0;
		const harnessS = (hcpu.user + hcpu.system) / 1e6;
		clearInterval(sampler);
		// Incomplete at the deadline: count what arrived by then, then wait a while longer to tell
		// late deliveries (a backlog somewhere) from lost ones.
		let deliveredByDeadline: number | undefined;
		if (!pool.has('complete')) {
			setups.forEach((_, w) => pool!.post(w, { type: 'snapshot' }));
			const snaps = await pool.all('snapshot', 10_000, 'delivery counts');
			deliveredByDeadline = snaps.reduce((sum, m) => sum + m.delivered, 0);
			await pool.all('complete', LATE_MS, 'late deliveries').catch(() => undefined);
		}
		if (DEBUG) {
			console.log(`\n  window (monotonic ms): ${t0.toFixed(1)} ${end.toFixed(1)}`);
			const busyThreads = [...threadCpu(pid)]
				.map(([name, s]) => [name, s - (threads0!.get(name) ?? 0)] as const)
				.filter(([, s]) => s > 0);
			console.log(`  server threads: ${busyThreads.map(([name, s]) => `${name} ${s.toFixed(2)} s`).join(', ')}`);
		}
		if (end - connectStartClock > 14_500) {
			console.warn(`  warning: the run reached the clients' 15 s presence renewal (synchronised burst)`);
		}

		setups.forEach((_, w) => pool!.post(w, { type: 'finish' }));
		const parts = await pool.all('result', 30_000, 'results');
		const { sorted, allSorted, delivered, extra, missingUpdates } = mergeResults(parts, updates, n);
		if (extra > 0) console.warn(`  warning: ${extra} duplicate deliveries`);
		if (missingUpdates > 0) {
			console.warn(`  warning: ${missingUpdates} updates had not reached every client ${(STRAGGLER_MS + LATE_MS) / 1000} s after the last write`);
		}

		return {
			kind,
			n,
			pair,
			updates,
			expected,
			delivered: deliveredByDeadline ?? delivered,
			late: delivered - (deliveredByDeadline ?? delivered),
			completeness: (deliveredByDeadline ?? delivered) / expected,
			p50: percentile(sorted, 0.5),
			p99: percentile(sorted, 0.99),
			max: sorted.length ? sorted[sorted.length - 1] : NaN,
			allP99: percentile(allSorted, 0.99),
			peakRssMB: peakRss / 2 ** 20,
			idleRssMB: idleRss / 2 ** 20,
			joinedRssMB: joinedRss / 2 ** 20,
			cpuS,
			connectCpuS,
			connectMs,
			drainMs: Math.max(0, end - lastWrite),
			harnessElu: Math.max(...parts.map((p) => p.elu)),
			harnessCpuPct: ((harnessS * 1000) / (end - t0)) * 100,
			otherCpuS: Math.max(0, busyS - cpuS - harnessS),
			noisy: busyS - cpuS - harnessS > NOISE_CPU_S
		};
	} finally {
		clearInterval(sampler);
		await pool?.close();
		await server.stop();
	}
}

// ---------------------------------------------------------------------------------------------
// Reporting.

interface Summary {
	n: number;
	/** Pairs the medians and ratios use, out of `total`. */
	pairs: number;
	total: number;
	/** True when every pair was disturbed and all are used anyway. */
	allDisturbed: boolean;
	agora: RunResult[];
	stock: RunResult[];
	p99Ratio: number;
	cpuRatio: number;
}

/**
 * Medians and pairwise ratios per size, over the pairs in which no run was disturbed by other
 * processes when there is at least one such pair (all runs stay in the per-run table).
 */
function summarise(results: RunResult[]): Summary[] {
	const out: Summary[] = [];
	for (const n of SIZES) {
		const ofN = results.filter((r) => r.n === n);
		const pairNumbers = [...new Set(ofN.map((r) => r.pair))];
		const clean = pairNumbers.filter((p) => ofN.every((r) => r.pair !== p || !r.noisy));
		const used = clean.length > 0 ? clean : pairNumbers;
		const agora = ofN.filter((r) => r.kind === 'agora' && used.includes(r.pair));
		const stock = ofN.filter((r) => r.kind === 'stock' && used.includes(r.pair));
		const p99Ratios: number[] = [];
		const cpuRatios: number[] = [];
		for (const a of agora) {
			const s = stock.find((r) => r.pair === a.pair);
			if (!s) continue;
			p99Ratios.push(a.p99 / s.p99);
			cpuRatios.push(a.cpuS / s.cpuS);
		}
		out.push({
			n,
			pairs: used.length,
			total: pairNumbers.length,
			allDisturbed: clean.length === 0 && pairNumbers.length > 0,
			agora,
			stock,
			p99Ratio: median(p99Ratios),
			cpuRatio: median(cpuRatios)
		});
	}
	return out;
}

function summaryRows(summaries: Summary[]): { header: string[]; rows: string[][] } {
	const header = [
		'clients',
		'pairs used',
		'Agora p50 ms',
		'Agora p99 ms',
		'Agora complete',
		'Agora peak RSS MB',
		'Agora CPU s',
		'stock p50 ms',
		'stock p99 ms',
		'stock complete',
		'stock peak RSS MB',
		'stock CPU s',
		'p99 ratio',
		'CPU ratio'
	];
	const m = (rs: RunResult[], f: (r: RunResult) => number) => median(rs.map(f));
	const minC = (rs: RunResult[]) => (rs.length ? Math.min(...rs.map((r) => r.completeness)) : NaN);
	const rows = summaries.map((s) => [
		String(s.n),
		`${s.pairs} of ${s.total}${s.allDisturbed ? ' (!)' : ''}`,
		f2(m(s.agora, (r) => r.p50)),
		f2(m(s.agora, (r) => r.p99)),
		pct(minC(s.agora)),
		f1(m(s.agora, (r) => r.peakRssMB)),
		f2(m(s.agora, (r) => r.cpuS)),
		f2(m(s.stock, (r) => r.p50)),
		f2(m(s.stock, (r) => r.p99)),
		pct(minC(s.stock)),
		f1(m(s.stock, (r) => r.peakRssMB)),
		f2(m(s.stock, (r) => r.cpuS)),
		f2(s.p99Ratio),
		f2(s.cpuRatio)
	]);
	return { header, rows };
}

function runRows(results: RunResult[]): { header: string[]; rows: string[][] } {
	const header = [
		'clients',
		'pair',
		'server',
		'p50 ms',
		'p99 ms',
		'max ms',
		'all-reached p99 ms',
		'delivered / expected',
		'late',
		'idle RSS MB',
		'RSS after joins MB',
		'peak RSS MB',
		'CPU s (writes)',
		'CPU s (joins)',
		'join+settle s',
		'drain ms',
		'harness ELU',
		'harness CPU',
		'other procs CPU s'
	];
	const rows = results.map((r) => [
		String(r.n),
		String(r.pair),
		r.kind,
		f2(r.p50),
		f2(r.p99),
		f1(r.max),
		f2(r.allP99),
		`${r.delivered} / ${r.expected}`,
		String(r.late),
		f1(r.idleRssMB),
		f1(r.joinedRssMB),
		f1(r.peakRssMB),
		f2(r.cpuS),
		f2(r.connectCpuS),
		f1(r.connectMs / 1000),
		f1(r.drainMs),
		f2(r.harnessElu),
		`${r.harnessCpuPct.toFixed(0)} %`,
		f2(r.otherCpuS) + (r.noisy ? ' (!)' : '')
	]);
	return { header, rows };
}

function verdicts(summaries: Summary[], results: RunResult[]): string[] {
	const lines: string[] = [];
	const at100 = summaries.find((s) => s.n === 100);
	if (at100 && Number.isFinite(at100.p99Ratio) && at100.allDisturbed) {
		lines.push(
			`p99 ratio at 100 clients: ${f2(at100.p99Ratio)}, inconclusive: other processes disturbed every pair (see the last column)`
		);
	} else if (at100 && Number.isFinite(at100.p99Ratio)) {
		const ok = at100.p99Ratio <= 1.25;
		lines.push(
			`p99 ratio at 100 clients: ${f2(at100.p99Ratio)} (median of ${at100.pairs} pair${at100.pairs === 1 ? '' : 's'}${at100.allDisturbed ? ', all disturbed by other processes' : ''}) — ${ok ? 'meets' : 'MISSES'} the target ≤ 1.25${at100.p99Ratio <= 1.0 ? ' and the goal 1.0' : ' (goal 1.0 not reached)'}`
		);
	}
	const incomplete = results.filter((r) => r.completeness < 1);
	lines.push(
		incomplete.length === 0
			? `completeness: 100 % in every run`
			: `completeness: NOT 100 % in ${incomplete.length} run(s): ${incomplete
					.map(
						(r) =>
							`${r.kind} N=${r.n} pair ${r.pair} ${pct(r.completeness)} (of the rest, ${r.late} pairs arrived late, ` +
							`${r.expected - r.delivered - r.late} never)`
					)
					.join(', ')}`
	);
	const noisy = results.filter((r) => r.noisy);
	if (noisy.length > 0) {
		lines.push(
			`other processes used more than ${NOISE_CPU_S} CPU-s during ${noisy.length} run(s), marked (!), even after re-runs; ` +
				`the summary leaves their pairs out where an undisturbed pair of the same size exists`
		);
	}
	const busy = results.filter((r) => r.harnessElu > 0.8);
	if (busy.length > 0) {
		lines.push(
			`harness event loop busy > 80 % in ${busy.length} run(s) (${busy.map((r) => `${r.kind} N=${r.n}`).join(', ')}): latencies there include the harness's own queueing`
		);
	}
	return lines;
}

function writeMarkdown(summaries: Summary[], results: RunResult[], startedAt: Date, elapsedS: number) {
	const file = path.join(ROOT, 'BENCHMARKS.md');
	const cpus = os.cpus();
	const s = summaryRows(summaries);
	const r = runRows(results);
	const generated = `<!-- bench:begin (generated by \`npm run bench\`; edit outside these markers) -->
## Sync relay: Agora vs the stock y-websocket relay

Last run: ${startedAt.toISOString()} (took ${Math.round(elapsedS)} s) ·
machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM,
${os.type()} ${os.release()} · Node ${process.version}

**Targets:** p99 ratio (Agora / stock) ≤ 1.25 at 100 clients (goal 1.0); completeness 100 %.

${verdicts(summaries, results)
	.map((l) => `- ${l}`)
	.join('\n')}

### Summary (medians over the pairs used; ratios are medians of the pairwise ratios)

${mdTable(s.header, s.rows)}

### Every run

${mdTable(r.header, r.rows)}

### Method

- One session, N stock \`y-websocket\` ${pkgVersion('y-websocket')} clients (\`WebsocketProvider\`, \`WebSocketPolyfill\` from \`ws\`,
  \`disableBc: true\`), each with its own \`Y.Doc\` and a presence (\`awareness.setLocalStateField('user', …)\`, as the app
  does). The clients live in the harness process, dealt over ${WORKERS} worker threads (\`bench/sync-clients.ts\`):
  every receipt costs a stock client tens of µs, which one thread cannot sustain at 200 clients.
- Each client writes ${RATE} updates/s for ${WRITE_SECONDS} s (${WRITES_PER_CLIENT} updates): a unique key \`<client>:<seq>\` in a
  \`Y.Map\`, whose value is the send time on the monotonic clock (the same in every thread of the harness).
  Start offsets are random and stratified (one per 1/N of the ${PERIOD_MS / 1000} s period) so that writes spread evenly.
- Latency = time from the write to the \`observe\` event on each other client, for every (update, receiver)
  pair; p50 / p99 / max over all pairs. "all-reached p99" is the p99 over updates of the time until the
  last other client had it. Completeness = delivered pairs / (updates × (N − 1)), after waiting up to
  ${STRAGGLER_MS / 1000} s past the last write (the wait ends as soon as everything arrived). When something is missing then,
  the harness waits up to ${LATE_MS / 1000} s more and reports what arrived in that time as "late" (not counted as complete,
  but included in the latency figures): late means a backlog somewhere, missing means lost.
- Before the clock starts, every client has synced and knows every other client's presence, plus ${SETTLE_MS} ms.
  The writing phase ends before the clients' synchronised 15 s presence renewal (a warning is printed otherwise).
- Each run starts a fresh server as a child process on port 0:
  - **Agora**: \`node --import tsx server/index.ts\` (PORT=0, HOST=127.0.0.1, fresh DATA_DIR, LOG_LEVEL=silent),
    the production composition root with persistence (SQLite, store-before-relay) and roles on;
    session from \`POST /api/sessions\`, one participant token per client from \`POST /api/join\`, room \`<id>/board\`.
  - **stock**: \`@y/websocket-server\` ${pkgVersion('@y/websocket-server')} \`setupWSConnection\` behind a plain http server
    (\`bench/stock-relay.js\`), no persistence, same \`ws\` ${pkgVersion('ws')} as Agora.
- Server memory: VmRSS of the child from \`/proc/<pid>/status\`, sampled every 100 ms from start to the end of
  the drain. "idle" is right after it listens; "after joins" once the HTTP joins are done (Agora), before the
  WebSockets. Server CPU: utime + stime from \`/proc/<pid>/stat\`, delta over the writing phase and drain
  ("CPU s (joins)": the same over connection, sync and presence settling).
- Runs alternate Agora, stock, Agora, stock…: ${REPEATS} pairs at N = ${REPEAT_N}, ${OTHER_REPEATS} at the other sizes; ratios
  are computed per pair, then the median is taken.
- The machine may be shared: before each run the harness waits (at most ${QUIET_WAIT_S} s over the whole
  benchmark) until other processes use less than a third of a core; "other procs CPU s" is the CPU time other
  processes still used during the window (the window lasts about ${WRITE_SECONDS} s × ${os.cpus().length} cores). A pair in which
  a run saw more than ${NOISE_CPU_S} CPU-s of it is measured again (at most ${MAX_RETRIES} times, within a ${TIME_BUDGET_S} s budget
  for the whole benchmark, after the planned runs, the ${REPEAT_N}-client pairs first; the less disturbed attempt is kept); runs
  still disturbed are marked (!). The summary uses only the undisturbed pairs of a size when there is at least one
  ("pairs used"); otherwise all of them, marked (!). Every run kept is in the per-run table.
- Harness ELU: event-loop utilisation of the busiest client thread during the writing phase. Close to 1 means
  the harness, not the server, is the bottleneck (latencies then include the harness's own backlog);
  "harness CPU" is the harness's CPU time over the same window, all threads (100 % = one core).
<!-- bench:end -->`;
	let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
	const re = /<!-- bench:begin[\s\S]*?<!-- bench:end -->/;
	if (re.test(text)) text = text.replace(re, generated);
	else text = `# Benchmarks\n\n${generated}\n${text ? `\n${text}` : ''}`;
	fs.writeFileSync(file, text.endsWith('\n') ? text : text + '\n');
	console.log(`\nWrote ${path.relative(process.cwd(), file) || file}`);
}

function pkgVersion(name: string): string {
	try {
		return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
	} catch {
		return '?';
	}
}

// ---------------------------------------------------------------------------------------------

async function main() {
	const startedAt = new Date();
	const t = performance.now();
	if (SERVERS.includes('agora')) await ensureBuild();
	console.log(
		`Sync benchmark: ${SIZES.join(', ')} clients, ${RATE} updates/s each for ${WRITE_SECONDS} s; ` +
			`${os.cpus().length} cores, Node ${process.version}`
	);
	const plan = SIZES.flatMap((n) =>
		Array.from({ length: n === REPEAT_N ? REPEATS : OTHER_REPEATS }, (_, i) => ({ n, pair: i + 1 }))
	);
	const pairSeconds = new Map<number, number>();
	// Seconds a pair takes (measured once seen; roughly 25 s at 50 clients, 40 s at 200 here).
	const estimate = (n: number) => pairSeconds.get(n) ?? (SERVERS.length / 2) * (20 + n / 10);

	async function measurePair(n: number, pair: number): Promise<RunResult[]> {
		const pairStart = performance.now();
		const runs: RunResult[] = [];
		for (const kind of SERVERS) {
			process.stdout.write(`  N=${String(n).padStart(3)} pair ${pair} ${kind.padEnd(5)} … `);
			const r = await runOnce(kind, n, pair).catch(async (error) => {
				// One retry: the working tree is shared (someone may rebuild build/ meanwhile).
				console.warn(`\n  run failed (${String(error).split('\n')[0].slice(0, 160)}): once more`);
				await sleep(3000);
				process.stdout.write(`  N=${String(n).padStart(3)} pair ${pair} ${kind.padEnd(5)} … `);
				return runOnce(kind, n, pair);
			});
			runs.push(r);
			console.log(
				`p50 ${f2(r.p50)} ms  p99 ${f2(r.p99)} ms  complete ${pct(r.completeness)}  ` +
					`RSS ${f1(r.peakRssMB)} MB  CPU ${f2(r.cpuS)} s  harness ELU ${f2(r.harnessElu)}` +
					(r.noisy ? `  (other processes used ${f1(r.otherCpuS)} CPU-s)` : '')
			);
			await sleep(300);
		}
		pairSeconds.set(n, (performance.now() - pairStart) / 1000);
		return runs;
	}

	const pairs: { n: number; pair: number; runs: RunResult[]; attempts: number }[] = [];
	for (const { n, pair } of plan) pairs.push({ n, pair, runs: await measurePair(n, pair), attempts: 1 });

	// Pairs disturbed by other processes are measured again after the plan (bursts of load pass),
	// the target size first, while the time budget allows; the less disturbed attempt is kept.
	const disturbance = (runs: RunResult[]) => Math.max(...runs.map((r) => r.otherCpuS));
	for (;;) {
		const elapsed = (performance.now() - t) / 1000;
		const next = pairs
			.filter((p) => p.runs.some((r) => r.noisy) && p.attempts <= MAX_RETRIES && elapsed + estimate(p.n) < TIME_BUDGET_S)
			.sort((a, b) => Number(b.n === REPEAT_N) - Number(a.n === REPEAT_N) || a.attempts - b.attempts)[0];
		if (!next) break;
		console.log(`  (N=${next.n} pair ${next.pair} was disturbed by other processes: measuring it again)`);
		const runs = await measurePair(next.n, next.pair);
		next.attempts++;
		if (disturbance(runs) < disturbance(next.runs)) next.runs = runs;
	}
	const results = pairs.flatMap((p) => p.runs);
	const elapsedS = (performance.now() - t) / 1000;
	const summaries = summarise(results);
	const s = summaryRows(summaries);
	const r = runRows(results);
	console.log(`\nSummary (medians over the pairs used; ratios = median of pairwise Agora/stock)\n`);
	console.log(textTable(s.header, s.rows));
	console.log(`\nEvery run\n`);
	console.log(textTable(r.header, r.rows));
	console.log('');
	for (const line of verdicts(summaries, results)) console.log(`• ${line}`);
	console.log(`\nTotal time: ${elapsedS.toFixed(0)} s`);
	if (!process.env.BENCH_NO_WRITE) writeMarkdown(summaries, results, startedAt, elapsedS);
}

main().then(
	() => {
		cleanupSync();
		process.exit(0);
	},
	(error) => {
		console.error('\nBenchmark failed:', error instanceof Error ? (error.stack ?? error.message) : error);
		cleanupSync();
		process.exit(1);
	}
);
