/**
 * The interface language of this device, shared by every component through context. Reading
 * `t()` in a template re-renders it when the language changes.
 */
import { getContext, setContext } from 'svelte';
import { LANG_COOKIE, loadLanguage, wordsFor } from './words';
import type { Language } from '$lib/schema';

export class I18n {
	lang = $state<Language>('fr');
	/** Whether this device chose a language (the switch); if not, a session's language is used. */
	#chosen: boolean;
	readonly #words = wordsFor(() => this.lang);

	constructor(lang: Language, chosen = false) {
		this.lang = lang;
		this.#chosen = chosen;
	}

	/** Shows a session in its own language unless this device chose one (once its words are loaded). */
	async followSession(lang: Language) {
		if (this.#chosen || this.lang === lang) return;
		await loadLanguage(lang);
		if (this.#chosen) return;
		this.lang = lang;
		document.documentElement.lang = lang;
	}

	/** The message `key` in the current language, placeholders filled. */
	t = this.#words.t;
	/** `base.zero` / `base.one` / `base` by count, with `{n}` (and `params`) filled. */
	count = this.#words.count;
	/** A number in the current language's style (3,4 in French). */
	number = this.#words.number;
	/** A date in the current language. */
	date = this.#words.date;
	/** A time of day to the second, in the current language. */
	time = this.#words.time;

	/** The device's choice: the switch waits for the words of `lang` (a phone loads only its own language). */
	async set(lang: Language) {
		this.#chosen = true;
		await loadLanguage(lang);
		this.lang = lang;
		document.cookie = `${LANG_COOKIE}=${lang}; path=/; max-age=31536000; samesite=lax`;
		document.documentElement.lang = lang;
	}
}

const KEY = Symbol('i18n');
export const setI18n = (i18n: I18n) => setContext(KEY, i18n);
export const useI18n = () => getContext<I18n>(KEY);
