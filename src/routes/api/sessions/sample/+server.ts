import { generateKeyBetween } from 'fractional-indexing';
import { z } from 'zod';
import { ACTIVITY_TARGET, TEMPLATES } from '$lib/facilitation/agenda';
import { addStep } from '$lib/facilitation/mutations';
import { wordsFor } from '$lib/i18n/messages';
import { CONTROL } from '$lib/schema';
import { fillSampleWorkshop } from '$lib/sample/sample-workshop';
import { apiError, jsonBody, sessionCreated, sessionRateLimit } from '$lib/server/http';
import type { RequestHandler } from './$types';

const body = z.object({ language: z.enum(['fr', 'en']).default('fr') });

/**
 * "Try a sample workshop": a new session already filled as after a morning's work in a French
 * territory (needs, votes, ratings, actors and relations, actions and commitments), with an
 * agenda on its actors step, so that a newcomer sees the whole product at once; the console
 * says it is a sample and what to try. The facilitator's links come back
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
			const steps = TEMPLATES.diagnostic.map((step) => {
				rank = generateKeyBetween(rank, null);
				return { id: addStep(docs.control, { activity: step.activity, title: words.t(step.title), titleKey: step.title, minutes: step.minutes, rank }), activity: step.activity };
			});
			// The morning's needs, votes and ratings are done: the room is on the actors, with no
			// countdown running while a newcomer looks around.
			const now = steps.find((s) => s.activity === 'actors') ?? steps[0];
			const settings = docs.control.getMap(CONTROL.settings);
			docs.control.transact(() => {
				settings.set('sample', true);
				settings.set('currentStep', now.id);
				settings.set('screen', ACTIVITY_TARGET[now.activity].screen);
			});
		}
	);
	locals.agora.log.info('session.created', { session: created.session.id, sample: true });
	return sessionCreated(created);
};
