import { createSessionBody } from '$lib/schema';
import { apiError, jsonBody, sessionCreated, sessionRateLimit } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Creates a session: answers its id, join code, secret tokens and links (DESIGN.md contract). */
export const POST: RequestHandler = async ({ request, locals, getClientAddress }) => {
	const address = getClientAddress();
	const limited = sessionRateLimit(locals, address);
	if (limited) return limited;
	const raw = await jsonBody(request);
	if (raw === undefined) return apiError(locals.lang, 400, 'invalid_body');
	const parsed = createSessionBody.safeParse(raw);
	if (!parsed.success) {
		const titleIssue = parsed.error.issues.some((i) => i.path[0] === 'title');
		return apiError(locals.lang, 400, titleIssue ? 'title_required' : 'invalid_body');
	}
	locals.agora.newSessions.hit(address);
	const created = await locals.agora.sessions.create(parsed.data);
	locals.agora.log.info('session.created', { session: created.session.id });
	return sessionCreated(created);
};
