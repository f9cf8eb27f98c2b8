/**
 * Exports against the real server, written from a session filled through real Yjs clients: the
 * synthesis in Markdown, CSV tables, the whole session as JSON and back (import), and who may not.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { BOARD } from '../src/lib/schema.ts';
import { addContribution } from '../src/lib/needs/mutations.ts';
import { fillSampleWorkshop } from '../src/lib/sample/sample-workshop.ts';
import { connect, createSession, join, startServer, synced, until, type CreatedSession, type RunningServer } from './helpers.ts';

const ORGANISER = 'organiser-code-for-tests-2718281828';
let server: RunningServer;
let session: CreatedSession;

const get = (path: string, token?: string) =>
	fetch(`${server.origin}${path}`, { headers: { 'accept-language': 'fr', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
const exported = (format: string, extra = '', token = session.facilitatorToken, id = session.id) => get(`/api/sessions/${id}/export?format=${format}${extra}`, token);

beforeAll(async () => {
	server = await startServer({ env: { ORGANISER_TOKEN: ORGANISER } });
	session = await createSession(server.origin, 'Atelier « Manger local » à Figeac');
	const board = connect(server.origin, session.id, 'board', session.facilitatorToken);
	const control = connect(server.origin, session.id, 'control', session.facilitatorToken);
	await Promise.all([synced(board), synced(control)]);
	fillSampleWorkshop({ board: board.doc, control: control.doc });
	addContribution(board.doc, { need: 'equity', text: '=HYPERLINK("http://evil.example")', authorId: 'sample-person-1' });
	// What another device reads back is what the server stored.
	const check = connect(server.origin, session.id, 'board', session.facilitatorToken);
	await synced(check);
	await until(() => check.doc.getMap(BOARD.contributions).size === 13 && check.doc.getMap(BOARD.commitments).size === 2, 10_000, 'sample stored');
	for (const c of [board, control, check]) c.destroy();
});

afterAll(async () => {
	await server?.stop();
	if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

describe('exports', () => {
	it('writes the synthesis as Markdown, named after the session and its date', async () => {
		const res = await exported('md');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
		const day = new Date().toISOString().slice(0, 10);
		expect(res.headers.get('content-disposition')).toBe(`attachment; filename="atelier-manger-local-a-figeac-${day}.md"`);
		const md = await res.text();
		expect(md).toMatch(/^# Atelier «\u00a0Manger local\u00a0» à Figeac\n/);
		expect(md).toContain('8 participant·e·s.');
		expect(md).toContain('**Cantines**');
		expect(md).toContain('### Vote sur les contributions (8 votant·e·s)');
		expect(md).toContain('| Légumes bio locaux à la cantine | Prévue | Cuisine centrale du Grand Figeac |');
		expect(md).toContain('- Légumerie du Lot (Partenaire) apporte des compétences\u00a0: Nous préparons les légumes pour la cuisine');
		expect(md).toContain('La salle veut commencer par la cantine\u00a0: une école pilote à la rentrée');
	});

	it('writes a Word document with headings, tables and the pictures', async () => {
		const res = await exported('docx');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
		expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="atelier-manger-local-a-figeac-\d{4}-\d{2}-\d{2}\.docx"$/);
		const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
		const xml = strFromU8(files['word/document.xml']);
		const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
		expect(xml).toContain('w:val="Title"');
		expect(xml).toContain('w:val="Heading1"');
		expect(text).toContain('Atelier «\u00a0Manger local\u00a0» à Figeac');
		expect(text).toContain('Les besoins');
		expect(text).toContain('Légumes bio locaux à la cantine');
		expect(text).toContain('Cuisine centrale du Grand Figeac');
		expect(text).toContain('La salle veut commencer par la cantine\u00a0: une école pilote');
		expect((xml.match(/<w:tbl>/g) ?? []).length).toBeGreaterThanOrEqual(5);
		// The radar, the grid and the graph, as real PNG pictures.
		const pngs = Object.entries(files).filter(([name]) => name.startsWith('word/media/'));
		expect(pngs).toHaveLength(3);
		for (const [, data] of pngs) expect([...data.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
	});

	it('writes a PDF with the same words and the pictures', async () => {
		const res = await exported('pdf');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		expect(res.headers.get('content-disposition')).toMatch(/\.pdf"$/);
		const data = new Uint8Array(await res.arrayBuffer());
		const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
		const pdf = await getDocument({ data, useSystemFonts: false, isEvalSupported: false }).promise;
		let text = '';
		let images = 0;
		for (let i = 1; i <= pdf.numPages; i++) {
			const page = await pdf.getPage(i);
			text += (await page.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ') + '\n';
			const ops = await page.getOperatorList();
			images += ops.fnArray.filter((fn: number) => fn === 85 /* paintImageXObject */).length;
		}
		// pdf.js gives non-breaking spaces back as plain ones, and splits lines: words are compared.
		const words = text.replace(/\s+/g, ' ');
		expect(words).toContain('Atelier « Manger local » à Figeac');
		expect(words).toContain('Se nourrir (3 contributions)');
		expect(words).toContain('Légumes bio locaux à la cantine');
		expect(words).toContain('Qui manque ?');
		expect(words).toContain('La salle veut commencer par la cantine : une école pilote');
		expect(images).toBe(3);
	});

	it('writes each CSV table with a BOM, French headers and separators, and no formula', async () => {
		const contributions = await exported('csv');
		expect(contributions.headers.get('content-disposition')).toMatch(/-contributions\.csv"$/);
		const bytes = new Uint8Array(await contributions.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder().decode(bytes.slice(3));
		const lines = text.trimEnd().split('\r\n');
		expect(lines[0]).toBe('Besoin;Texte;Groupe;Même idée que;Points;Masquée;Date');
		expect(lines).toHaveLength(14);
		expect(text).toContain('Se nourrir;Des paniers solidaires pour les familles modestes;Cantines;;');
		expect(text).toContain(`Équité sociale;"'=HYPERLINK(""http://evil.example"")";`);
		const actors = await (await exported('csv', '&table=actors')).text();
		expect(actors).toContain('Région Occitanie;Financeur;;;0,95;0,40;À satisfaire;Allié;');
		const commitments = await (await exported('csv', '&table=commitments')).text();
		expect(commitments).toContain('Légumes bio locaux à la cantine;Légumerie du Lot;Partenaire;Des compétences;Nous préparons les légumes pour la cuisine;');
		for (const table of ['relations', 'actions']) expect((await exported('csv', `&table=${table}`)).status).toBe(200);
	});

	it('exports the whole session as JSON, which imports into a new session that exports the same', async () => {
		const first = await (await exported('json')).json();
		expect(first.format).toBe('agora-session');
		expect(Object.keys(first.board.actors)).toHaveLength(11);
		expect(first.control.session.title).toBe('Atelier « Manger local » à Figeac');
		const res = await fetch(`${server.origin}/api/sessions/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(first) });
		expect(res.status).toBe(201);
		const copy = await res.json();
		expect(copy.id).not.toBe(session.id);
		expect(copy.joinCode).not.toBe(session.joinCode);
		const second = await (await exported('json', '', copy.facilitatorToken, copy.id)).json();
		const comparable = (j: { board: Record<string, unknown>; control: Record<string, unknown> }) => ({
			board: { ...j.board, hands: undefined },
			control: { ...j.control, timer: undefined }
		});
		expect(comparable(second)).toEqual(comparable(first));
		// …and it is a live session: its synthesis reads the same.
		const md = await (await exported('md', '', copy.facilitatorToken, copy.id)).text();
		expect(md).toContain('| Légumes bio locaux à la cantine | Prévue | Cuisine centrale du Grand Figeac |');
	});

	it('says "nothing yet" for an empty session, in its own language', async () => {
		const res = await fetch(`${server.origin}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Empty', language: 'en' }) });
		const empty = await res.json();
		const md = await (await exported('md', '', empty.facilitatorToken, empty.id)).text();
		expect(md).toContain('## Actors\n\n_Nothing yet._');
		expect(md).toContain('## Conclusions\n\n_Nothing yet._');
		const csv = await (await exported('csv', '&table=actions', empty.facilitatorToken, empty.id)).text(); // the BOM is read away
		expect(csv).toBe('Title,Status,Lead,Partners,Needs,Due,Objective,Expected results,Resources,Indicators,Description,Dots\r\n');
	});

	it('refuses participants, projectors, strangers and unknown formats, with a clear message', async () => {
		const phone = await join(server.origin, session.joinCode);
		const projector = await exported('md', '', session.projectorToken);
		expect(projector.status).toBe(403);
		expect((await exported('json', '', phone.token)).status).toBe(403);
		expect((await get(`/api/sessions/${session.id}/export?format=md`)).status).toBe(401);
		const other = await createSession(server.origin, 'Autre');
		expect((await exported('md', '', other.facilitatorToken)).status).toBe(403);
		const bad = await exported('xls');
		expect(bad.status).toBe(400);
		expect(await bad.json()).toMatchObject({ error: 'invalid_format', message: expect.stringContaining('Format d’export inconnu') });
		expect((await exported('csv', '&table=secrets')).status).toBe(400);
		const wrongImport = await fetch(`${server.origin}/api/sessions/import`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'accept-language': 'fr' },
			body: JSON.stringify({ board: {}, control: { session: { title: '' } } })
		});
		expect(wrongImport.status).toBe(400);
		expect(await wrongImport.json()).toMatchObject({ error: 'invalid_import', message: expect.stringContaining('export de séance Agora') });
	});

	it('lets the organiser list every session and export any; off without ORGANISER_TOKEN', async () => {
		const list = await get('/api/sessions', ORGANISER);
		expect(list.status).toBe(200);
		const { sessions } = await list.json();
		const mine = sessions.find((s: { id: string }) => s.id === session.id);
		expect(mine).toMatchObject({ title: 'Atelier « Manger local » à Figeac', participants: 1, joinCode: session.joinCode });
		expect(mine.lastActivity).toBeGreaterThan(Date.now() - 600_000);
		expect(sessions.map((s: { createdAt: number }) => s.createdAt)).toEqual([...sessions.map((s: { createdAt: number }) => s.createdAt)].sort((a, b) => b - a));
		expect((await exported('md', '', ORGANISER)).status).toBe(200);
		const wrong = await get('/api/sessions', 'not-the-organiser-code-at-all');
		expect(wrong.status).toBe(401);
		expect(await wrong.json()).toMatchObject({ error: 'organiser_wrong', message: 'Ce n’est pas le code organisateur de ce serveur.' });
		expect((await get('/api/sessions')).status).toBe(401);
		// A server without the setting has no organiser desk.
		const plain = await startServer();
		try {
			const off = await fetch(`${plain.origin}/api/sessions`, { headers: { authorization: `Bearer ${ORGANISER}`, 'accept-language': 'fr' } });
			expect(off.status).toBe(403);
			expect(await off.json()).toMatchObject({ error: 'organiser_off' });
		} finally {
			await plain.stop();
			fs.rmSync(plain.dataDir, { recursive: true, force: true });
		}
	});
});
