/**
 * Scale-out benchmark (issue 8): the same N stock y-websocket clients in one session, either all
 * on one Agora process or split over two, both processes on one PostgreSQL and one Redis (so
 * the only difference is where the clients are). Each client writes 0.5 updates/s for 10 s.
 * Measures, for every (update, receiver) pair, the propagation time; completeness; the CPU time
 * of the Agora processes and of Redis. Runs alternate one, two, one, two…; the summary takes
 * medians and the median of the pairwise ratios. Rewrites its part of BENCHMARKS.md.
 *
 *   npm run bench:scale    (starts PostgreSQL and a private Redis itself)
 *
 * Knobs: BENCH_SCALE_N=100 clients, BENCH_SCALE_PAIRS=3, BENCH_SECONDS=10, BENCH_NO_WRITE=1.
 */
import os from 'node:os';
import { redisServer } from '../tests/support/services.ts';
import {
	ClientPool,
	cpuSeconds,
	f1,
	f2,
	machineBusySeconds,
	mdTable,
	median,
	mergeResults,
	numEnv,
	pct,
	percentile,
	prepareRoom,
	shuffled,
	sleep,
	startServer,
	textTable,
	runBenchmark,
	writeBenchSection,
	waitForQuiet,
	type Server
} from './harness.ts';
import { clock, type WorkerSetup } from './sync-clients.ts';

const N = numEnv('BENCH_SCALE_N', 100);
const PAIRS = numEnv('BENCH_SCALE_PAIRS', 3);
const WRITE_SECONDS = numEnv('BENCH_SECONDS', 10);
const RATE = 0.5;
const PERIOD_MS = 1000 / RATE;
const W = Math.round(WRITE_SECONDS * RATE);
const STRAGGLER_MS = 5000;
/** Client threads: two per process, so that the two layouts hold their clients alike. */
const THREADS = 4;

const DATABASE_URL = process.env.AGORA_TEST_DATABASE_URL;
const REDIS_SERVER = process.env.AGORA_TEST_REDIS_SERVER;
if (!DATABASE_URL || !REDIS_SERVER) {
	console.error('Run through tests/support/with-postgres.sh and with-redis.sh: npm run bench:scale does.');
	process.exit(1);
}

type Layout = 'one' | 'two';

interface Run {
	layout: Layout;
	pair: number;
	p50: number;
	p99: number;
	allP99: number;
	completeness: number;
	/** CPU seconds of both Agora processes over the writing phase and drain. */
	agoraCpuS: number;
	redisCpuS: number;
	otherCpuS: number;
}

async function runOnce(layout: Layout, pair: number, redisPid: number): Promise<Run> {
	await waitForQuiet();
	const env = { DATABASE_URL: DATABASE_URL!, REDIS_URL: process.env.BENCH_REDIS_URL!, LOG_LEVEL: 'silent' };
	const servers: Server[] = await Promise.all([startServer('agora', { env }), startServer('agora', { env })]);
	let pool: ClientPool | undefined;
	try {
		const room = await prepareRoom(servers[0], N);
		const url = (s: Server) => `ws://127.0.0.1:${s.port}/sync`;
		// Threads 0 and 1 on the first process; 2 and 3 on the second one, or on the first too.
		const setups: WorkerSetup[] = Array.from({ length: THREADS }, (_, k) => ({
			serverUrl: layout === 'two' && k >= THREADS / 2 ? url(servers[1]) : url(servers[0]),
			room: room.room,
			clients: [],
			n: N,
			writes: W,
			periodMs: PERIOD_MS
		}));
		for (let i = 0; i < N; i++) setups[i % THREADS].clients.push({ index: i, token: room.tokens[i] });
		pool = new ClientPool(setups);
		await pool.all('synced', 60_000, `${N} clients to sync`);
		await pool.all('aware', 30_000, 'presence');
		await sleep(500);

		const order = shuffled(N);
		const offsets = Array.from({ length: N }, (_, i) => ((order[i] + Math.random()) / N) * PERIOD_MS);
		const t0 = clock() + 100;
		const lastWrite = t0 + Math.max(...offsets) + (W - 1) * PERIOD_MS;
		const cpu = () => servers.reduce((sum, s) => sum + cpuSeconds(s.pid), 0);
		const cpu0 = cpu();
		const redis0 = cpuSeconds(redisPid);
		const busy0 = machineBusySeconds();
		const harness0 = process.cpuUsage();
		setups.forEach((setup, k) => pool!.post(k, { type: 'start', t0, offsets: setup.clients.map((c) => offsets[c.index]) }));
		await pool.all('complete', lastWrite + STRAGGLER_MS - clock(), 'completeness').catch(() => undefined);
		const agoraCpuS = cpu() - cpu0;
		const redisCpuS = cpuSeconds(redisPid) - redis0;
		const harness = process.cpuUsage(harness0);
		const otherCpuS = Math.max(0, machineBusySeconds() - busy0 - agoraCpuS - redisCpuS - (harness.user + harness.system) / 1e6);

		setups.forEach((_, k) => pool!.post(k, { type: 'finish' }));
		const merged = mergeResults(await pool.all('result', 30_000, 'results'), N * W, N);
		return {
			layout,
			pair,
			p50: percentile(merged.sorted, 0.5),
			p99: percentile(merged.sorted, 0.99),
			allP99: percentile(merged.allSorted, 0.99),
			completeness: merged.delivered / (N * W * (N - 1)),
			agoraCpuS,
			redisCpuS,
			otherCpuS
		};
	} finally {
		await pool?.close();
		await Promise.all(servers.map((s) => s.stop()));
	}
}

