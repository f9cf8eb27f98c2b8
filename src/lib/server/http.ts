/**
 * JSON answers of the API. Errors carry a stable `error` code (the UI translates it) and a
 * `message` already in the caller's language, for scripts and people reading raw answers.
 */
import { json } from '@sveltejs/kit';
import type { z } from 'zod';
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
	| 'forbidden';

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

/** Reads and validates a JSON body; a `Response` (400) when it is not JSON or not valid. */
export async function readBody<S extends z.ZodType>(
	request: Request,
	schema: S,
	lang: Language,
	code: ApiErrorCode = 'invalid_body'
): Promise<z.infer<S> | Response> {
	let raw: unknown;
	try {
		raw = await request.json();
	} catch {
		return apiError(lang, 400, 'invalid_body');
	}
	const parsed = schema.safeParse(raw);
	if (!parsed.success) {
		const body = await apiError(lang, 400, code).json();
		return json({ ...body, issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) }, { status: 400 });
	}
	return parsed.data;
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
