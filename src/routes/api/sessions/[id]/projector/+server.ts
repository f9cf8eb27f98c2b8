import { json } from '@sveltejs/kit';
import { links } from '$lib/links';
import { accessError, apiError, bearer } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Gives the facilitator a projector link (only hashes are stored, so a new token is issued). */
export const POST: RequestHandler = async ({ params, request, locals }) => {
	const access = await locals.agora.sessions.access(params.id, bearer(request));
	if (!access.ok) return accessError(locals.lang, access.status);
	if (access.role !== 'facilitator') return apiError(locals.lang, 403, 'forbidden');
	const token = await locals.agora.sessions.newProjectorToken(params.id);
	return json({ projectorToken: token, projectorUrl: links.projector(params.id, token) }, { status: 201 });
};
