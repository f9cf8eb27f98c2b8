/**
 * A reconnect storm on a large session (issue 9): first sync answers go out a few at a time
 * (INITIAL_SYNCS), every phone still gets the whole document, a phone that has part of it gets
 * only the rest, and a phone waiting for its turn can already send its changes. Real server,
 * raw clients, the bound read from /api/health.
 */
import fs from 'node:fs';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD } from '../src/lib/schema.ts';
import { createSession, join, startServer, until, type CreatedSession, type RunningServer } from './helpers.ts';
import { isStep2, rawConnect, step1Message, updateMessage, type RawClient } from './raw-client.ts';

let server: RunningServer;
let session: CreatedSession;
const clients: RawClient[] = [];
const CONTRIBUTIONS = 500;

type Syncs = { active: number; waiting: number; peak: number };
const syncs = async () => ((await (await fetch(`${server.origin}/api/health`)).json()) as { syncs: Syncs }).syncs;
const contributions = (c: RawClient) => c.doc.getMap(BOARD.contributions);
const open = (token: string) => {
	const c = rawConnect(server.origin, session.id, 'board', token);
	clients.push(c);
	return c;
};

beforeAll(async () => {
	server = await startServer({ env: { INITIAL_SYNCS: '2', UPDATES_PER_SECOND: '100000' } });
	session = await createSession(server.origin, 'Assemblée régionale');
	// About 5 MB of contributions (more than a socket takes in before its reader reads), written by the facilitator.
	const writer = open(session.facilitatorToken);
	await writer.opened;
	const doc = new Y.Doc();
	doc.on('update', (u: Uint8Array) => writer.send(updateMessage(u)));
	for (let i = 0; i < CONTRIBUTIONS; i++) doc.getMap(BOARD.contributions).set(`c${i}`, { text: `${i} `.padEnd(10_000, 'x'), need: 'food' });
	const checker = open(session.projectorToken);
	await checker.opened;
	checker.send(step1Message());
	await until(() => contributions(checker).size === CONTRIBUTIONS, 15_000, 'the checker has every contribution');
});

afterAll(async () => {
	for (const c of clients) c.close();
	await server?.stop();
	if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

it('answers 12 phones arriving together two at a time, each with the whole document, and lets them write while they wait', async () => {
	const before = await syncs();
	expect(before.active).toBe(0);
	const tokens = await Promise.all(Array.from({ length: 12 }, (_, i) => join(server.origin, session.joinCode, `P${i}`)));
	const phones = tokens.map((t) => open(t.token));
	await Promise.all(phones.map((p) => p.opened));
	// Phones on a saturated Wi-Fi: they read nothing for now, so no answer can be handed over.
	const sockets = phones.map((p) => (p.ws as unknown as { _socket: Socket })._socket);
	for (const s of sockets) s.pause();
	for (const p of phones) p.send(step1Message());
	// The last one writes before its answer can have come: the gate holds answers, not changes.
	const mine = new Y.Doc();
	mine.on('update', (u: Uint8Array) => phones[11].send(updateMessage(u)));
	mine.getMap(BOARD.contributions).set('late', { text: 'Une idée pendant l’attente', need: 'health' });
	let waiting: Syncs | undefined;
	const end = Date.now() + 10_000;
	while (Date.now() < end && (waiting = await syncs()).waiting < 10) await new Promise((r) => setTimeout(r, 50));
	expect(waiting).toEqual({ active: 2, waiting: 10, peak: 2 });
	// The Wi-Fi clears: each answer leaves as a slot frees.
	for (const s of sockets) s.resume();

	await until(() => phones.every((p) => contributions(p).size >= CONTRIBUTIONS), 20_000, 'every phone has the whole document');
	await until(() => phones.slice(0, 11).every((p) => contributions(p).has('late')), 10_000, 'the waiting phone’s change reached the others');
	for (const p of phones) expect(p.received.filter(isStep2)).toHaveLength(1);
	expect(await syncs()).toEqual({ active: 0, waiting: 0, peak: 2 });
});

it('sends a phone that has part of the document only the rest', async () => {
	const phone = open((await join(server.origin, session.joinCode, 'Partielle')).token);
	await phone.opened;
	// It already has what a full phone has (the whole board): its answer is small.
	const full = clients[1].doc;
	Y.applyUpdate(phone.doc, Y.encodeStateAsUpdate(full));
	phone.send(step1Message(phone.doc));
	await until(() => phone.received.some(isStep2), 10_000, 'the answer');
	const answer = phone.received.find(isStep2)!;
	expect(answer.byteLength).toBeLessThan(1000);
	expect(contributions(phone).size).toBe(contributions(clients[1]).size);
});
