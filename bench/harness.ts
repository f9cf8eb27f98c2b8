/**
 * What the benchmarks share: server children (started on port 0, always killed on the way out),
 * their CPU and memory from /proc, the worker threads that hold the clients, waiting for a quiet
 * machine, statistics and tables. Used by bench/sync-bench.ts and bench/scale-bench.ts.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerSetup } from './sync-clients.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function listEnv(name: string, fallback: string): string[] {
	return (process.env[name] || fallback)
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
}
export function numEnv(name: string, fallback: number): number {
	const v = Number(process.env[name]);
	return Number.isFinite(v) && v > 0 ? v : fallback;
}

export type Kind = 'agora' | 'stock';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Child servers: started on port 0, always killed on the way out (errors and signals included).

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

export function cleanupSync() {
	for (const child of children) {
		try {
			child.kill('SIGKILL');
		} catch {
			/* already gone */
		}
	}
	children.clear();
	for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
	tempDirs.clear();
}
process.on('exit', cleanupSync);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.on(signal, () => {
		console.error(`\n${signal}: stopping servers`);
		cleanupSync();
		process.exit(130);
	});
}
// Every provider registers an exit handler; hundreds of them are expected here.
process.setMaxListeners(0);

export interface Server {
	kind: Kind;
	pid: number;
	port: number;
	stop(): Promise<void>;
}

function clockTicks(): number {
	const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
	const v = Number(r.stdout?.trim());
	return Number.isFinite(v) && v > 0 ? v : 100;
}

export const CLK_TCK = clockTicks();

/** utime + stime of a process, in seconds. */
export function cpuSeconds(pid: number): number {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Fields after "(comm)": state is field 3, utime 14, stime 15.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** CPU seconds per thread of a process (name#tid), for the debug output. */
export function threadCpu(pid: number): Map<string, number> {
	const out = new Map<string, number>();
	for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
		try {
			const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
			const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			out.set(`${name}#${tid}`, (Number(fields[11]) + Number(fields[12])) / CLK_TCK);
		} catch {
			/* thread ended */
		}
	}
	return out;
}

/** Busy CPU time of the whole machine (all cores), in seconds: to see what else ran. */
export function machineBusySeconds(): number {
	const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
	const v = line.trim().split(/\s+/).slice(1).map(Number);
	// user nice system idle iowait irq softirq steal
	const busy = v[0] + v[1] + v[2] + v[5] + v[6] + (v[7] || 0);
	return busy / CLK_TCK;
}

/** VmRSS of a process, in bytes (0 when it is gone). */
export function rssBytes(pid: number): number {
	try {
		const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) * 1024 : 0;
	} catch {
		return 0;
	}
}

export const HANDLER = path.join(ROOT, 'build', 'handler.js');

/** Newest modification time in the build's server folders (a rebuild rewrites them). */
export function buildChangedAt(): number {
	let newest = 0;
	for (const dir of ['build', 'build/server', 'build/server/chunks', 'build/server/chunks/chunks']) {
		try {
			newest = Math.max(newest, fs.statSync(path.join(ROOT, dir)).mtimeMs);
		} catch {
			/* not there (yet) */
		}
	}
	return newest;
}

/**
 * Agora needs the SvelteKit build. When it is missing or being rewritten (a build in another
 * terminal empties build/ first), give that build time to finish; build it ourselves only when
 * nothing appears.
 */
export async function ensureBuild(): Promise<void> {
	const until = Date.now() + 120_000;
	while (Date.now() < until) {
		if (fs.existsSync(HANDLER) && Date.now() - buildChangedAt() > 3000) return;
		if (!fs.existsSync(HANDLER) && Date.now() > until - 100_000) break;
		await sleep(500);
	}
	if (fs.existsSync(HANDLER)) return;
	console.log('build/handler.js is missing: running vite build…');
	const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
	if (r.status !== 0) throw new Error(`vite build failed (status ${r.status})`);
}

/** Extra node flags and environment for a server child (the scale benchmark adds DATABASE_URL, REDIS_URL). */
export interface ServerOptions {
	nodeArgs?: string[];
	env?: Record<string, string>;
	/** Agora: this data folder, kept after stop (a restart on the same data); else a fresh one, removed. */
	dataDir?: string;
}

export async function startServer(kind: Kind, opts: ServerOptions = {}): Promise<Server> {
	for (let attempt = 1; ; attempt++) {
		if (kind === 'agora') await ensureBuild();
		try {
			return await startServerOnce(kind, opts);
		} catch (error) {
			// The build can change under us while someone rebuilds: wait for it and try again.
			const rebuilt = /ERR_MODULE_NOT_FOUND[\s\S]*\/build\//.test(String(error)) && attempt < 4;
			if (!rebuilt) throw error;
			console.warn(`  (the build changed under the server: retrying)`);
			await sleep(2000);
		}
	}
}

