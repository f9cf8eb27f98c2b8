/**
 * JSON answers of the API. Errors carry a stable `error` code (the UI translates it) and a
 * `message` already in the caller's language, for scripts and people reading raw answers.
 */
import crypto from 'node:crypto';
import { json } from '@sveltejs/kit';
import { translate, type MessageKey } from '$lib/i18n/messages';
import type { Language } from '$lib/schema';
import { links } from '$lib/links';
import type { SessionRecord } from '../../../server/storage/storage.ts';

export type ApiErrorCode =
	| 'invalid_body'
	| 'title_required'
	| 'invalid_code'
	| 'unknown_code'
	| 'too_many_tries'
	| 'too_many_sessions'
	| 'unknown_session'
	| 'unauthorized'
	| 'forbidden'
	| 'history_before_start'
	| 'invalid_moment'
	| 'invalid_format'
	| 'invalid_import'
	| 'organiser_off'
	| 'organiser_wrong';

export function apiError(
	lang: Language,
	status: number,
	code: ApiErrorCode,
	params?: Record<string, string | number>,
	headers?: Record<string, string>
): Response {
	return json(
		{ error: code, message: translate(lang, `errors.${code}` as MessageKey, params) },
		{ status, headers }
	);
}

/** The answer to a refused token: 404 unknown session, 403 another session's, 401 otherwise. */
export function accessError(lang: Language, status: 401 | 403 | 404): Response {
	return apiError(lang, status, status === 404 ? 'unknown_session' : status === 403 ? 'forbidden' : 'unauthorized');
}

/** Whether a request holds the instance's organiser token (compared in constant time). */
export function isOrganiser(locals: App.Locals, request: Request): boolean {
	const expected = locals.agora.config.organiserToken;
	const given = bearer(request);
	if (!expected || !given) return false;
	const digest = (text: string) => crypto.createHash('sha256').update(text).digest();
	return crypto.timingSafeEqual(digest(expected), digest(given));
}

/** The bearer token of a request, if any. */
export function bearer(request: Request): string | null {
	const header = request.headers.get('authorization');
	const match = header && /^Bearer\s+(\S+)$/i.exec(header);
	return match ? match[1] : null;
}

/** Links a phone on the room's network can open: PUBLIC_URL, else the LAN addresses. */
export function publicOrigins(locals: App.Locals, url: URL): string[] {
	const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
	return locals.agora.publicOrigins(port);
}

/** Too many new sessions from this address lately: the answer to give, or null to go on. */
export async function sessionRateLimit(locals: App.Locals, address: string): Promise<Response | null> {
	const wait = await locals.agora.newSessions.retryAfter(address);
	if (wait <= 0) return null;
	const seconds = Math.ceil(wait / 1000);
	return apiError(locals.lang, 429, 'too_many_sessions', { minutes: Math.ceil(seconds / 60) }, { 'Retry-After': String(seconds) });
}

/** A request's JSON body, or undefined when it is not JSON. */
export async function jsonBody(request: Request): Promise<unknown> {
	try {
		return await request.json();
	} catch {
		return undefined;
	}
}

/** The answer to a session created (DESIGN.md contract): ids, code, secret tokens and links. */
export function sessionCreated(created: { session: SessionRecord; facilitatorToken: string; projectorToken: string }): Response {
	const { session, facilitatorToken, projectorToken } = created;
	return json(
		{
			id: session.id,
			title: session.title,
			territory: session.territory,
			language: session.language,
			joinCode: session.joinCode,
			facilitatorToken,
			projectorToken,
			facilitatorUrl: links.facilitator(session.id, facilitatorToken),
			projectorUrl: links.projector(session.id, projectorToken),
			joinUrl: links.join(session.joinCode),
			createdAt: session.createdAt
		},
		{ status: 201 }
	);
}
