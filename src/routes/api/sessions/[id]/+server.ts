import { json } from '@sveltejs/kit';
import { links } from '$lib/links';
import { accessError, apiError, bearer, publicOrigins } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * What the bearer of a token may know about a session: the facilitator gets the links to hand
 * out, the projector the join code, a participant who they are. Also how pages check a token.
 */
export const GET: RequestHandler = async ({ params, request, locals, url }) => {
	const access = await locals.agora.sessions.access(params.id, bearer(request));
	if (!access.ok) return accessError(locals.lang, access.status);
	const { session, role, participantId } = access;
	return json({
		id: session.id,
		title: session.title,
		territory: session.territory,
		language: session.language,
		role,
		participantId,
		joinCode: role === 'participant' ? undefined : session.joinCode,
		joinUrl: role === 'participant' ? undefined : links.join(session.joinCode),
		origins: publicOrigins(locals, url),
		createdAt: session.createdAt
	});
};

/**
 * Deletes the session for good (facilitator only, after the page has asked): its rooms close
 * (phones are told the session no longer exists), then its tokens and documents are erased.
 */
export const DELETE: RequestHandler = async ({ params, request, locals }) => {
	const access = await locals.agora.sessions.access(params.id, bearer(request));
	if (!access.ok) return accessError(locals.lang, access.status);
	if (access.role !== 'facilitator') return apiError(locals.lang, 403, 'forbidden');
	await locals.agora.sync.rooms.closeSession(params.id);
	await locals.agora.storage.deleteSession(params.id);
	locals.agora.log.info('session.deleted', { session: params.id });
	return new Response(null, { status: 204 });
};
