/**
 * The needs board: the pure part. Visual identity of each need (colour and Lucide icon name,
 * the same on phones, projector and exports) and the computations over contributions.
 */
import { NEED_KEYS, type Contribution, type Entity, type NeedKey } from '$lib/schema';

export interface NeedStyle {
	/** Strong colour for icons, borders and bars (AA against the paper background). */
	color: string;
	/** Light tint for backgrounds behind dark text. */
	tint: string;
}

export const NEED_STYLES: Record<NeedKey, NeedStyle> = {
	food: { color: '#b4461a', tint: '#fbe8dc' },
	health: { color: '#b3263e', tint: '#fae3e6' },
	work: { color: '#1f5a96', tint: '#e1ecf7' },
	equity: { color: '#6e3d8f', tint: '#efe4f5' },
	future: { color: '#2f7236', tint: '#e2f0df' }
};

/** Colours for needs the facilitator adds later, in order. */
export const EXTRA_NEED_STYLES: NeedStyle[] = [
	{ color: '#8a5a00', tint: '#f7ecd4' },
	{ color: '#00707a', tint: '#d9f0f1' },
	{ color: '#7a4b2a', tint: '#f1e6dc' }
];

export function needStyle(key: string): NeedStyle {
	if (key in NEED_STYLES) return NEED_STYLES[key as NeedKey];
	let h = 0;
	for (const ch of key) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
	return EXTRA_NEED_STYLES[h % EXTRA_NEED_STYLES.length];
}

/** Contributions nobody hid, oldest first (the order they were said in the room). */
export function visibleContributions<T extends Entity<Contribution>>(all: T[], hidden: Set<string>): T[] {
	return all.filter((c) => !hidden.has(c.id)).sort(byCreation);
}

/** Contributions grouped by need, every default need present (possibly empty), oldest first. */
export function groupByNeed<T extends Entity<Contribution>>(list: T[], needs: readonly string[] = NEED_KEYS): Record<string, T[]> {
	const out: Record<string, T[]> = Object.fromEntries(needs.map((n) => [n, [] as T[]]));
	for (const c of [...list].sort(byCreation)) (out[c.need] ??= []).push(c);
	return out;
}

function byCreation(a: Entity<Contribution>, b: Entity<Contribution>) {
	return a.createdAt - b.createdAt || a.id.localeCompare(b.id);
}

/** Why a draft cannot be posted, or null when it can. */
export function draftProblem(text: string, max: number): 'empty' | 'tooLong' | null {
	const trimmed = text.trim();
	if (trimmed.length === 0) return 'empty';
	if ([...trimmed].length > max) return 'tooLong';
	return null;
}
