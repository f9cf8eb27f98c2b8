/**
 * Each limit of the sync server, on a real server started with that limit set small: message
 * size (close 1009), document size (close 4413, nothing beyond the cap stored), updates per
 * second (close 4529, other clients unaffected), connections per session (upgrade 503, other
 * sessions unaffected). Raw clients speak y-protocols by hand: the stock provider would
 * reconnect and hide the close code.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD, CLOSE } from '../src/lib/schema.ts';
import {
	connect,
	createSession,
	join,
	startServer,
	synced,
	until,
	upgradeStatus,
	type Client,
	type RunningServer
} from './helpers.ts';
import { closedWithin, isStep2, rawConnect, setUpdate, step1Message, syncUrl, updateMessage, type RawClient } from './raw-client.ts';

const servers: RunningServer[] = [];
const clients: (Client | RawClient)[] = [];

async function start(env: Record<string, string>): Promise<RunningServer> {
	const s = await startServer({ env });
	servers.push(s);
	return s;
}
function open(s: RunningServer, sessionId: string, docName: 'board' | 'control', token: string): Client {
	const c = connect(s.origin, sessionId, docName, token);
	clients.push(c);
	return c;
}
async function raw(s: RunningServer, sessionId: string, docName: string, token: string): Promise<RawClient> {
	const c = rawConnect(s.origin, sessionId, docName, token);
	clients.push(c);
	await c.opened;
	return c;
}
/** Sends a step 1 and waits for its answer: every frame sent before it has been handled. */
async function roundTrip(c: RawClient): Promise<'answered' | 'closed'> {
	const before = c.received.filter(isStep2).length;
	c.send(step1Message());
	await until(() => c.closeInfo !== undefined || c.received.filter(isStep2).length > before, 5000, 'round trip');
	return c.closeInfo ? 'closed' : 'answered';
}

afterAll(async () => {
	for (const c of clients) {
		if ('destroy' in c) c.destroy();
		else c.close();
	}
	for (const s of servers) {
		await s.stop();
		fs.rmSync(s.dataDir, { recursive: true, force: true });
	}
});

const entries = (doc: Y.Doc) => doc.getMap(BOARD.contributions);

describe('MAX_MESSAGE_BYTES', () => {
	it('closes a connection sending a larger message with 1009, and stores none of it', async () => {
		const server = await start({ MAX_MESSAGE_BYTES: '65536' });
		const s = await createSession(server.origin);
		const p = await join(server.origin, s.joinCode);

		const writer = await raw(server, s.id, 'board', p.token);
		writer.send(updateMessage(setUpdate(BOARD.contributions, 'under', 'x'.repeat(30_000))));
		expect(await roundTrip(writer)).toBe('answered');

		writer.send(updateMessage(setUpdate(BOARD.contributions, 'over', 'y'.repeat(100_000))));
		const closed = await closedWithin(writer);
		expect(closed.code).toBe(1009);

		const fresh = open(server, s.id, 'board', s.facilitatorToken);
		await synced(fresh);
		expect((entries(fresh.doc).get('under') as string).length).toBe(30_000);
		expect(entries(fresh.doc).has('over')).toBe(false);
		// The server itself is fine: the next connection works.
		const next = await raw(server, s.id, 'board', p.token);
		expect(await roundTrip(next)).toBe('answered');
	});
});

