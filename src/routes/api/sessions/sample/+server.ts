import { generateKeyBetween } from 'fractional-indexing';
import { z } from 'zod';
import { TEMPLATES } from '$lib/facilitation/agenda';
import { addStep } from '$lib/facilitation/mutations';
import { wordsFor } from '$lib/i18n/messages';
import { fillSampleWorkshop } from '$lib/sample/sample-workshop';
import { apiError, jsonBody, sessionCreated, sessionRateLimit } from '$lib/server/http';
import type { RequestHandler } from './$types';

const body = z.object({ language: z.enum(['fr', 'en']).default('fr') });

/**
 * "Try a sample workshop": a new session already filled as after a morning's work in a French
 * territory (needs, votes, ratings, actors and relations, actions and commitments), with an
 * agenda, so that a newcomer sees the whole product at once. The facilitator's links come back
 * as for any new session; it counts against the same per-address limit.
 */
export const POST: RequestHandler = async ({ request, locals, getClientAddress }) => {
	const address = getClientAddress();
	const limited = await sessionRateLimit(locals, address);
	if (limited) return limited;
	const parsed = body.safeParse((await jsonBody(request)) ?? {});
	if (!parsed.success) return apiError(locals.lang, 400, 'invalid_body');
	const { language } = parsed.data;
	const words = wordsFor(() => language);
	await locals.agora.newSessions.hit(address);
	const created = await locals.agora.sessions.create(
		{ title: words.t('sample.title'), territory: words.t('sample.territory'), language },
		(docs) => {
			fillSampleWorkshop(docs);
			let rank: string | null = null;
			for (const step of TEMPLATES.diagnostic) {
				rank = generateKeyBetween(rank, null);
				addStep(docs.control, { activity: step.activity, title: words.t(step.title), minutes: step.minutes, rank });
			}
		}
	);
	locals.agora.log.info('session.created', { session: created.session.id, sample: true });
	return sessionCreated(created);
};
