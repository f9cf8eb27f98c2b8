/**
 * The interface language of this device, shared by every component through context. Reading
 * `t()` in a template re-renders it when the language changes.
 */
import { getContext, setContext } from 'svelte';
import { catalogues, LANG_COOKIE, translate, type MessageKey } from './messages';
import type { Language } from '$lib/schema';

export class I18n {
	lang = $state<Language>('fr');
	/** Whether this device chose a language (the switch); if not, a session's language is used. */
	#chosen: boolean;

	constructor(lang: Language, chosen = false) {
		this.lang = lang;
		this.#chosen = chosen;
	}

	/** Shows a session in its own language unless this device chose one. */
	followSession(lang: Language) {
		if (this.#chosen || this.lang === lang) return;
		this.lang = lang;
		document.documentElement.lang = lang;
	}

	/** The message `key` in the current language, placeholders filled. */
	t = (key: MessageKey, params?: Record<string, string | number>): string => translate(this.lang, key, params);

	/** `base.zero` / `base.one` / `base` by count, with `{n}` (and `params`) filled. */
	count = (base: string, n: number, params?: Record<string, string | number>): string => {
		const key = (n === 0 ? `${base}.zero` : n === 1 ? `${base}.one` : base) as MessageKey;
		return translate(this.lang, key in catalogues[this.lang] ? key : (base as MessageKey), { ...params, n });
	};

	/** A number in the current language's style (3,4 in French). */
	number = (value: number, digits = 1): string =>
		new Intl.NumberFormat(this.lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);

	/** A date in the current language. */
	date = (ms: number): string =>
		new Intl.DateTimeFormat(this.lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long' }).format(ms);

	/** A time of day to the second, in the current language. */
	time = (ms: number): string =>
		new Intl.DateTimeFormat(this.lang === 'fr' ? 'fr-FR' : 'en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(ms);

	set(lang: Language) {
		this.lang = lang;
		this.#chosen = true;
		document.cookie = `${LANG_COOKIE}=${lang}; path=/; max-age=31536000; samesite=lax`;
		document.documentElement.lang = lang;
	}
}


const KEY = Symbol('i18n');
export const setI18n = (i18n: I18n) => setContext(KEY, i18n);
export const useI18n = () => getContext<I18n>(KEY);