describe('MAX_DOCUMENT_BYTES', () => {
	it('closes with 4413 at the cap and stores nothing beyond it', async () => {
		const limit = 20_000;
		const server = await start({ MAX_DOCUMENT_BYTES: String(limit) });
		const s = await createSession(server.origin);
		const p = await join(server.origin, s.joinCode);
		const key = `${s.id}/board`;

		// Chunks of ~3 kB, each followed at once by a tiny update: once a chunk is refused, the
		// tiny one sent right behind it on the same socket must not be stored either.
		const writer = await raw(server, s.id, 'board', p.token);
		let accepted = 0;
		for (let i = 0; i < 20; i++) {
			writer.send(updateMessage(setUpdate(BOARD.contributions, `chunk${i}`, `${i}:`.padEnd(3000, 'z'))));
			writer.send(updateMessage(setUpdate(BOARD.contributions, `tiny${i}`, i)));
			if ((await roundTrip(writer)) === 'closed') break;
			accepted++;
		}
		expect(writer.closeInfo?.code).toBe(CLOSE.documentTooLarge);
		expect(accepted).toBeGreaterThanOrEqual(5);
		expect(accepted).toBeLessThan(7);

		const fresh = open(server, s.id, 'board', s.projectorToken);
		await synced(fresh);
		for (let i = 0; i < accepted; i++) {
			expect(entries(fresh.doc).has(`chunk${i}`), `chunk${i}`).toBe(true);
			expect(entries(fresh.doc).has(`tiny${i}`), `tiny${i}`).toBe(true);
		}
		expect(entries(fresh.doc).has(`chunk${accepted}`)).toBe(false);
		expect(entries(fresh.doc).has(`tiny${accepted}`)).toBe(false);

		// What is stored stays under the cap.
		const db = new Database(path.join(server.dataDir, 'agora.sqlite'), { readonly: true });
		const stored = db.prepare('SELECT COUNT(*) AS n, SUM(LENGTH(data)) AS bytes FROM updates WHERE doc = ?').get(key) as { n: number; bytes: number };
		db.close();
		expect(stored.bytes).toBeLessThanOrEqual(limit);
		expect(stored.n).toBe(accepted * 2);

		// The cap holds for everyone, the facilitator too, on new connections.
		const facilitator = await raw(server, s.id, 'board', s.facilitatorToken);
		facilitator.send(updateMessage(setUpdate(BOARD.contributions, 'more', 'w'.repeat(3000))));
		expect((await closedWithin(facilitator)).code).toBe(CLOSE.documentTooLarge);
		// Reading still works.
		expect(entries(fresh.doc).has('more')).toBe(false);
		const reader = open(server, s.id, 'board', p.token);
		await synced(reader);
		expect(entries(reader.doc).size).toBe(accepted * 2);
	});
});

describe('UPDATES_PER_SECOND', () => {
	it('closes a flooding connection with 4529 while a normal client keeps syncing', async () => {
		const rate = 5;
		const server = await start({ UPDATES_PER_SECOND: String(rate) });
		const s = await createSession(server.origin);
		const pNormal = await join(server.origin, s.joinCode, 'Calme');
		const pFlood = await join(server.origin, s.joinCode, 'Pressé');
		const normal = open(server, s.id, 'board', pNormal.token);
		const watcher = open(server, s.id, 'board', s.facilitatorToken);
		await Promise.all([synced(normal), synced(watcher)]);
		let normalDrops = 0;
		normal.provider.on('connection-close', () => normalDrops++);

		const flooder = await raw(server, s.id, 'board', pFlood.token);
		const writeNormally = (async () => {
			for (let i = 0; i < 6; i++) {
				entries(normal.doc).set(`calm${i}`, i);
				await new Promise((r) => setTimeout(r, 150));
			}
		})();
		for (let i = 0; i < 100; i++) flooder.send(updateMessage(setUpdate(BOARD.contributions, `flood${i}`, i)));
		const closed = await closedWithin(flooder);
		expect(closed.code).toBe(CLOSE.tooManyUpdates);
		await writeNormally;

		await until(() => [0, 1, 2, 3, 4, 5].every((i) => entries(watcher.doc).get(`calm${i}`) === i), 5000, 'normal writes arrive');
		expect(normalDrops).toBe(0);
		expect(normal.provider.wsconnected).toBe(true);

		// The flood was cut after its burst allowance (twice the rate).
		const fresh = open(server, s.id, 'board', s.projectorToken);
		await synced(fresh);
		const flooded = [...entries(fresh.doc).keys()].filter((k) => k.startsWith('flood')).length;
		expect(flooded).toBeGreaterThan(0);
		expect(flooded).toBeLessThanOrEqual(rate * 2 + 1);
	});
});

