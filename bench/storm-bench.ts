/**
 * Storm benchmark (issue 9), against Agora on SQLite, with phones that reconnect as the app's
 * do (y-websocket with the jittered Reconnector of src/lib/sync/reconnect.ts):
 *
 * - join storm: 300 phones join within 10 s (HTTP join with the code, then sync): when each is
 *   synced, and whether any failed;
 * - reconnect storm: the server restarts (SIGTERM, then started again on the same port and data)
 *   while the 300 are connected: when each is back and synced, and whether anything written
 *   before or after is missing;
 * - memory: 50 sample workshops loaded (a board and a control client each): RSS, then once every
 *   client left and the rooms unloaded.
 *
 * Targets: all synced within 15 s of the first join; all back within 10 s of the restart,
 * nothing lost; 50 sessions under 200 MB RSS, idle rooms leave memory.
 *
 *   npm run bench:storm        (BENCH_NO_WRITE=1: do not touch BENCHMARKS.md)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { RECONNECT_OPTIONS, Reconnector } from '../src/lib/sync/reconnect.ts';
import { freePort } from '../tests/support/services.ts';
import { f1, numEnv, rssBytes, runBenchmark, sleep, startServer, writeBenchSection, type Server } from './harness.ts';

const PHONES = numEnv('BENCH_STORM_PHONES', 300);
const JOIN_WINDOW_MS = 10_000;
const SESSIONS = numEnv('BENCH_STORM_SESSIONS', 50);
const IDLE_MS = 3000;

process.setMaxListeners(0);

interface Phone {
	doc: Y.Doc;
	provider: WebsocketProvider;
	reconnector: Reconnector;
	destroy(): void;
}

function phone(origin: string, room: string, token: string): Phone {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(origin.replace(/^http/, 'ws') + '/sync', room, doc, {
		params: { token },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		...RECONNECT_OPTIONS
	});
	const reconnector = new Reconnector(provider);
	return {
		doc,
		provider,
		reconnector,
		destroy() {
			reconnector.stop();
			provider.destroy();
			doc.destroy();
		}
	};
}

async function post(url: string, body: unknown): Promise<Record<string, string>> {
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	if (!res.ok) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
	return (await res.json()) as Record<string, string>;
}

const whenSynced = (p: Phone) =>
	new Promise<void>((resolve) => {
		if (p.provider.synced) return resolve();
		const on = (ok: boolean) => {
			if (!ok) return;
			p.provider.off('sync', on);
			resolve();
		};
		p.provider.on('sync', on);
	});

const quantile = (xs: number[], q: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : NaN;
};

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
	const end = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > end) return false;
		await sleep(20);
	}
	return true;
}

async function main() {
	const started = Date.now();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agora-storm-'));
	const port = await freePort();
	const env = { PORT: String(port), ROOM_IDLE_MS: String(IDLE_MS), SESSIONS_PER_HOUR: '1000' };
	const origin = `http://127.0.0.1:${port}`;
	let server: Server = await startServer('agora', { env, dataDir });
	const phones: Phone[] = [];
	const lines: string[] = [];
	try {
		// Join storm.
		const session = await post(`${origin}/api/sessions`, { title: 'Assemblée' });
		const room = `${session.id}/board`;
		const t0 = performance.now();
		const joinMs: number[] = [];
		let joinErrors = 0;
		await Promise.all(
			Array.from({ length: PHONES }, async (_, i) => {
				await sleep(Math.random() * JOIN_WINDOW_MS);
				const start = performance.now();
				try {
					const joined = await post(`${origin}/api/join`, { code: session.joinCode, name: `Téléphone ${i}` });
					const p = phone(origin, room, joined.token);
					phones[i] = p;
					await whenSynced(p);
					joinMs.push(performance.now() - start);
				} catch {
					joinErrors++;
				}
			})
		);
		const joinAllS = (performance.now() - t0) / 1000;
		console.log(`join storm: ${joinMs.length} of ${PHONES} synced, all within ${f1(joinAllS)} s of the first join`);

		// Everyone writes, then the server restarts under them.
		phones.forEach((p, i) => p?.doc.getMap('bench').set(`before-${i}`, i));
		const checker = phone(origin, room, session.projectorToken);
		await whenSynced(checker);
		await until(() => checker.doc.getMap('bench').size === joinMs.length, 10_000);
		checker.destroy();
		const backMs: number[] = [];
		const restartedAt = await (async () => {
			await server.stop();
			server = await startServer('agora', { env, dataDir });
			return performance.now();
		})();
		await Promise.all(
			phones.map(async (p) => {
				if (!p) return;
				await until(() => p.provider.synced && p.provider.wsconnected, 30_000);
				backMs.push(performance.now() - restartedAt);
			})
		);
		phones.forEach((p, i) => p?.doc.getMap('bench').set(`after-${i}`, i));
		const fresh = phone(origin, room, session.projectorToken);
		await whenSynced(fresh);
		const expected = joinMs.length * 2;
		await until(() => fresh.doc.getMap('bench').size === expected, 15_000);
		const kept = fresh.doc.getMap('bench').size;
		fresh.destroy();
		const backAllS = Math.max(...backMs) / 1000;
		console.log(`reconnect storm: ${backMs.length} back, the last ${f1(backAllS)} s after the restart; ${kept} of ${expected} keys kept`);
		for (const p of phones) p?.destroy();
		phones.length = 0;

		// Memory: 50 sample workshops loaded, then left.
		const idleRss = rssBytes(server.pid);
		const clients: Phone[] = [];
		for (let i = 0; i < SESSIONS; i++) {
			const s = await post(`${origin}/api/sessions/sample`, { language: 'fr' });
			clients.push(phone(origin, `${s.id}/board`, s.facilitatorToken), phone(origin, `${s.id}/control`, s.facilitatorToken));
		}
		await Promise.all(clients.map(whenSynced));
		await sleep(1000);
		const loadedRss = rssBytes(server.pid);
		const health = async () => (await (await fetch(`${origin}/api/health`)).json()) as { rooms: number };
		const roomsLoaded = (await health()).rooms;
		for (const c of clients) c.destroy();
		let roomsLeft = roomsLoaded;
		const end = Date.now() + IDLE_MS + 10_000;
		while (Date.now() < end && (roomsLeft = (await health()).rooms) > 0) await sleep(250);
		await sleep(1000);
		const afterRss = rssBytes(server.pid);
		console.log(`memory: ${f1(loadedRss / 2 ** 20)} MB with ${roomsLoaded} rooms of ${SESSIONS} sessions, ${f1(afterRss / 2 ** 20)} MB once ${roomsLoaded - roomsLeft} left`);

		const verdict = (ok: boolean) => (ok ? 'meets' : 'misses');
		lines.push(
			`- join storm: ${PHONES} phones joining at random moments within ${JOIN_WINDOW_MS / 1000} s: ${joinMs.length} synced, ${joinErrors} failed; every one synced ${f1(joinAllS)} s after the first started (${verdict(joinErrors === 0 && joinAllS <= 15)} the target: all within 15 s, no error). Join to synced, per phone: p50 ${f1(quantile(joinMs, 0.5))} ms, p99 ${f1(quantile(joinMs, 0.99))} ms, max ${f1(Math.max(...joinMs))} ms.`,
			`- reconnect storm: the server restarted (SIGTERM, then started again on the same port and data) under ${joinMs.length} connected phones: all back and synced ${f1(backAllS)} s after it listened again (p50 ${f1(quantile(backMs, 0.5) / 1000)} s); ${kept} of ${expected} keys kept (one written by each phone before the restart, one after) — ${verdict(backAllS <= 10 && kept === expected)} the target: all within 10 s, nothing lost.`,
			`- memory: ${SESSIONS} sample workshops loaded (${roomsLoaded} rooms, a board and a control client each): ${f1(loadedRss / 2 ** 20)} MB RSS (${f1(idleRss / 2 ** 20)} MB before) — ${verdict(loadedRss < 200 * 2 ** 20)} the target < 200 MB; once every client left, ${roomsLoaded - roomsLeft} of ${roomsLoaded} rooms left memory within ${(IDLE_MS + 10_000) / 1000} s (ROOM_IDLE_MS=${IDLE_MS}), ${f1(afterRss / 2 ** 20)} MB RSS after.`
		);
	} finally {
		for (const p of phones) p?.destroy();
		await server.stop();
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
	console.log('\n' + lines.join('\n'));
	if (process.env.BENCH_NO_WRITE) return;
	const section = [
		'## Storms: 300 phones joining, a restart under them, 50 sessions in memory',
		'',
		`Last run: ${new Date().toISOString()} (took ${Math.round((Date.now() - started) / 1000)} s) · machine: ${os.cpus().length} cores, Node ${process.version}.`,
		'',
		...lines,
		'',
		'Method (`bench/storm-bench.ts`): one Agora server (`server/index.ts`, SQLite) as a child process. The phones are stock',
		'`y-websocket` providers in the harness, reconnecting as the app does: every lost connection is retried at a random moment',
		'below a ceiling that starts at 1 s and doubles (`src/lib/sync/reconnect.ts`). Each phone first calls `POST /api/join`',
		'with the session code. The restart is a graceful stop (what a deploy does) and a new process on the same port and',
		'data folder. RSS is VmRSS from `/proc/<pid>/status`.'
	].join('\n');
	writeBenchSection('storm', 'bench:storm', section);
}

runBenchmark(main);
