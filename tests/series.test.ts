/**
 * The next workshop of a series, against the real server: the new session has its own code and
 * tokens, carries the actors, actions, needs and agenda chosen, and none of the contributions.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionSchema, actorSchema, agendaStepSchema, BOARD, CONTROL, readEntities } from '../src/lib/schema.ts';
import { addActor } from '../src/lib/actors/mutations.ts';
import { addAction } from '../src/lib/actions/mutations.ts';
import { addContribution } from '../src/lib/needs/mutations.ts';
import { addStep } from '../src/lib/facilitation/mutations.ts';
import { connect, createSession, join, startServer, synced, until, type CreatedSession, type RunningServer } from './helpers.ts';

let server: RunningServer;
let session: CreatedSession;

beforeAll(async () => {
	server = await startServer();
	session = await createSession(server.origin, 'Atelier 1');
});

afterAll(async () => {
	await server?.stop();
	if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

const next = (body: unknown, token = session.facilitatorToken) =>
	fetch(`${server.origin}/api/sessions/${session.id}/next`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'accept-language': 'fr' },
		body: JSON.stringify(body)
	});

describe('the next session of a series', () => {
	it('carries actors, actions and the agenda, not the contributions', async () => {
		const board = connect(server.origin, session.id, 'board', session.facilitatorToken);
		const control = connect(server.origin, session.id, 'control', session.facilitatorToken);
		await Promise.all([synced(board), synced(control)]);
		addActor(board.doc, { name: 'Ferme du Bocage', category: 'farmer' });
		addAction(board.doc, { title: 'Légumerie', status: 'planned', rank: 'a0' });
		addContribution(board.doc, { need: 'food', text: 'Dite à l’atelier 1', authorId: 'p' });
		addStep(control.doc, { activity: 'actions', title: 'Où en sont nos actions ?', minutes: 30, rank: 'a0' });
		const check = connect(server.origin, session.id, 'board', session.facilitatorToken);
		await synced(check);
		await until(() => check.doc.getMap(BOARD.contributions).size === 1, 5000, 'stored');
		const checkControl = connect(server.origin, session.id, 'control', session.facilitatorToken);
		await synced(checkControl);
		await until(() => checkControl.doc.getMap(CONTROL.agenda).size === 1, 5000, 'agenda stored');

		const res = await next({ title: 'Atelier 2', carry: { needs: true, agenda: true, actors: true, actions: true } });
		expect(res.status).toBe(201);
		const created = await res.json();
		expect(created.joinCode).not.toBe(session.joinCode);
		const newBoard = connect(server.origin, created.id, 'board', created.facilitatorToken);
		const newControl = connect(server.origin, created.id, 'control', created.facilitatorToken);
		await Promise.all([synced(newBoard), synced(newControl)]);
		expect(readEntities(newBoard.doc.getMap(BOARD.actors), actorSchema).map((a) => a.name)).toEqual(['Ferme du Bocage']);
		expect(readEntities(newBoard.doc.getMap(BOARD.actions), actionSchema).map((a) => a.title)).toEqual(['Légumerie']);
		expect(newBoard.doc.getMap(BOARD.contributions).size).toBe(0);
		expect(readEntities(newControl.doc.getMap(CONTROL.agenda), agendaStepSchema).map((s) => s.title)).toEqual(['Où en sont nos actions ?']);
		expect(newControl.doc.getMap(CONTROL.session).get('title')).toBe('Atelier 2');
		for (const c of [board, control, check, checkControl, newBoard, newControl]) c.destroy();
	});

	it('refuses an empty title and anyone but the facilitator', async () => {
		const empty = await next({ title: '  ' });
		expect(empty.status).toBe(400);
		expect((await empty.json()).message).toBe('Donnez un titre à l’atelier.');
		const participant = await join(server.origin, session.joinCode, 'Pat');
		expect((await next({ title: 'Atelier 2' }, participant.token)).status).toBe(403);
	});
});

describe('deleting a session', () => {
	it('closes its rooms for good, erases it, and only its facilitator may', async () => {
		const doomed = await createSession(server.origin, 'À supprimer');
		const phone = await join(server.origin, doomed.joinCode, 'Pat');
		const board = connect(server.origin, doomed.id, 'board', phone.token);
		await synced(board);
		let closedWith = 0;
		board.provider.on('connection-close', (e: CloseEvent | null) => (closedWith = e?.code ?? closedWith));
		const del = (token: string) => fetch(`${server.origin}/api/sessions/${doomed.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
		expect((await del(phone.token)).status).toBe(403);
		expect((await del(doomed.facilitatorToken)).status).toBe(204);
		await until(() => closedWith === 4404, 5000, 'closed 4404');
		const after = await fetch(`${server.origin}/api/sessions/${doomed.id}`, { headers: { authorization: `Bearer ${doomed.facilitatorToken}` } });
		expect(after.status).toBe(404);
		const code = await fetch(`${server.origin}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: doomed.joinCode, name: 'x' }) });
		expect(code.status).toBe(404);
		board.destroy();
	});
});
