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

const joinedSchema = z.object({ token: z.string(), participantId: z.string(), name: z.string().default('') });
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

export function forgetSession(id: string): void {
	localStorage.setItem(MINE, JSON.stringify(mySessions().filter((m) => m.id !== id)));
}

export function membership(sessionId: string): Membership | null {
	const parsed = joinedSchema.safeParse(readJson(JOINED + sessionId));
	return parsed.success ? parsed.data : null;
}

export function rememberMembership(sessionId: string, m: Membership): void {
	localStorage.setItem(JOINED + sessionId, JSON.stringify(m));
}

export function forgetMembership(sessionId: string): void {
	localStorage.removeItem(JOINED + sessionId);
}
