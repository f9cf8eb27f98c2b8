/**
 * What this device remembers, in localStorage: the sessions it created (facilitator tokens:
 * "my sessions") and the sessions it joined (participant tokens). Nothing here leaves the
 * device. What is read back is checked field by field (a hand-edited or old entry is skipped),
 * without zod: this module is on the join page, which must stay light on a phone.
 */

const MINE = 'agora.mySessions';
const JOINED = 'agora.joined.';

export interface MySession {
	id: string;
	title: string;
	joinCode: string;
	facilitatorToken: string;
	projectorToken?: string;
	createdAt: number;
	/** The sample workshop of the home page: the device keeps one, which the home page offers to resume. */
	sample?: true;
}

export interface Membership {
	token: string;
	participantId: string;
	name: string;
	/** The join code and title, so that scanning the QR again resumes instead of re-joining. */
	code?: string;
	title?: string;
	joinedAt?: number;
}

type Fields = Record<string, unknown>;
const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (o: Fields, keys: string[]) => keys.every((k) => typeof o[k] === 'string');
const optional = (o: Fields, key: string, type: 'string' | 'number') => o[key] === undefined || typeof o[key] === type;

function asMySession(v: unknown): MySession | null {
	if (!isObject(v) || !strings(v, ['id', 'title', 'joinCode', 'facilitatorToken']) || typeof v.createdAt !== 'number') return null;
	if (!optional(v, 'projectorToken', 'string')) return null;
	const { id, title, joinCode, facilitatorToken, projectorToken, createdAt } = v as unknown as MySession;
	return { id, title, joinCode, facilitatorToken, ...(projectorToken ? { projectorToken } : {}), createdAt, ...(v.sample === true ? { sample: true as const } : {}) };
}

function asMembership(v: unknown): Membership | null {
	if (!isObject(v) || !strings(v, ['token', 'participantId'])) return null;
	if (!optional(v, 'name', 'string') || !optional(v, 'code', 'string') || !optional(v, 'title', 'string') || !optional(v, 'joinedAt', 'number')) return null;
	const m = v as unknown as Membership;
	return { token: m.token, participantId: m.participantId, name: m.name ?? '', code: m.code, title: m.title, joinedAt: m.joinedAt };
}

function readJson(key: string): unknown {
	try {
		return JSON.parse(localStorage.getItem(key) ?? 'null');
	} catch {
		return null;
	}
}

export function mySessions(): MySession[] {
	const raw = readJson(MINE);
	if (!Array.isArray(raw)) return [];
	return raw.map(asMySession).filter((s): s is MySession => s !== null).sort((a, b) => b.createdAt - a.createdAt);
}

/** Remembers a session (or refreshes it: the console does on every opening, keeping whether it is the sample). */
export function rememberSession(s: MySession): void {
	const all = mySessions();
	const sample = s.sample ?? all.find((m) => m.id === s.id)?.sample;
	const others = all.filter((m) => m.id !== s.id);
	localStorage.setItem(MINE, JSON.stringify([{ ...s, ...(sample ? { sample } : {}) }, ...others]));
}

/** Remembers a session this device just created (or imported): its console opens from "my sessions". */
export function rememberCreated(s: { id: string; title: string; joinCode: string; facilitatorToken: string; projectorToken: string; createdAt: number }, opts: { sample?: boolean } = {}): void {
	rememberSession({ id: s.id, title: s.title, joinCode: s.joinCode, facilitatorToken: s.facilitatorToken, projectorToken: s.projectorToken, createdAt: s.createdAt, ...(opts.sample ? { sample: true as const } : {}) });
}

/** The sample workshop this device made last, if it still has it. */
export function mySample(): MySession | undefined {
	return mySessions().find((s) => s.sample);
}

export function forgetSession(id: string): void {
	localStorage.setItem(MINE, JSON.stringify(mySessions().filter((m) => m.id !== id)));
}

export function membership(sessionId: string): Membership | null {
	return asMembership(readJson(JOINED + sessionId));
}

/** Sessions this device joined as a participant, newest first. */
export function memberships(): (Membership & { sessionId: string })[] {
	const out: (Membership & { sessionId: string })[] = [];
	for (let i = 0; i < localStorage.length; i++) {
		const key = localStorage.key(i);
		if (!key?.startsWith(JOINED)) continue;
		const sessionId = key.slice(JOINED.length);
		const m = membership(sessionId);
		if (m) out.push({ ...m, sessionId });
	}
	return out.sort((a, b) => (b.joinedAt ?? 0) - (a.joinedAt ?? 0));
}

/** The session this device already joined with `code`, if any. */
export function membershipByCode(code: string): (Membership & { sessionId: string }) | undefined {
	return memberships().find((m) => m.code === code);
}

export function rememberMembership(sessionId: string, m: Membership): void {
	localStorage.setItem(JOINED + sessionId, JSON.stringify(m));
}

export function forgetMembership(sessionId: string): void {
	localStorage.removeItem(JOINED + sessionId);
}
