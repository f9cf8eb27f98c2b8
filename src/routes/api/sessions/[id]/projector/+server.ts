import { json } from '@sveltejs/kit';
import { links } from '$lib/links';
import { apiError, bearer } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Gives the facilitator a projector link (only hashes are stored, so a new token is issued). */
export const POST: RequestHandler = async ({ params, request, locals }) => {
	const access = await locals.agora.sessions.access(params.id, bearer(request));
	if (!access.ok) {
		const code = access.status === 404 ? 'unknown_session' : access.status === 403 ? 'forbidden' : 'unauthorized';
		return apiError(locals.lang, access.status, code);
	}
	if (access.role !== 'facilitator') return apiError(locals.lang, 403, 'forbidden');
	const token = await locals.agora.sessions.newProjectorToken(params.id);
	return json({ projectorToken: token, projectorUrl: links.projector(params.id, token) }, { status: 201 });
};
