/**
 * Opening a session from a page: check the token with the API, then connect both documents.
 * When the network is down the phone still opens its offline copy.
 */
import { api, type SessionInfo } from '$lib/api-client';
import type { MessageKey } from '$lib/i18n/messages';
import type { Role } from '$lib/schema';
import { SessionClient } from '$lib/session.svelte';

export type Opened =
	| { ok: true; client: SessionClient; info: SessionInfo | null }
	| { ok: false; status: number; key: MessageKey };

export async function openSession(opts: {
	sessionId: string;
	token: string;
	role: Role;
	offline?: boolean;
	/** Called with the session's language (pages follow it unless the device chose one). */
	onLanguage?: (lang: 'fr' | 'en') => void;
}): Promise<Opened> {
	const info = await api<SessionInfo>(`/api/sessions/${encodeURIComponent(opts.sessionId)}`, { token: opts.token });
	if (!info.ok && info.status !== 0) return { ok: false, status: info.status, key: info.key };
	if (info.ok && info.data.role !== opts.role && !(opts.role === 'projector' && info.data.role === 'facilitator')) {
		return { ok: false, status: 403, key: 'errors.unauthorized' };
	}
	if (!info.ok && !opts.offline) return { ok: false, status: 0, key: info.key };
	if (info.ok) opts.onLanguage?.(info.data.language);
	const client = new SessionClient(opts);
	return { ok: true, client, info: info.ok ? info.data : null };
}
