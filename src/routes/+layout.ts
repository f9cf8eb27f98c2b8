import { loadLanguage } from '$lib/i18n/words';
import type { LayoutLoad } from './$types';

/** The words of the device's language are loaded before anything shows (a phone loads only those). */
export const load: LayoutLoad = async ({ data }) => {
	await loadLanguage(data.lang);
	return data;
};
