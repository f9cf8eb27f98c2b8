/**
 * Calls to Agora's HTTP API from pages. Failures come back as a message key of the catalogue,
 * so that the person reads a sentence in their language with what to do next.
 */
import type { MessageKey } from '$lib/i18n/messages';

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; key: MessageKey; params?: Record<string, string | number> };

const KNOWN = new Set([
	'invalid_body',
	'title_required',
	'invalid_code',
	'unknown_code',
	'too_many_tries',
	'too_many_sessions',
	'unknown_session',
	'unauthorized',
	'forbidden',
	'history_before_start',
	'invalid_moment',
	'invalid_format',
	'invalid_import',
	'organiser_off',
	'organiser_wrong'
]);

/** A refused answer as a message key, with what the message may need (a wait). */
function refusal(res: Response, payload: unknown): ApiResult<never> {
	const code = (payload as { error?: string } | null)?.error;
	const seconds = Number(res.headers.get('retry-after') ?? 60);
	const minutes = Math.ceil(seconds / 60);
	return {
		ok: false,
		status: res.status,
		key: code && KNOWN.has(code) ? (`errors.${code}` as MessageKey) : 'errors.server',
		params: { seconds, minutes }
	};
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<ApiResult<T>> {
	let res: Response;
	try {
		res = await fetch(path, {
			method: init.method ?? (init.body ? 'POST' : 'GET'),
			headers: {
				...(init.body ? { 'content-type': 'application/json' } : {}),
				...(init.token ? { authorization: `Bearer ${init.token}` } : {})
			},
			body: init.body ? JSON.stringify(init.body) : undefined
		});
	} catch {
		return { ok: false, status: 0, key: 'errors.network' };
	}
	let payload: unknown = null;
	try {
		payload = await res.json();
	} catch {
		/* not JSON: handled below */
	}
	if (res.ok) return { ok: true, data: payload as T };
	return refusal(res, payload);
}

/** A file the API writes (an export): its bytes and the name the server gave it. */
export async function download(path: string, token: string): Promise<ApiResult<{ blob: Blob; name: string }>> {
	let res: Response;
	try {
		res = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
	} catch {
		return { ok: false, status: 0, key: 'errors.network' };
	}
	if (!res.ok) return refusal(res, await res.json().catch(() => null));
	const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'agora-export';
	return { ok: true, data: { blob: await res.blob(), name } };
}

export interface SessionInfo {
	id: string;
	title: string;
	territory: string;
	language: 'fr' | 'en';
	role: 'facilitator' | 'participant' | 'projector';
	participantId: string | null;
	joinCode?: string;
	joinUrl?: string;
	origins: string[];
	createdAt: number;
}

export interface Created {
	id: string;
	title: string;
	joinCode: string;
	facilitatorToken: string;
	projectorToken: string;
	facilitatorUrl: string;
	projectorUrl: string;
	joinUrl: string;
	createdAt: number;
}

export interface Joined {
	sessionId: string;
	participantId: string;
	token: string;
	title: string;
	name: string;
	participantUrl: string;
}
