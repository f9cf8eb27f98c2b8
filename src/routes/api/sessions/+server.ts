import { createSessionBody } from '$lib/schema';
import { json } from '@sveltejs/kit';
import { apiError, isOrganiser, jsonBody, sessionCreated, sessionRateLimit } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Creates a session: answers its id, join code, secret tokens and links (DESIGN.md contract). */
export const POST: RequestHandler = async ({ request, locals, getClientAddress }) => {
	const address = getClientAddress();
	const limited = await sessionRateLimit(locals, address);
	if (limited) return limited;
	const raw = await jsonBody(request);
	if (raw === undefined) return apiError(locals.lang, 400, 'invalid_body');
	const parsed = createSessionBody.safeParse(raw);
	if (!parsed.success) {
		const titleIssue = parsed.error.issues.some((i) => i.path[0] === 'title');
		return apiError(locals.lang, 400, titleIssue ? 'title_required' : 'invalid_body');
	}
	await locals.agora.newSessions.hit(address);
	const created = await locals.agora.sessions.create(parsed.data);
	locals.agora.log.info('session.created', { session: created.session.id });
	return sessionCreated(created);
};

/**
 * Every session of the server, newest first, for the organisers' desk: whoever holds the
 * instance's ORGANISER_TOKEN. Off (403) when it is not set.
 */
export const GET: RequestHandler = async ({ request, locals }) => {
	if (!locals.agora.config.organiserToken) return apiError(locals.lang, 403, 'organiser_off');
	if (!isOrganiser(locals, request)) return apiError(locals.lang, 401, 'organiser_wrong');
	const sessions = await locals.agora.storage.listSessions(1000);
	return json({ sessions }, { headers: { 'cache-control': 'no-store' } });
};
