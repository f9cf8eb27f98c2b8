/**
 * The HTTP contract of DESIGN.md ("Public contracts"), against the real server: creating a
 * session, joining with a code (case-insensitive, throttled on wrong codes only), and what a
 * token may read about its session. Errors carry a stable `error` code and a readable
 * `message` in the caller's language (French unless the `agora-lang=en` cookie says English).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../src/lib/i18n/messages.ts';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '../src/lib/schema.ts';
import { createSession, join, startServer, type CreatedSession, type RunningServer } from './helpers.ts';

let server: RunningServer;
let throttled: RunningServer;
const WRONG_LIMIT = 5;

beforeAll(async () => {
	[server, throttled] = await Promise.all([
		startServer(),
		startServer({ env: { WRONG_CODES_PER_MINUTE: String(WRONG_LIMIT) } })
	]);
});
afterAll(async () => {
	await Promise.all([server?.stop(), throttled?.stop()]);
	for (const s of [server, throttled]) if (s) fs.rmSync(s.dataDir, { recursive: true, force: true });
});

function post(origin: string, path: string, body: unknown, headers: Record<string, string> = {}) {
	return fetch(`${origin}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
}
function getSession(origin: string, id: string, token?: string, headers: Record<string, string> = {}) {
	return fetch(`${origin}/api/sessions/${id}`, {
		headers: token === undefined ? headers : { authorization: `Bearer ${token}`, ...headers }
	});
}
const EN = { cookie: 'agora-lang=en' };

/** A well-formed code that no session has (retries in the 1-in-887-million case it exists). */
function unusedCode(taken: string[]): string {
	for (;;) {
		const code = Array.from({ length: JOIN_CODE_LENGTH }, () => JOIN_CODE_ALPHABET[Math.floor(Math.random() * JOIN_CODE_ALPHABET.length)]).join('');
		if (!taken.includes(code)) return code;
	}
}

async function expectError(res: Response, status: number, code: string, lang: 'fr' | 'en', params?: Record<string, number>) {
	expect(res.status).toBe(status);
	expect(res.headers.get('content-type')).toMatch(/application\/json/);
	const body = (await res.json()) as { error: string; message: string };
	expect(body.error).toBe(code);
	expect(body.message).toBe(translate(lang, `errors.${code}` as Parameters<typeof translate>[1], params));
	expect(body.message).not.toBe(translate(lang === 'fr' ? 'en' : 'fr', `errors.${code}` as Parameters<typeof translate>[1], params));
	return body;
}

