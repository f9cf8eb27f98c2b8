/**
 * Words in a language: messages with their placeholders filled, counts, numbers and dates.
 * French comes with the page (most rooms speak it, and a phone on a slow link must not wait a
 * round trip more for its words); English is loaded when a device or a session asks for it
 * (`loadLanguage`). The server and the report load both (`messages.ts`).
 */
import type { Language } from '$lib/schema';
import { fr, type MessageKey } from './fr';

export type { MessageKey };
export type Catalogue = Record<MessageKey, string>;

/** The catalogues loaded so far. */
export const catalogues: Partial<Record<Language, Catalogue>> = { fr };

/** Loads the catalogue of `lang` (once); the UI waits for it before showing words in that language. */
export async function loadLanguage(lang: Language): Promise<void> {
	if (catalogues[lang]) return;
	if (lang === 'en') catalogues.en = (await import('./en')).en;
}

/** The cookie that keeps a device's chosen language (read by the server to render it). */
export const LANG_COOKIE = 'agora-lang';

/** Fills `{name}` placeholders. */
export function format(template: string, params?: Record<string, string | number>): string {
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** A message in `lang` (pure: the server uses it for API errors, the UI through I18n). */
export function translate(
	lang: Language,
	key: MessageKey,
	params?: Record<string, string | number>
): string {
	const catalogue = catalogues[lang] ?? catalogues.fr ?? catalogues.en;
	return catalogue ? format(catalogue[key], params) : key;
}

/** French writes the first day of a month as an ordinal: "1er septembre", not "1 septembre". */
function firstOfMonth(lang: Language, date: string): string {
	return lang === 'fr' ? date.replace(/^1 /, '1er ') : date;
}

/**
 * The words of one language as functions: messages, counts, numbers, dates. Pure, so the server
 * writes an export in the session's language the same way a page does.
 */
export function wordsFor(lang: () => Language) {
	const locale = () => (lang() === 'fr' ? 'fr-FR' : 'en-GB');
	return {
		/** The message `key`, placeholders filled. */
		t: (key: MessageKey, params?: Record<string, string | number>): string => translate(lang(), key, params),
		/** `base.zero` / `base.one` / `base` by count, with `{n}` (and `params`) filled. */
		count: (base: string, n: number, params?: Record<string, string | number>): string => {
			const key = (n === 0 ? `${base}.zero` : n === 1 ? `${base}.one` : base) as MessageKey;
			return translate(lang(), key in (catalogues[lang()] ?? {}) ? key : (base as MessageKey), { ...params, n });
		},
		/** A number in the language's style (3,4 in French). */
		number: (value: number, digits = 1): string =>
			new Intl.NumberFormat(locale(), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value),
		/** A date ("1er septembre 2027" in French). */
		date: (ms: number): string => firstOfMonth(lang(), new Intl.DateTimeFormat(locale(), { dateStyle: 'long' }).format(ms)),
		/** A time of day to the minute. */
		clock: (ms: number): string => new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit' }).format(ms),
		/** A day written "YYYY-MM-DD" (a due date), as the language writes dates. */
		day: (iso: string): string =>
			firstOfMonth(lang(), new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeZone: 'UTC' }).format(Date.parse(`${iso}T12:00:00Z`))),
		/** A time of day to the second. */
		time: (ms: number): string => new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(ms)
	};
}
export type Words = ReturnType<typeof wordsFor>;
