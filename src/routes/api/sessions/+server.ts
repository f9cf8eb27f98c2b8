import { json } from '@sveltejs/kit';
import { createSessionBody } from '$lib/schema';
import { links } from '$lib/links';
import { apiError } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Creates a session: answers its id, join code, secret tokens and links (DESIGN.md contract). */
export const POST: RequestHandler = async ({ request, locals, getClientAddress }) => {
	const address = getClientAddress();
	const wait = locals.agora.newSessions.retryAfter(address);
	if (wait > 0) {
		const seconds = Math.ceil(wait / 1000);
		return apiError(locals.lang, 429, 'too_many_sessions', { minutes: Math.ceil(seconds / 60) }, { 'Retry-After': String(seconds) });
	}
	let raw: unknown;
	try {
		raw = await request.json();
	} catch {
		return apiError(locals.lang, 400, 'invalid_body');
	}
	const parsed = createSessionBody.safeParse(raw);
	if (!parsed.success) {
		const titleIssue = parsed.error.issues.some((i) => i.path[0] === 'title');
		return apiError(locals.lang, 400, titleIssue ? 'title_required' : 'invalid_body');
	}
	locals.agora.newSessions.hit(address);
	const { session, facilitatorToken, projectorToken } = await locals.agora.sessions.create(parsed.data);
	locals.agora.log.info('session.created', { session: session.id });
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
};
