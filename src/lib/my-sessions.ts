/**
 * What this device remembers, in localStorage: the sessions it created (facilitator tokens:
 * "my sessions") and the sessions it joined (participant tokens). Nothing here leaves the
 * device.
 */
import { z } from 'zod';

const MINE = 'agora.mySessions';
const JOINED = 'agora.joined.';

const mineSchema = z.array(
	z.object({
		id: z.string(),
		title: z.string(),
		joinCode: z.string(),
		facilitatorToken: z.string(),
		projectorToken: z.string().optional(),
		createdAt: z.number()
	})
);
export type MySession = z.infer<typeof mineSchema>[number];

const joinedSchema = z.object({
	token: z.string(),
	participantId: z.string(),
	name: z.string().default(''),
	/** The join code and title, so that scanning the QR again resumes instead of re-joining. */
	code: z.string().optional(),
	title: z.string().optional(),
	joinedAt: z.number().optional()
});
export type Membership = z.infer<typeof joinedSchema>;

function readJson(key: string): unknown {
	try {
		return JSON.parse(localStorage.getItem(key) ?? 'null');
	} catch {
		return null;
	}
}

export function mySessions(): MySession[] {
	const parsed = mineSchema.safeParse(readJson(MINE));
	return parsed.success ? parsed.data.sort((a, b) => b.createdAt - a.createdAt) : [];
}

export function rememberSession(s: MySession): void {
	const others = mySessions().filter((m) => m.id !== s.id);
	localStorage.setItem(MINE, JSON.stringify([s, ...others]));
}

/** Remembers a session this device just created (or imported): its console opens from "my sessions". */
export function rememberCreated(s: { id: string; title: string; joinCode: string; facilitatorToken: string; projectorToken: string; createdAt: number }): void {
	rememberSession({ id: s.id, title: s.title, joinCode: s.joinCode, facilitatorToken: s.facilitatorToken, projectorToken: s.projectorToken, createdAt: s.createdAt });
}

export function forgetSession(id: string): void {
	localStorage.setItem(MINE, JSON.stringify(mySessions().filter((m) => m.id !== id)));
}

export function membership(sessionId: string): Membership | null {
	const parsed = joinedSchema.safeParse(readJson(JOINED + sessionId));
	return parsed.success ? parsed.data : null;
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
