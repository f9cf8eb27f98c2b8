/**
 * Test helpers that cross processes: a real Agora server in a child process (so it can be
 * killed with SIGKILL), real y-websocket clients, real SQLite under the system temp folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

export interface RunningServer {
	port: number;
	origin: string;
	dataDir: string;
	child: ChildProcess;
	/** Graceful stop (SIGTERM). */
	stop(): Promise<void>;
	/** Crash: SIGKILL, nothing flushed on the way out. */
	kill(): Promise<void>;
}

export function tempDataDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'agora-test-'));
}

/** Starts `server/index.ts` on port 0 (needs `npm run build` first) and waits until it listens. */
export async function startServer(opts: { dataDir?: string; env?: Record<string, string> } = {}): Promise<RunningServer> {
	const dataDir = opts.dataDir ?? tempDataDir();
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...opts.env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let stderr = '';
	child.stderr!.on('data', (d) => (stderr += d));
	const port = await new Promise<number>((resolve, reject) => {
		let out = '';
		const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 30_000);
		child.stdout!.on('data', (d) => {
			out += d;
			const m = /AGORA_LISTENING (\d+)/.exec(out);
			if (m) {
				clearTimeout(timer);
				resolve(Number(m[1]));
			}
		});
		child.on('exit', (code) => reject(new Error(`server exited (${code}): ${stderr}`)));
	});
	const exited = new Promise<void>((r) => child.once('exit', () => r()));
	return {
		port,
		origin: `http://127.0.0.1:${port}`,
		dataDir,
		child,
		async stop() {
			child.kill('SIGTERM');
			await exited;
		},
		async kill() {
			child.kill('SIGKILL');
			await exited;
		}
	};
}

export interface CreatedSession {
	id: string;
	joinCode: string;
	facilitatorToken: string;
	projectorToken: string;
}

export async function createSession(origin: string, title = 'Atelier test'): Promise<CreatedSession> {
	const res = await fetch(`${origin}/api/sessions`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ title, territory: 'Pays de test' })
	});
	if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
	return res.json();
}

export async function join(origin: string, code: string, name = 'Camille'): Promise<{ sessionId: string; participantId: string; token: string }> {
	const res = await fetch(`${origin}/api/join`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ code, name })
	});
	if (res.status !== 200) throw new Error(`join failed: ${res.status} ${await res.text()}`);
	return res.json();
}

export interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	destroy(): void;
}

/** A stock y-websocket client on `/sync/<session>/<doc>`. */
export function connect(origin: string, sessionId: string, docName: 'board' | 'control', token: string): Client {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(origin.replace(/^http/, 'ws') + '/sync', `${sessionId}/${docName}`, doc, {
		params: { token },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	return {
		doc,
		provider,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

export function synced(client: Client, timeout = 10_000): Promise<void> {
	if (client.provider.synced) return Promise.resolve();
	return new Promise((resolve, reject) => {
		const t = setTimeout(() => reject(new Error('not synced in time')), timeout);
		client.provider.once('sync', () => {
			clearTimeout(t);
			resolve();
		});
	});
}

/** Waits until `check` is true, polling; fails after `timeout`. */
export async function until(check: () => boolean, timeout = 10_000, what = 'condition'): Promise<void> {
	const end = Date.now() + timeout;
	while (!check()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

/** Opens a raw WebSocket and resolves with the HTTP status if the upgrade is refused. */
export function upgradeStatus(url: string): Promise<number> {
	return new Promise((resolve) => {
		const ws = new WebSocket(url);
		ws.on('unexpected-response', (_req, res) => {
			resolve(res.statusCode ?? 0);
			ws.terminate();
		});
		ws.on('open', () => {
			resolve(101);
			ws.close();
		});
		ws.on('error', () => undefined);
	});
}