describe('POST /api/sessions', () => {
	it('answers 201 with the id, join code, tokens and links', async () => {
		const res = await post(server.origin, '/api/sessions', { title: 'Cantines bio du Val', territory: 'Val de Loire', language: 'en' });
		expect(res.status).toBe(201);
		const s = (await res.json()) as Record<string, string>;
		expect(s.id).toMatch(/^[A-Za-z0-9_-]{10,40}$/);
		expect(s.joinCode).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`));
		for (const look of ['0', 'O', '1', 'I', 'L']) expect(s.joinCode).not.toContain(look);
		expect(typeof s.facilitatorToken).toBe('string');
		expect(typeof s.projectorToken).toBe('string');
		expect(s.facilitatorToken.length).toBeGreaterThanOrEqual(20);
		expect(s.projectorToken).not.toBe(s.facilitatorToken);

		// Links: absolute or relative to the server, each carrying what it needs.
		const facilitatorUrl = new URL(s.facilitatorUrl, server.origin);
		const projectorUrl = new URL(s.projectorUrl, server.origin);
		const joinUrl = new URL(s.joinUrl, server.origin);
		expect(facilitatorUrl.href).toContain(s.id);
		expect(facilitatorUrl.href).toContain(encodeURIComponent(s.facilitatorToken));
		expect(projectorUrl.href).toContain(s.id);
		expect(projectorUrl.href).toContain(encodeURIComponent(s.projectorToken));
		expect(projectorUrl.href).not.toContain(encodeURIComponent(s.facilitatorToken));
		expect(joinUrl.href).toContain(s.joinCode);
		expect(joinUrl.href).not.toContain(s.facilitatorToken);

		// The tokens work, with their roles; the session keeps what was sent.
		const asFacilitator = await getSession(server.origin, s.id, s.facilitatorToken);
		expect(asFacilitator.status).toBe(200);
		expect(await asFacilitator.json()).toMatchObject({ id: s.id, role: 'facilitator', title: 'Cantines bio du Val', territory: 'Val de Loire', language: 'en' });
		const asProjector = await getSession(server.origin, s.id, s.projectorToken);
		expect(await asProjector.json()).toMatchObject({ role: 'projector' });
	});

	it('gives every session its own id and join code', async () => {
		const made = await Promise.all(Array.from({ length: 10 }, (_, i) => createSession(server.origin, `Atelier ${i}`)));
		expect(new Set(made.map((s) => s.id)).size).toBe(10);
		expect(new Set(made.map((s) => s.joinCode)).size).toBe(10);
	});

	it('answers 400 with a code and a French message for bad bodies', async () => {
		await expectError(await post(server.origin, '/api/sessions', '{not json'), 400, 'invalid_body', 'fr');
		await expectError(await post(server.origin, '/api/sessions', ''), 400, 'invalid_body', 'fr');
		await expectError(await post(server.origin, '/api/sessions', {}), 400, 'title_required', 'fr');
		await expectError(await post(server.origin, '/api/sessions', { title: '   ' }), 400, 'title_required', 'fr');
		await expectError(await post(server.origin, '/api/sessions', { title: 42 }), 400, 'title_required', 'fr');
		await expectError(await post(server.origin, '/api/sessions', { title: 'x'.repeat(500) }), 400, 'title_required', 'fr');
		await expectError(await post(server.origin, '/api/sessions', { title: 'Ok', language: 'de' }), 400, 'invalid_body', 'fr');
		await expectError(await post(server.origin, '/api/sessions', { title: 'Ok', territory: 7 }), 400, 'invalid_body', 'fr');
		await expectError(await post(server.origin, '/api/sessions', '[]'), 400, 'invalid_body', 'fr');
		await expectError(await post(server.origin, '/api/sessions', 'null'), 400, 'invalid_body', 'fr');
	});

	it('answers in English when the agora-lang cookie says so', async () => {
		await expectError(await post(server.origin, '/api/sessions', {}, EN), 400, 'title_required', 'en');
		await expectError(await post(server.origin, '/api/sessions', '{not json', EN), 400, 'invalid_body', 'en');
		// Any other value keeps French.
		await expectError(await post(server.origin, '/api/sessions', {}, { cookie: 'agora-lang=de' }), 400, 'title_required', 'fr');
	});
});

describe('POST /api/join', () => {
	let s: CreatedSession;
	beforeAll(async () => {
		s = await createSession(server.origin, 'Rejoindre');
	});

	it('exchanges the code for a participant token, whatever the case and spacing', async () => {
		const variants = [s.joinCode, s.joinCode.toLowerCase(), ` ${s.joinCode.slice(0, 3).toLowerCase()}-${s.joinCode.slice(3)} `];
		const joined = [];
		for (const code of variants) {
			const res = await post(server.origin, '/api/join', { code, name: 'Camille' });
			expect(res.status, code).toBe(200);
			const body = (await res.json()) as { sessionId: string; participantId: string; token: string };
			expect(body.sessionId).toBe(s.id);
			expect(body.participantId).toEqual(expect.any(String));
			expect(body.token).toEqual(expect.any(String));
			joined.push(body);
		}
		// Each join is a new participant with a token of their own.
		expect(new Set(joined.map((j) => j.participantId)).size).toBe(variants.length);
		expect(new Set(joined.map((j) => j.token)).size).toBe(variants.length);
		const me = await getSession(server.origin, s.id, joined[1].token);
		expect(await me.json()).toMatchObject({ role: 'participant', participantId: joined[1].participantId });
		// The name is optional.
		expect((await post(server.origin, '/api/join', { code: s.joinCode })).status).toBe(200);
	});

	it('answers 404 to a wrong code and 400 to a bad body', async () => {
		await expectError(await post(server.origin, '/api/join', { code: unusedCode([s.joinCode]) }), 404, 'unknown_code', 'fr');
		await expectError(await post(server.origin, '/api/join', { code: unusedCode([s.joinCode]) }, EN), 404, 'unknown_code', 'en');
		await expectError(await post(server.origin, '/api/join', { code: 'AB' }), 400, 'invalid_code', 'fr');
		await expectError(await post(server.origin, '/api/join', {}), 400, 'invalid_body', 'fr');
		await expectError(await post(server.origin, '/api/join', 'nope'), 400, 'invalid_body', 'fr');
	});
});

describe('wrong-code throttle', () => {
	it(`answers 429 with Retry-After past ${WRONG_LIMIT} wrong codes a minute, and still lets the right code in`, async () => {
		const s = await createSession(throttled.origin, 'Throttle');
		for (let i = 0; i < WRONG_LIMIT; i++) {
			expect((await post(throttled.origin, '/api/join', { code: unusedCode([s.joinCode]) })).status).toBe(404);
		}
		const refused = await post(throttled.origin, '/api/join', { code: unusedCode([s.joinCode]) });
		expect(refused.status).toBe(429);
		const retryAfter = Number(refused.headers.get('retry-after'));
		expect(Number.isInteger(retryAfter)).toBe(true);
		expect(retryAfter).toBeGreaterThan(0);
		expect(retryAfter).toBeLessThanOrEqual(60);
		await expectError(refused, 429, 'too_many_tries', 'fr', { seconds: retryAfter });
		// Still refused on the next wrong try, in English too.
		const again = await post(throttled.origin, '/api/join', { code: unusedCode([s.joinCode]) }, EN);
		expect(again.status).toBe(429);
		expect(again.headers.get('retry-after')).toMatch(/^\d+$/);
		expect(((await again.json()) as { error: string }).error).toBe('too_many_tries');

		// A whole room behind one router: right codes from the same address still get in.
		for (let i = 0; i < 5; i++) {
			const res = await post(throttled.origin, '/api/join', { code: s.joinCode.toLowerCase(), name: `Téléphone ${i}` });
			expect(res.status).toBe(200);
			expect(((await res.json()) as { sessionId: string }).sessionId).toBe(s.id);
		}
		// The throttle is for join codes only: creating a session is unaffected.
		expect((await post(throttled.origin, '/api/sessions', { title: 'Encore' })).status).toBe(201);
	});
});

describe('GET /api/sessions/<id>', () => {
	let s: CreatedSession;
	let other: CreatedSession;
	let participant: { participantId: string; token: string };
	beforeAll(async () => {
		[s, other] = await Promise.all([createSession(server.origin, 'Lecture'), createSession(server.origin, 'Autre')]);
		participant = await join(server.origin, s.joinCode, 'Pat');
	});

	it('shows the join code to the facilitator and the projector, not to a participant', async () => {
		const f = await getSession(server.origin, s.id, s.facilitatorToken);
		expect(f.status).toBe(200);
		const fb = (await f.json()) as Record<string, unknown>;
		expect(fb).toMatchObject({ id: s.id, role: 'facilitator', joinCode: s.joinCode, title: 'Lecture' });
		expect(JSON.stringify(fb)).not.toContain(s.facilitatorToken);

		const pr = (await (await getSession(server.origin, s.id, s.projectorToken)).json()) as Record<string, unknown>;
		expect(pr).toMatchObject({ role: 'projector', joinCode: s.joinCode });

		const p = await getSession(server.origin, s.id, participant.token);
		expect(p.status).toBe(200);
		const pb = (await p.json()) as Record<string, unknown>;
		expect(pb).toMatchObject({ id: s.id, role: 'participant', participantId: participant.participantId });
		expect(pb.joinCode).toBeUndefined();
		expect(JSON.stringify(pb)).not.toContain(s.joinCode);
	});

	it('answers 401, 403 and 404 with their codes', async () => {
		await expectError(await getSession(server.origin, s.id), 401, 'unauthorized', 'fr');
		await expectError(await getSession(server.origin, s.id, 'forged-token-0123456789'), 401, 'unauthorized', 'fr');
		await expectError(await getSession(server.origin, s.id, undefined, { authorization: s.facilitatorToken }), 401, 'unauthorized', 'fr');
		await expectError(await getSession(server.origin, s.id, undefined, { authorization: `Basic ${s.facilitatorToken}` }), 401, 'unauthorized', 'fr');
		await expectError(await getSession(server.origin, s.id, 'forged', EN), 401, 'unauthorized', 'en');

		await expectError(await getSession(server.origin, other.id, s.facilitatorToken), 403, 'forbidden', 'fr');
		await expectError(await getSession(server.origin, other.id, participant.token), 403, 'forbidden', 'fr');
		await expectError(await getSession(server.origin, s.id, other.projectorToken, EN), 403, 'forbidden', 'en');

		await expectError(await getSession(server.origin, 'NoSuchSession0000', s.facilitatorToken), 404, 'unknown_session', 'fr');
		await expectError(await getSession(server.origin, 'x', s.facilitatorToken), 404, 'unknown_session', 'fr');
	});
});

describe('session creation limit', () => {
	it('answers 429 past SESSIONS_PER_HOUR from one address, with Retry-After', async () => {
		const limited = await startServer({ env: { SESSIONS_PER_HOUR: '3' } });
		for (let i = 0; i < 3; i++) expect((await post(limited.origin, '/api/sessions', { title: `S${i}` })).status).toBe(201);
		const res = await post(limited.origin, '/api/sessions', { title: 'Une de trop' });
		await limited.stop();
		const retry = Number(res.headers.get('retry-after'));
		expect(retry).toBeGreaterThan(3000);
		expect(retry).toBeLessThanOrEqual(3600);
		await expectError(res, 429, 'too_many_sessions', 'fr', { minutes: Math.ceil(retry / 60) });
	});
});

describe('POST /api/sessions/sample', () => {
	it('creates a session already filled, with an agenda in the asked language, within the creation limit', async () => {
		const res = await post(server.origin, '/api/sessions/sample', { language: 'en' });
		expect(res.status).toBe(201);
		const created = (await res.json()) as CreatedSession & { title: string; language: string; facilitatorUrl: string };
		expect(created.title).toBe(translate('en', 'sample.title'));
		expect(created.language).toBe('en');
		expect(created.facilitatorUrl).toContain(encodeURIComponent(created.facilitatorToken));
		const exported = await fetch(`${server.origin}/api/sessions/${created.id}/export?format=json`, { headers: { authorization: `Bearer ${created.facilitatorToken}` } });
		const session = (await exported.json()) as { board: { contributions: object; actors: Record<string, { stance?: string }>; actions: object }; control: { agenda: Record<string, { title: string }> } };
		expect(Object.keys(session.board.contributions).length).toBeGreaterThanOrEqual(10);
		expect(Object.keys(session.board.actors).length).toBeGreaterThanOrEqual(10);
		// Every actor says where it stands, so the stance shows on the grid from the start.
		expect(new Set(Object.values(session.board.actors).map((a) => a.stance))).toEqual(new Set(['active_ally', 'ally', 'neutral']));
		expect(Object.keys(session.board.actions).length).toBeGreaterThanOrEqual(4);
		expect(Object.values(session.control.agenda).map((s) => s.title)).toContain(translate('en', 'template.step.needs'));
		// Phones join it like any session.
		expect((await join(server.origin, created.joinCode)).sessionId).toBe(created.id);
		await expectError(await post(server.origin, '/api/sessions/sample', { language: 'de' }), 400, 'invalid_body', 'fr');

		const limited = await startServer({ env: { SESSIONS_PER_HOUR: '1' } });
		expect((await post(limited.origin, '/api/sessions/sample', {})).status).toBe(201);
		const refused = await post(limited.origin, '/api/sessions/sample', {});
		await limited.stop();
		fs.rmSync(limited.dataDir, { recursive: true, force: true });
		expect(refused.status).toBe(429);
	});
});

describe('POST /api/sessions/<id>/projector', () => {
	it('gives the facilitator a new projector token, and nobody else', async () => {
		const s = await createSession(server.origin, 'Écran');
		const other = await createSession(server.origin, 'Autre');
		const participant = await join(server.origin, s.joinCode);
		const mint = (token?: string, id = s.id) =>
			fetch(`${server.origin}/api/sessions/${id}/projector`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} });
		const res = await mint(s.facilitatorToken);
		expect(res.status).toBe(201);
		const { projectorToken, projectorUrl } = (await res.json()) as { projectorToken: string; projectorUrl: string };
		expect(projectorToken).not.toBe(s.projectorToken);
		expect(projectorUrl).toContain(encodeURIComponent(projectorToken));
		const info = await (await getSession(server.origin, s.id, projectorToken)).json();
		expect(info.role).toBe('projector');

		await expectError(await mint(participant.token), 403, 'forbidden', 'fr');
		await expectError(await mint(s.projectorToken), 403, 'forbidden', 'fr');
		await expectError(await mint(), 401, 'unauthorized', 'fr');
		await expectError(await mint(other.facilitatorToken), 403, 'forbidden', 'fr');
		await expectError(await mint(s.facilitatorToken, 'NoSuchSession0000'), 404, 'unknown_session', 'fr');
	});
});

describe('join link preview (/j/CODE)', () => {
	it('names the workshop of a right code, and counts a code that leads nowhere as a wrong code', async () => {
		const guarded = await startServer({ env: { WRONG_CODES_PER_MINUTE: '3' } });
		try {
			const s = await createSession(guarded.origin, 'Cantines du Ségala');
			const page = async (code: string) => (await fetch(`${guarded.origin}/j/${code}`)).text();
			expect(await page(s.joinCode)).toContain('Cantines du Ségala');
			for (let i = 0; i < 3; i++) expect(await page(unusedCode([s.joinCode]))).toContain('Aucun atelier avec ce code');
			// Guessing through links spent the address's wrong codes: the API refuses the next one.
			expect((await post(guarded.origin, '/api/join', { code: unusedCode([s.joinCode]) })).status).toBe(429);
			// And the links stop telling: no title, no "leads nowhere", until the minute has passed.
			const quiet = await page(unusedCode([s.joinCode]));
			expect(quiet).not.toContain('Aucun atelier avec ce code');
			expect(await page(s.joinCode)).not.toContain('Cantines du Ségala');
			// The right code still joins.
			expect((await post(guarded.origin, '/api/join', { code: s.joinCode })).status).toBe(200);
		} finally {
			await guarded.stop();
			fs.rmSync(guarded.dataDir, { recursive: true, force: true });
		}
	});
});
