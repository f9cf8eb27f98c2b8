import { json } from '@sveltejs/kit';
import { joinBody, normaliseJoinCode } from '$lib/schema';
import { links } from '$lib/links';
import { apiError } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * Exchanges a join code for a participant token. Wrong codes are counted per address and
 * answered 429 past the limit; right codes always pass (a whole room shares one router's
 * address). Past ten times the limit an address is refused outright, so that the right-code
 * path cannot be used to brute-force codes.
 */
export const POST: RequestHandler = async ({ request, locals, getClientAddress }) => {
	const { agora, lang } = locals;
	const address = getClientAddress();
	let raw: unknown;
	try {
		raw = await request.json();
	} catch {
		return apiError(lang, 400, 'invalid_body');
	}
	const parsed = joinBody.safeParse(raw);
	if (!parsed.success) {
		const codeIssue = parsed.error.issues.some((i) => i.path[0] === 'code');
		if (codeIssue && typeof (raw as { code?: unknown })?.code === 'string') {
			// A malformed code is a wrong code too: it counts against the address.
			return await wrong(normaliseJoinCode((raw as { code: string }).code));
		}
		return apiError(lang, 400, 'invalid_body');
	}
	if ((await agora.wrongCodes.retryAfter(address, agora.config.wrongCodesPerMinute * 10)) > 0) return tooMany();
	const joined = await agora.sessions.join(parsed.data.code);
	if (!joined) return await wrong(parsed.data.code);
	agora.log.info('session.joined', { session: joined.session.id });
	return json({
		sessionId: joined.session.id,
		participantId: joined.participantId,
		token: joined.token,
		title: joined.session.title,
		language: joined.session.language,
		name: parsed.data.name ?? '',
		participantUrl: links.participant(joined.session.id)
	});

	async function tooMany() {
		const seconds = Math.ceil((await agora.wrongCodes.retryAfter(address)) / 1000) || 60;
		return apiError(lang, 429, 'too_many_tries', { seconds }, { 'Retry-After': String(seconds) });
	}

	async function wrong(code: string) {
		const throttled = (await agora.wrongCodes.retryAfter(address)) > 0;
		await agora.wrongCodes.hit(address);
		agora.log.info('session.wrong_code', { length: code.length, throttled });
		if (throttled) return await tooMany();
		return apiError(lang, code.length === 6 ? 404 : 400, code.length === 6 ? 'unknown_code' : 'invalid_code');
	}
};