export async function startServerOnce(kind: Kind, opts: ServerOptions): Promise<Server> {
	let args: string[];
	const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', ...opts.env };
	let dataDir: string | undefined;
	if (kind === 'agora') {
		if (!opts.dataDir) {
			dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agora-bench-'));
			tempDirs.add(dataDir);
		}
		args = [...(opts.nodeArgs ?? []), '--import', 'tsx', 'server/index.ts'];
		Object.assign(env, { DATA_DIR: opts.dataDir ?? dataDir, LOG_LEVEL: 'silent' });
	} else {
		args = [...(opts.nodeArgs ?? []), 'bench/stock-relay.js'];
		delete env.YPERSISTENCE;
	}
	const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
	children.add(child);
	const exited = new Promise<void>((r) => child.once('exit', () => r()));
	let stderr = '';
	child.stderr!.on('data', (d) => {
		stderr += d;
		if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
	});
	const marker = kind === 'agora' ? /AGORA_LISTENING (\d+)/ : /STOCK_LISTENING (\d+)/;
	const port = await new Promise<number>((resolve, reject) => {
		let out = '';
		const timer = setTimeout(() => reject(new Error(`${kind} server did not start in 60 s: ${stderr}`)), 60_000);
		child.stdout!.on('data', (d) => {
			out += d;
			const m = marker.exec(out);
			if (m) {
				clearTimeout(timer);
				resolve(Number(m[1]));
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`${kind} server exited (${code}): ${stderr}`));
		});
	});
	// Keep draining stdout so that the child never blocks on a full pipe.
	child.stdout!.resume();
	return {
		kind,
		pid: child.pid!,
		port,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGTERM');
				const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
				await exited;
				clearTimeout(killer);
			}
			children.delete(child);
			if (dataDir) {
				fs.rmSync(dataDir, { recursive: true, force: true });
				tempDirs.delete(dataDir);
			}
		}
	};
}

// ---------------------------------------------------------------------------------------------
// One run: N clients, one server.

export async function postJson(url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: new URL(url).origin },
		body: JSON.stringify(body)
	});
	const text = await res.text();
	let json: Record<string, unknown> = {};
	try {
		json = JSON.parse(text);
	} catch {
		/* not JSON */
	}
	if (res.status >= 300) throw new Error(`POST ${url} answered ${res.status}: ${text.slice(0, 200)}`);
	return { status: res.status, json };
}

/** Session and one participant token per client (Agora); room name only (stock). */
export async function prepareRoom(server: Server, n: number): Promise<{ serverUrl: string; room: string; tokens: (string | null)[]; projectorToken?: string }> {
	if (server.kind === 'stock') {
		return { serverUrl: `ws://127.0.0.1:${server.port}`, room: 'bench', tokens: new Array(n).fill(null) };
	}
	const origin = `http://127.0.0.1:${server.port}`;
	const created = await postJson(`${origin}/api/sessions`, { title: 'bench' });
	if (created.status !== 201) throw new Error(`POST /api/sessions answered ${created.status}`);
	const id = String(created.json.id);
	const joinCode = String(created.json.joinCode);
	const tokens: string[] = new Array(n);
	let next = 0;
	await Promise.all(
		Array.from({ length: 8 }, async () => {
			while (next < n) {
				const i = next++;
				const joined = await postJson(`${origin}/api/join`, { code: joinCode });
				tokens[i] = String(joined.json.token);
			}
		})
	);
	return { serverUrl: `ws://127.0.0.1:${server.port}/sync`, room: `${id}/board`, tokens, projectorToken: String(created.json.projectorToken) };
}

/**
 * The workers' results together: every (update, receiver) latency sorted, and per update the
 * time until it had reached all n − 1 other clients (for the updates that did).
 */
export function mergeResults(parts: Extract<FromWorker, { type: 'result' }>[], updates: number, n: number) {
	const received = new Uint16Array(updates);
	const lastArrival = new Float64Array(updates);
	const sentAt = new Float64Array(updates);
	let delivered = 0;
	let extra = 0;
	for (const part of parts) {
		delivered += part.latencies.length;
		extra += part.extra;
		for (let id = 0; id < updates; id++) {
			received[id] += part.received[id];
			if (part.lastArrival[id] > lastArrival[id]) lastArrival[id] = part.lastArrival[id];
			if (part.sentAt[id] > 0) sentAt[id] = part.sentAt[id];
		}
	}
	const sorted = new Float64Array(delivered);
	let at = 0;
	for (const part of parts) {
		sorted.set(part.latencies, at);
		at += part.latencies.length;
	}
	sorted.sort();
	const allReached: number[] = [];
	let missingUpdates = 0;
	for (let id = 0; id < updates; id++) {
		if (received[id] === n - 1) allReached.push(lastArrival[id] - sentAt[id]);
		else missingUpdates++;
	}
	return { sorted, allSorted: Float64Array.from(allReached).sort(), delivered, extra, missingUpdates };
}

