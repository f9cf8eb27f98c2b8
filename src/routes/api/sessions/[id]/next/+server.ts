import { z } from 'zod';
import { TITLE_MAX } from '$lib/schema';
import { carryForward } from '$lib/facilitation/series';
import { accessError, apiError, bearer, jsonBody, sessionCreated, sessionRateLimit } from '$lib/server/http';
import { loadSessionDocs } from '$lib/server/session-docs';
import type { RequestHandler } from './$types';

const body = z.object({
	title: z.string().trim().min(1).max(TITLE_MAX),
	carry: z
		.object({ needs: z.boolean().default(true), agenda: z.boolean().default(true), actors: z.boolean().default(true), actions: z.boolean().default(true) })
		.default({ needs: true, agenda: true, actors: true, actions: true })
});

/**
 * The next workshop of a series (or a copy as a template): a new session with its own code and
 * links, carrying what the facilitator chose from this one. Facilitator only.
 */
export const POST: RequestHandler = async ({ params, request, locals, getClientAddress }) => {
	const access = await locals.agora.sessions.access(params.id, bearer(request));
	if (!access.ok) return accessError(locals.lang, access.status);
	if (access.role !== 'facilitator') return apiError(locals.lang, 403, 'forbidden');
	const address = getClientAddress();
	const limited = await sessionRateLimit(locals, address);
	if (limited) return limited;
	const raw = await jsonBody(request);
	if (raw === undefined) return apiError(locals.lang, 400, 'invalid_body');
	const parsed = body.safeParse(raw);
	if (!parsed.success) return apiError(locals.lang, 400, parsed.error.issues.some((i) => i.path[0] === 'title') ? 'title_required' : 'invalid_body');
	const from = await locals.agora.storage.getSession(params.id);
	if (!from) return accessError(locals.lang, 404);

	const source = await loadSessionDocs(locals, params.id);
	await locals.agora.newSessions.hit(address);
	const created = await locals.agora.sessions.create(
		{ title: parsed.data.title, territory: from.territory, language: from.language },
		(docs) => carryForward(source, docs, parsed.data.carry)
	);
	source.destroy();
	locals.agora.log.info('session.created', { session: created.session.id, from: params.id });
	return sessionCreated(created);
};
