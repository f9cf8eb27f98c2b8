import { JOIN_CODE, normaliseJoinCode } from '$lib/join-code';
import type { PageServerLoad } from './$types';

/**
 * The workshop a join link leads to, so that the phone says which one it is joining ("Vous
 * rejoignez : …") or that the code leads nowhere, before anyone taps. A code that leads nowhere
 * counts as a wrong code for the address, as in POST /api/join: links cannot be used to guess.
 */
export const load: PageServerLoad = async ({ params, locals, getClientAddress }) => {
	const { agora } = locals;
	const code = normaliseJoinCode(params.code);
	if (!JOIN_CODE.test(code)) return { workshop: null, unknown: false };
	const address = getClientAddress();
	if ((await agora.wrongCodes.retryAfter(address)) > 0) return { workshop: null, unknown: false };
	const workshop = await agora.sessions.preview(code);
	if (!workshop) await agora.wrongCodes.hit(address);
	return { workshop: workshop ?? null, unknown: !workshop };
};