function rows(runs: Run[]): string[][] {
	return runs.map((r) => [r.layout === 'one' ? 'all on one' : 'split over two', String(r.pair), f2(r.p50), f2(r.p99), f2(r.allP99), pct(r.completeness), f2(r.agoraCpuS), f2(r.redisCpuS), f2(r.otherCpuS)]);
}
const HEADER = ['clients on', 'pair', 'p50 ms', 'p99 ms', 'all-reached p99 ms', 'complete', 'Agora CPU s (both)', 'Redis CPU s', 'other procs CPU s'];

async function main() {
	const started = Date.now();
	const redis = await redisServer(REDIS_SERVER!);
	await redis.start();
	process.env.BENCH_REDIS_URL = redis.url;
	const runs: Run[] = [];
	try {
		for (let pair = 1; pair <= PAIRS; pair++) {
			for (const layout of ['one', 'two'] as const) {
				process.stdout.write(`${layout === 'one' ? 'all on one process' : 'split over two'}, pair ${pair}… `);
				const run = await runOnce(layout, pair, redis.pid!);
				runs.push(run);
				console.log(`p99 ${f1(run.p99)} ms, ${pct(run.completeness)}`);
			}
		}
	} finally {
		await redis.kill();
	}
	const one = runs.filter((r) => r.layout === 'one');
	const two = runs.filter((r) => r.layout === 'two');
	const ratio = (f: (r: Run) => number) => median(two.map((t) => f(t) / f(one.find((o) => o.pair === t.pair)!)));
	const summary = [
		`- ${N} clients, ${RATE} updates/s each for ${WRITE_SECONDS} s; ${PAIRS} pairs.`,
		`- p99 propagation: all on one process ${f1(median(one.map((r) => r.p99)))} ms, split over two ${f1(median(two.map((r) => r.p99)))} ms (median ratio two / one: ${f2(ratio((r) => r.p99))}).`,
		`- p50: ${f1(median(one.map((r) => r.p50)))} ms vs ${f1(median(two.map((r) => r.p50)))} ms; all-reached p99: ${f1(median(one.map((r) => r.allP99)))} ms vs ${f1(median(two.map((r) => r.allP99)))} ms.`,
		`- completeness: ${runs.every((r) => r.completeness === 1) ? '100 % in every run' : runs.map((r) => pct(r.completeness)).join(', ')}.`,
		`- CPU of the Agora processes together: ${f2(median(one.map((r) => r.agoraCpuS)))} s vs ${f2(median(two.map((r) => r.agoraCpuS)))} s; Redis ${f2(median(one.map((r) => r.redisCpuS)))} s vs ${f2(median(two.map((r) => r.redisCpuS)))} s.`
	];
	console.log('\n' + textTable(HEADER, rows(runs)) + '\n\n' + summary.join('\n'));
	if (process.env.BENCH_NO_WRITE) return;
	const cpus = os.cpus();
	const section = [
		'## Scale-out: the same clients on one process or split over two',
		'',
		`Last run: ${new Date().toISOString()} (took ${Math.round((Date.now() - started) / 1000)} s) · machine: ${cpus.length} cores, Node ${process.version} · PostgreSQL and Redis on the same machine.`,
		'',
		...summary,
		'',
		mdTable(HEADER, rows(runs)),
		'',
		'Method: two Agora processes (`server/index.ts`, `DATABASE_URL` and `REDIS_URL` set) are started fresh for every run, on one',
		'PostgreSQL (`tests/support/with-postgres.sh`) and a private `redis-server`. A session is created and N participants join',
		'through the first process. The clients are the sync benchmark\'s (`bench/sync-clients.ts`, 4 threads): "all on one" connects',
		'every thread to the first process (the second one runs idle); "split over two" connects two threads to each. What crosses',
		'between processes goes through the PostgreSQL write, then Redis Streams (XADD, then the other process\'s blocking XREAD).',
		'Latency is measured from the write to the receiving client\'s `observe`, for every (update, receiver) pair.'
	].join('\n');
	writeBenchSection('scale', 'bench:scale', section);
}

runBenchmark(main);
