/**
 * Real services for the scale-out tests: a Redis the test can kill and start again on the same
 * port, and a small TCP load balancer in front of several Agora processes (what nginx does in
 * production: each new connection goes to the next process that accepts it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

export interface RedisProcess {
	url: string;
	/** Process id while it runs (the benchmark reads its CPU time). */
	readonly pid: number | undefined;
	/** Starts it (again) on the same port, with no data kept: a restart loses the streams. */
	start(): Promise<void>;
	/** SIGKILL: nothing saved. */
	kill(): Promise<void>;
}

export async function redisServer(binary: string): Promise<RedisProcess> {
	const port = await freePort();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agora-redis-'));
	let child: ChildProcess | null = null;
	const answers = () =>
		new Promise<boolean>((resolve) => {
			const socket = net.connect(port, '127.0.0.1');
			socket.once('connect', () => socket.write('PING\r\n'));
			socket.once('data', (d) => {
				socket.destroy();
				resolve(d.toString().startsWith('+PONG'));
			});
			socket.once('error', () => resolve(false));
		});
	return {
		url: `redis://127.0.0.1:${port}`,
		get pid() {
			return child?.pid;
		},
		async start() {
			child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
			const end = Date.now() + 10_000;
			while (!(await answers())) {
				if (Date.now() > end) throw new Error(`redis-server did not start on ${port}`);
				await new Promise((r) => setTimeout(r, 50));
			}
		},
		async kill() {
			const c = child;
			if (!c || c.exitCode !== null) return;
			const exited = new Promise<void>((r) => c.once('exit', () => r()));
			c.kill('SIGKILL');
			await exited;
		}
	};
}

export interface Balancer {
	port: number;
	origin: string;
	close(): Promise<void>;
}

/** Spreads connections over `ports` in turn, skipping a process that refuses (it died). */
export async function balancer(ports: number[]): Promise<Balancer> {
	let next = 0;
	const sockets = new Set<net.Socket>();
	const server = net.createServer((client) => {
		sockets.add(client);
		client.on('close', () => sockets.delete(client));
		client.on('error', () => client.destroy());
		client.pause();
		const tryFrom = (attempt: number) => {
			if (attempt >= ports.length) return client.destroy();
			const port = ports[next++ % ports.length];
			const upstream = net.connect(port, '127.0.0.1');
			let connected = false;
			upstream.on('error', () => {
				if (connected) client.destroy();
				else tryFrom(attempt + 1);
			});
			upstream.once('connect', () => {
				connected = true;
				sockets.add(upstream);
				upstream.on('close', () => {
					sockets.delete(upstream);
					client.destroy();
				});
				client.on('close', () => upstream.destroy());
				client.pipe(upstream);
				upstream.pipe(client);
				client.resume();
			});
		};
		tryFrom(0);
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	const port = (server.address() as net.AddressInfo).port;
	return {
		port,
		origin: `http://127.0.0.1:${port}`,
		async close() {
			for (const s of sockets) s.destroy();
			await new Promise<void>((r) => server.close(() => r()));
		}
	};
}
