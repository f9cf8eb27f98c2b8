import { apiError, jsonBody, sessionCreated, sessionRateLimit } from '$lib/server/http';
import { jsonToDocs, sessionJsonSchema } from '$lib/synthesis/session-json';
import { CONTROL } from '$lib/schema';
import type { RequestHandler } from './$types';

/**
 * A new session from a JSON export (backups, templates, moving between servers): its own code
 * and links, the exported boards and settings. Answers like creating a session.
 */
export const POST: RequestHandler = async ({ request, locals, getClientAddress }) => {
	const address = getClientAddress();
	const limited = await sessionRateLimit(locals, address);
	if (limited) return limited;
	const raw = await jsonBody(request);
	const parsed = raw === undefined ? null : sessionJsonSchema.safeParse(raw);
	if (!parsed?.success) return apiError(locals.lang, 400, 'invalid_import');
	const meta = parsed.data.control[CONTROL.session];
	const language = meta.language === 'en' || meta.language === 'fr' ? meta.language : locals.lang;
	await locals.agora.newSessions.hit(address);
	const created = await locals.agora.sessions.create({ title: meta.title, territory: meta.territory, language }, (docs) => jsonToDocs(parsed.data, docs));
	locals.agora.log.info('session.imported', { session: created.session.id });
	return sessionCreated(created);
};