describe('UPDATES_PER_SECOND with the stock client', () => {
	it('reconnects a phone cut for flooding, and loses none of its writes', async () => {
		const server = await start({ UPDATES_PER_SECOND: '5' });
		const s = await createSession(server.origin);
		const p = await join(server.origin, s.joinCode, 'Rapide');
		const phone = open(server, s.id, 'board', p.token);
		const watcher = open(server, s.id, 'board', s.facilitatorToken);
		await Promise.all([synced(phone), synced(watcher)]);
		const closes: number[] = [];
		phone.provider.on('connection-close', (e: CloseEvent | null) => closes.push(e?.code ?? 0));
		// 40 separate transactions in one burst: far over the allowance.
		for (let i = 0; i < 40; i++) entries(phone.doc).set(`burst${i}`, i);
		await until(() => closes.includes(CLOSE.tooManyUpdates), 5000, 'rate-limit close');
		// The client treats 45xx as "try again later": it reconnects and resyncs its state.
		await until(() => Array.from({ length: 40 }, (_, i) => i).every((i) => entries(watcher.doc).get(`burst${i}`) === i), 15_000, 'all writes after reconnection');
		expect(phone.provider.shouldConnect).toBe(true);
	});
});

describe('MAX_CONNECTIONS_PER_SESSION', () => {
	it('refuses the 4th connection of a session with 503, while other sessions accept', async () => {
		const server = await start({ MAX_CONNECTIONS_PER_SESSION: '3' });
		const a = await createSession(server.origin, 'Pleine');
		const b = await createSession(server.origin, 'Libre');
		const pa = await join(server.origin, a.joinCode);
		const pb = await join(server.origin, b.joinCode);

		// Both documents count towards the session.
		const held = [
			await raw(server, a.id, 'board', pa.token),
			await raw(server, a.id, 'control', pa.token),
			await raw(server, a.id, 'board', a.facilitatorToken)
		];
		for (const c of held) expect(await roundTrip(c)).toBe('answered');

		expect(await upgradeStatus(syncUrl(server.origin, a.id, 'board', pa.token))).toBe(503);
		expect(await upgradeStatus(syncUrl(server.origin, a.id, 'control', a.facilitatorToken))).toBe(503);
		// The refused attempts did not disturb the three held connections.
		for (const c of held) expect(await roundTrip(c)).toBe('answered');

		// Another session has its own allowance.
		const others = [await raw(server, b.id, 'board', pb.token), await raw(server, b.id, 'board', b.projectorToken)];
		for (const c of others) expect(await roundTrip(c)).toBe('answered');
		expect(await upgradeStatus(syncUrl(server.origin, b.id, 'control', pb.token))).toBe(101);

		// A connection leaving frees its place.
		held[0].ws.close();
		await closedWithin(held[0]);
		let status = 0;
		for (let attempt = 0; attempt < 50 && status !== 101; attempt++) {
			status = await upgradeStatus(syncUrl(server.origin, a.id, 'board', pa.token));
			if (status !== 101) await new Promise((r) => setTimeout(r, 20));
		}
		expect(status).toBe(101);
	});
});

describe('MAX_SEND_BUFFER_BYTES', () => {
	it('closes a phone that stops reading, while the others keep receiving everything', async () => {
		const server = await start({ MAX_SEND_BUFFER_BYTES: String(64 * 1024), UPDATES_PER_SECOND: '100000' });
		const s = await createSession(server.origin);
		const watcher = open(server, s.id, 'board', s.facilitatorToken);
		await synced(watcher);
		const stuck = await raw(server, s.id, 'board', s.projectorToken);
		const writer = await raw(server, s.id, 'board', s.facilitatorToken);
		const health = async () => ((await (await fetch(`${server.origin}/api/health`)).json()) as { connections: number }).connections;
		expect(await health()).toBe(3);
		// The stuck phone reads nothing more (its Wi-Fi died without closing the socket).
		(stuck.ws as unknown as { _socket: import('node:net').Socket })._socket.pause();

		// 8 MB of contributions: far more than the socket buffers between the two can hold.
		const big = 'x'.repeat(20_000);
		for (let i = 0; i < 400; i++) writer.send(updateMessage(setUpdate(BOARD.contributions, `big${i}`, big)));
		await until(() => entries(watcher.doc).size === 400, 30_000, 'the watcher has every contribution');
		// The server let the stuck one go instead of holding 8 MB for it.
		const end = Date.now() + 10_000;
		let connections = await health();
		while (connections !== 2 && Date.now() < end) {
			await new Promise((r) => setTimeout(r, 100));
			connections = await health();
		}
		expect(connections).toBe(2);
		expect(watcher.provider.wsconnected).toBe(true);
	}, 60_000);
});
