/**
 * Several Agora processes on one PostgreSQL, relaying through Redis Streams (issue 8): real
 * processes, a real PostgreSQL (tests/support/with-postgres.sh) and a real redis-server
 * (tests/support/with-redis.sh) that the tests kill and start again. Clients on different
 * processes converge; a freeze set on one holds phones on another; Redis restarted heals by
 * itself; kill -9 of one process loses nothing any client wrote.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOARD, CONTROL } from '../src/lib/schema.ts';
import { connect, createSession, join, startServer, synced, until, upgradeStatus, type Client, type RunningServer } from './helpers.ts';
import { balancer, redisServer, type Balancer, type RedisProcess } from './support/services.ts';

const DATABASE_URL = process.env.AGORA_TEST_DATABASE_URL;
const REDIS_SERVER = process.env.AGORA_TEST_REDIS_SERVER;
if (!DATABASE_URL || !REDIS_SERVER) {
	throw new Error('Run through tests/support/with-postgres.sh and tests/support/with-redis.sh (npm test does).');
}

let redis: RedisProcess;
let env: Record<string, string>;
const servers: RunningServer[] = [];
const clients: Client[] = [];
const balancers: Balancer[] = [];

async function start(): Promise<RunningServer> {
	const server = await startServer({ env });
	servers.push(server);
	return server;
}

function open(origin: string, sessionId: string, doc: 'board' | 'control', token: string): Client {
	const client = connect(origin, sessionId, doc, token);
	clients.push(client);
	return client;
}

const contributions = (c: Client) => c.doc.getMap(BOARD.contributions);

beforeAll(async () => {
	redis = await redisServer(REDIS_SERVER);
	await redis.start();
	// State vectors every 300 ms, so that healing shows within a test's patience; snapshots every
	// 50 updates, so that both processes compact one log while the other appends to it.
	env = { DATABASE_URL: DATABASE_URL!, REDIS_URL: redis.url, RELAY_STATE_MS: '300', SNAPSHOT_EVERY: '50', UPDATES_PER_SECOND: '100000' };
});

afterAll(async () => {
	for (const c of clients) c.destroy();
	for (const b of balancers) await b.close();
	for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) await s.stop();
	for (const s of servers) fs.rmSync(s.dataDir, { recursive: true, force: true });
	await redis?.kill();
});

describe('two processes behind one address', () => {
	let a: RunningServer;
	let b: RunningServer;
	beforeAll(async () => {
		[a, b] = await Promise.all([start(), start()]);
	});

	it('refuses REDIS_URL without a shared PostgreSQL, saying why', async () => {
		await expect(startServer({ env: { REDIS_URL: redis.url } })).rejects.toThrow(/DATABASE_URL/);
	});

	it('lets clients on either process edit one session and converge, presence included', async () => {
		const session = await createSession(a.origin, 'Atelier à deux serveurs');
		// Joining through the other process: codes and tokens are in the shared database.
		const phone = await join(b.origin, session.joinCode, 'Pat');
		const onA = open(a.origin, session.id, 'board', session.facilitatorToken);
		const onB = open(b.origin, session.id, 'board', phone.token);
		await Promise.all([synced(onA), synced(onB)]);
		for (let i = 0; i < 200; i++) {
			contributions(onA).set(`a${i}`, i);
			contributions(onB).set(`b${i}`, i);
			if (i % 20 === 0) await new Promise((r) => setTimeout(r, 5));
		}
		await until(() => contributions(onA).size === 400 && contributions(onB).size === 400, 10_000, 'both see 400');
		expect(contributions(onA).toJSON()).toEqual(contributions(onB).toJSON());

		onB.provider.awareness.setLocalStateField('name', 'Pat');
		await until(() => onA.provider.awareness.getStates().get(onB.doc.clientID)?.name === 'Pat', 5000, 'presence crosses');
		const leaving = onB.doc.clientID;
		onB.destroy();
		await until(() => !onA.provider.awareness.getStates().has(leaving), 5000, 'departure crosses');

		for (const server of [a, b]) {
			const health = await (await fetch(`${server.origin}/api/health`)).json();
			expect(health).toMatchObject({ ok: true, storage: { kind: 'postgres', ok: true }, relay: { kind: 'redis', ok: true } });
		}
	});

	it('holds phones on one process when the facilitator freezes the session on the other', async () => {
		const session = await createSession(a.origin, 'Atelier figé à deux');
		const participant = await join(a.origin, session.joinCode, 'Lou');
		const facilitatorBoard = open(a.origin, session.id, 'board', session.facilitatorToken);
		const control = open(a.origin, session.id, 'control', session.facilitatorToken);
		// The phone holds only a board connection on B: B has no control connection to learn from.
		const phone = open(b.origin, session.id, 'board', participant.token);
		await Promise.all([synced(facilitatorBoard), synced(control), synced(phone)]);
		contributions(phone).set('before', 'accepted');
		await until(() => contributions(facilitatorBoard).has('before'), 5000, 'before the freeze');

		control.doc.getMap(CONTROL.settings).set('frozen', true);
		// Nothing on B can show the freeze without opening a control room there (which would read
		// it from storage and hide a relay that failed): give the relay a generous second.
		await new Promise((r) => setTimeout(r, 1000));
		contributions(phone).set('during', 'dropped');
		phone.provider.awareness.setLocalStateField('step', 'after-frozen-write');
		await until(() => facilitatorBoard.provider.awareness.getStates().get(phone.doc.clientID)?.step === 'after-frozen-write', 5000, 'barrier');
		const onB = open(b.origin, session.id, 'board', session.projectorToken);
		await synced(onB);
		await new Promise((r) => setTimeout(r, 500));
		expect(contributions(onB).has('before')).toBe(true);
		expect(contributions(onB).has('during')).toBe(false);
		expect(contributions(facilitatorBoard).has('during')).toBe(false);

		control.doc.getMap(CONTROL.settings).set('frozen', false);
		await new Promise((r) => setTimeout(r, 1000));
		contributions(phone).set('after', 'accepted');
		await until(() => contributions(facilitatorBoard).has('after'), 5000, 'after the thaw');
	});

	it('heals by itself when Redis restarts during a session', async () => {
		const session = await createSession(a.origin, 'Atelier sans relais');
		const onA = open(a.origin, session.id, 'board', session.facilitatorToken);
		const onB = open(b.origin, session.id, 'board', session.facilitatorToken);
		const control = open(b.origin, session.id, 'control', session.facilitatorToken);
		await Promise.all([synced(onA), synced(onB), synced(control)]);
		contributions(onA).set('first', 1);
		await until(() => contributions(onB).has('first'), 5000, 'relayed before');

		await redis.kill();
		// Enough for each process to snapshot the log while it lacks what the other one wrote.
		for (let i = 0; i < 120; i++) {
			contributions(onA).set(`while-a${i}`, i);
			contributions(onB).set(`while-b${i}`, i);
			await new Promise((r) => setTimeout(r, 2));
		}
		contributions(onA).set('while-a', 1);
		contributions(onB).set('while-b', 1);
		control.doc.getMap(CONTROL.settings).set('note', 'while down');
		// Each process still serves its own clients, and says the relay is away.
		await new Promise((r) => setTimeout(r, 800));
		const health = await (await fetch(`${a.origin}/api/health`)).json();
		expect(health).toMatchObject({ ok: true, relay: { kind: 'redis', ok: false } });
		// A workshop opened meanwhile does not wait for Redis to load.
		const other = await createSession(a.origin, 'Ouvert pendant la panne');
		const early = open(b.origin, other.id, 'board', other.facilitatorToken);
		await synced(early, 3000);
		contributions(early).set('early', 1);

		await redis.start(); // empty: the streams are gone
		await until(() => contributions(onA).has('while-b') && contributions(onB).has('while-a'), 20_000, 'healed after Redis came back');
		contributions(onA).set('after', 1);
		await until(() => contributions(onB).has('after'), 5000, 'relayed again');
		await until(() => contributions(onA).size === 244 && contributions(onB).size === 244, 5000, 'both have everything');

		// What both wrote while apart is stored whole, snapshots included: a third process reads it all.
		const c = await start();
		const reader = open(c.origin, session.id, 'board', session.projectorToken);
		await synced(reader);
		expect(contributions(reader).toJSON()).toEqual(contributions(onA).toJSON());
		// The workshop opened during the outage relays too, now that Redis is back.
		const later = open(a.origin, other.id, 'board', other.facilitatorToken);
		await synced(later);
		expect(contributions(later).get('early')).toBe(1);
		contributions(later).set('later', 1);
		await until(() => contributions(early).has('later'), 5000, 'relayed in the session opened during the outage');
	});

	it('closes a session deleted on one process on the other too, and stores nothing more of it', async () => {
		const doomed = await createSession(a.origin, 'Supprimée ailleurs');
		const phone = await join(b.origin, doomed.joinCode, 'Pat');
		const board = open(b.origin, doomed.id, 'board', phone.token);
		await synced(board);
		let closedWith = 0;
		board.provider.on('connection-close', (e: CloseEvent | null) => (closedWith = e?.code ?? closedWith));
		const res = await fetch(`${a.origin}/api/sessions/${doomed.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${doomed.facilitatorToken}` } });
		expect(res.status).toBe(204);
		await until(() => closedWith === 4404, 5000, 'closed 4404 on the other process');
		expect((await fetch(`${b.origin}/api/sessions/${doomed.id}`, { headers: { authorization: `Bearer ${doomed.facilitatorToken}` } })).status).toBe(404);
	});

	it('counts wrong join codes across processes: trying on the other one does not reset the count', async () => {
		const session = await createSession(a.origin, 'Codes faux');
		const wrongCode = session.joinCode === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ';
		const tryCode = (origin: string, code: string) =>
			fetch(`${origin}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
		// The default limit, 20 a minute, spread over both processes.
		for (let i = 0; i < 20; i++) expect((await tryCode(i % 2 ? b.origin : a.origin, wrongCode)).status).toBe(404);
		for (const origin of [a.origin, b.origin]) {
			const refused = await tryCode(origin, wrongCode);
			expect(refused.status).toBe(429);
			expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		}
		// The right code still lets people in, on either process.
		expect((await tryCode(b.origin, session.joinCode)).status).toBe(200);
	});

	it('holds a session to MAX_CONNECTIONS_PER_SESSION across processes', async () => {
		const limited = { ...env, MAX_CONNECTIONS_PER_SESSION: '3' };
		const [x, y] = await Promise.all([startServer({ env: limited }), startServer({ env: limited })]);
		servers.push(x, y);
		const session = await createSession(x.origin, 'Salle pleine');
		const url = (origin: string) => `${origin.replace(/^http/, 'ws')}/sync/${session.id}/board?token=${session.facilitatorToken}`;
		const first = [open(x.origin, session.id, 'board', session.facilitatorToken), open(x.origin, session.id, 'board', session.facilitatorToken)];
		const third = open(y.origin, session.id, 'board', session.facilitatorToken);
		await Promise.all([...first, third].map((c) => synced(c)));
		expect(await upgradeStatus(url(y.origin))).toBe(503);
		expect(await upgradeStatus(url(x.origin))).toBe(503);
		// One leaves on x: there is room again, on y too.
		first[0].destroy();
		const end = Date.now() + 5000;
		let status = 0;
		while (Date.now() < end && (status = await upgradeStatus(url(y.origin))) !== 101) await new Promise((r) => setTimeout(r, 100));
		expect(status).toBe(101);
	});

	it('loses nothing any client wrote when one process is killed (-9) while they write', async () => {
		const lb = await balancer([a.port, b.port]);
		balancers.push(lb);
		const session = await createSession(lb.origin, 'Atelier coupé');
		// Four writers spread over both processes by the balancer, like phones behind nginx.
		const writers = [0, 1, 2, 3].map(() => open(lb.origin, session.id, 'board', session.facilitatorToken));
		await Promise.all(writers.map((w) => synced(w)));
		const written = new Set<string>();
		const seen = new Set<string>();
		let n = 0;
		const write = () => {
			for (const [i, w] of writers.entries()) {
				const key = `w${i}-${n}`;
				contributions(w).set(key, n);
				written.add(key);
			}
			n++;
		};
		const timer = setInterval(write, 15);
		await new Promise((r) => setTimeout(r, 600));
		for (const w of writers) for (const key of contributions(w).keys()) seen.add(key);
		await a.kill();
		await new Promise((r) => setTimeout(r, 1500));
		clearInterval(timer);

		// Every writer reconnects (to B) and everything converges to all that was written.
		await until(() => writers.every((w) => w.provider.wsconnected && contributions(w).size === written.size), 20_000, 'writers converge');
		expect(seen.size).toBeGreaterThan(0);
		const fresh = open(b.origin, session.id, 'board', session.projectorToken);
		await synced(fresh);
		await until(() => contributions(fresh).size === written.size, 10_000, 'a fresh client on B has it all');

		// And it is stored: a third process, started after, serves all of it.
		const c = await start();
		const reader = open(c.origin, session.id, 'board', session.projectorToken);
		await synced(reader);
		for (const key of written) expect(contributions(reader).has(key), key).toBe(true);
	});
});