export function percentile(sorted: Float64Array, q: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function shuffled(n: number): number[] {
	const a = Array.from({ length: n }, (_, i) => i);
	for (let i = n - 1; i > 0; i--) {
		const j = Math.floor(Math.random() * (i + 1));
		[a[i], a[j]] = [a[j], a[i]];
	}
	return a;
}

/** Worker threads holding the clients (see bench/sync-clients.ts). */
export const WORKER_ENTRY = new URL('./sync-clients.ts', import.meta.url).href;
export const TSX_API = import.meta.resolve('tsx/esm/api');

/**
 * Worker threads holding a benchmark's clients: `entry` is the worker module (sync-clients.ts by
 * default), one worker per setup; messages are waited for by type across all workers.
 */
export class ClientPool<Setup = WorkerSetup, To extends { type: string } = ToWorker, From extends { type: string } = FromWorker> {
	readonly workers: Worker[];
	#got: Map<string, From>[];
	#waiters: (() => void)[] = [];
	#failure: Error | undefined;

	constructor(setups: Setup[], entry = WORKER_ENTRY) {
		// A worker does not inherit tsx's loader: register it before importing the TS entry.
		const code = `import(${JSON.stringify(TSX_API)}).then((m) => { (m.register ?? m.default.register)(); return import(${JSON.stringify(entry)}); })`;
		this.workers = setups.map((setup) => new Worker(code, { eval: true, workerData: setup }));
		this.#got = setups.map(() => new Map());
		this.workers.forEach((w, k) => {
			w.on('message', (m: From) => {
				this.#got[k].set(m.type, m);
				this.#wake();
			});
			w.on('error', (error) => {
				this.#failure ??= error;
				this.#wake();
			});
			w.on('exit', (code) => {
				if (!this.#closing) this.#failure ??= new Error(`client worker exited (${code})`);
				this.#wake();
			});
		});
	}

	#closing = false;

	#wake() {
		const waiters = this.#waiters;
		this.#waiters = [];
		for (const w of waiters) w();
	}

	post(k: number, m: To) {
		this.workers[k].postMessage(m);
	}

	/** Resolves with every worker's message of `type` once all have sent one. */
	async all<T extends From['type']>(type: T, timeoutMs: number, what: string): Promise<Extract<From, { type: T }>[]> {
		const until = Date.now() + timeoutMs;
		for (;;) {
			if (this.#failure) throw this.#failure;
			if (this.#got.every((g) => g.has(type))) return this.#got.map((g) => g.get(type) as Extract<From, { type: T }>);
			const left = until - Date.now();
			if (left <= 0) throw new Error(`timed out waiting for ${what}`);
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, left);
				this.#waiters.push(() => {
					clearTimeout(timer);
					resolve();
				});
			});
		}
	}

	has(type: From['type']): boolean {
		return this.#got.every((g) => g.has(type));
	}

	async close() {
		this.#closing = true;
		this.workers.forEach((w) => w.postMessage({ type: 'close' }));
		await this.all('closed', 5000, 'clients to close').catch(() => undefined);
		await Promise.all(this.workers.map((w) => w.terminate()));
	}
}

export const QUIET_WAIT_S = process.env.BENCH_QUIET_WAIT === '0' ? 0 : numEnv('BENCH_QUIET_WAIT', 40);
let quietBudgetMs = QUIET_WAIT_S * 1000;

/**
 * This machine may be shared: before a run, wait (within an overall budget) until other
 * processes use less than a third of a core, so that runs happen in quiet moments. What still
 * ran during each run is reported ("other procs CPU s").
 */
export async function waitForQuiet(): Promise<void> {
	const started = Date.now();
	for (;;) {
		const b0 = machineBusySeconds();
		const t0 = Date.now();
		await sleep(400);
		const load = (machineBusySeconds() - b0) / ((Date.now() - t0) / 1000);
		if (load < 0.33 || quietBudgetMs - (Date.now() - started) <= 0) break;
	}
	quietBudgetMs -= Date.now() - started;
}

export const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	if (s.length === 0) return NaN;
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
export const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');
export const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(x === 1 ? 0 : 3)} %` : '–');

export function mdTable(header: string[], rows: string[][]): string {
	const align = header.map((_, i) => (i === 0 ? '---' : '---:'));
	return [header, align, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

export function textTable(header: string[], rows: string[][]): string {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * Rewrites one benchmark's part of BENCHMARKS.md, between its markers (appended the first time);
 * the rest of the file is left as it is.
 */
export function writeBenchSection(name: string, script: string, section: string): void {
	const file = path.join(ROOT, 'BENCHMARKS.md');
	const text = fs.readFileSync(file, 'utf8');
	const begin = `<!-- bench-${name}:begin (generated by \`npm run ${script}\`; edit outside these markers) -->`;
	const end = `<!-- bench-${name}:end -->`;
	const block = `${begin}\n${section}\n${end}`;
	const at = text.indexOf(`<!-- bench-${name}:begin`);
	fs.writeFileSync(file, at >= 0 ? text.slice(0, at) + block + text.slice(text.indexOf(end) + end.length) : `${text.trimEnd()}\n\n${block}\n`);
	console.log('\nBENCHMARKS.md updated.');
}

/** Runs a benchmark's main and exits with its outcome (children are killed on the way out). */
export function runBenchmark(main: () => Promise<void>): void {
	main().then(
		() => process.exit(0),
		(error) => {
			console.error(error);
			process.exit(1);
		}
	);
}

