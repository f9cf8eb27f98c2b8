import type { Handle } from '@sveltejs/kit';
import { registeredAgora } from '../server/registry.ts';

export const LANG_COOKIE = 'agora-lang';

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.agora = registeredAgora();
	event.locals.lang = event.cookies.get(LANG_COOKIE) === 'en' ? 'en' : 'fr';
	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang)
	});
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'no-referrer');
	return response;
};
