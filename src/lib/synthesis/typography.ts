/**
 * French typography for written exports: a non-breaking space before « : ; ? ! » and inside
 * guillemets, so that a line never starts with a colon or a question mark. English is left as is.
 */
import type { Language } from '$lib/schema';

const NBSP = '\u00a0';

export function typeset(text: string, lang: Language): string {
	if (lang !== 'fr' || !text) return text;
	return (
		text
			// A plain space (or none, after a word) before ; ! ? becomes a non-breaking one; "?!" stays together.
			.replace(/[ \u202f]+([;!?])/g, `${NBSP}$1`)
			.replace(/([\p{L}\p{N})»])([;!?])(?=\s|$|[!?])/gu, `$1${NBSP}$2`)
			// Before a colon only when a space was there: 10:30 and https:// are not touched.
			.replace(/[ \u202f]+:/g, `${NBSP}:`)
			.replace(/«[ \u202f]*/g, `«${NBSP}`)
			.replace(/[ \u202f]*»/g, `${NBSP}»`)
	);
}
