import { json } from '@sveltejs/kit';
import * as Y from 'yjs';
import { z } from 'zod';
import { DOC_NAMES } from '$lib/schema';
import { accessError, apiError, bearer } from '$lib/server/http';
import type { RequestHandler } from './$types';

const query = z.object({
	doc: z.enum(DOC_NAMES).default('board'),
	at: z.coerce.number().int().nonnegative().optional()
});

/**
 * The facilitator looks back: without `at`, when the session's history starts and ends; with
 * `at` (ms), the document as it was then, rebuilt from the stored update log (base64 Yjs update).
 */
export const GET: RequestHandler = async ({ params, request, url, locals }) => {
	const access = await locals.agora.sessions.access(params.id, bearer(request));
	if (!access.ok) return accessError(locals.lang, access.status);
	if (access.role !== 'facilitator') return apiError(locals.lang, 403, 'forbidden');
	const parsed = query.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) return apiError(locals.lang, 400, 'invalid_moment');
	const { doc, at } = parsed.data;
	const session = await locals.agora.storage.getSession(params.id);
	if (!session) return accessError(locals.lang, 404);
	const key = `${params.id}/${doc}`;
	const last = (await locals.agora.storage.lastUpdateAt(key)) ?? session.createdAt;
	if (at === undefined) return json({ start: session.createdAt, end: Math.max(last, session.createdAt) });
	if (at < session.createdAt) return apiError(locals.lang, 400, 'history_before_start');
	const past = new Y.Doc();
	const updates = await locals.agora.storage.updatesUntil(key, at);
	Y.transact(past, () => {
		for (const u of updates) Y.applyUpdate(past, u);
	});
	const state = Buffer.from(Y.encodeStateAsUpdate(past)).toString('base64');
	past.destroy();
	return json({ at, updates: updates.length, state }, { headers: { 'cache-control': 'no-store' } });
};
