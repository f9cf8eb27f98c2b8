/**
 * JSON answers of the API. Errors carry a stable `error` code (the UI translates it) and a
 * `message` already in the caller's language, for scripts and people reading raw answers.
 */
import { json } from '@sveltejs/kit';
import { translate, type MessageKey } from '$lib/i18n/messages';
import type { Language } from '$lib/schema';

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
	| 'invalid_moment';

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
