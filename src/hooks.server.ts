import type { Handle } from '@sveltejs/kit';
import { LANG_COOKIE } from '$lib/i18n/messages';
import { registeredAgora } from '../server/registry.ts';

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.agora = registeredAgora();
	const chosen = event.cookies.get(LANG_COOKIE);
	event.locals.lang = chosen === 'en' ? 'en' : 'fr';
	event.locals.langChosen = chosen === 'en' || chosen === 'fr';
	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang)
	});
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'no-referrer');
	return response;
};
