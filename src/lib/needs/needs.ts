/**
 * The needs board: the pure part. Visual identity of each need (colour and Lucide icon name,
 * the same on phones, projector and exports) and the computations over contributions.
 */
import {
	NEED_KEYS,
	NEED_LABEL_MAX,
	NEEDS_MAX,
	needConfigSchema,
	type Contribution,
	type Entity,
	type NeedKey
} from '$lib/schema';
import type { MessageKey } from '$lib/i18n/messages';

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

/**
 * Needs a facilitator can add in one tap, with labels in the catalogue (so they follow the
 * language) and icons: the other page of the same network lists these three.
 */
export const SUGGESTED_NEEDS = ['social', 'biodiversity', 'soils'] as const;
export type SuggestedNeed = (typeof SUGGESTED_NEEDS)[number];

/** Colours for needs the facilitator adds, in the order they were added. */
export const EXTRA_NEED_STYLES: NeedStyle[] = [
	{ color: '#835600', tint: '#f7ecd4' },
	{ color: '#00676f', tint: '#d9f0f1' },
	{ color: '#7a4b2a', tint: '#f1e6dc' },
	{ color: '#4f5392', tint: '#e6e7f5' },
	{ color: '#8c3b6b', tint: '#f6e3ee' }
];

/** A default need's own colour, or the n-th colour of the palette for the n-th added need. */
export function needStyle(key: string, addedIndex = 0): NeedStyle {
	if (key in NEED_STYLES) return NEED_STYLES[key as NeedKey];
	return EXTRA_NEED_STYLES[addedIndex % EXTRA_NEED_STYLES.length];
}

/** One need as the session shows it. */
export interface NeedView {
	key: string;
	/** The facilitator's label; null means the catalogue's label in the reader's language. */
	label: string | null;
	enabled: boolean;
	order: number;
	/** Default or suggested need: its label and icon are known in code. */
	known: boolean;
	style: NeedStyle;
}

const isKnown = (key: string) => (NEED_KEYS as readonly string[]).includes(key) || (SUGGESTED_NEEDS as readonly string[]).includes(key);

/**
 * The session's needs from the control document's `needs` map (plain JSON): the five defaults
 * (enabled unless switched off), then the ones the facilitator added, in their order. Invalid
 * entries are ignored; an added need without a label is only valid for a suggested key.
 */
export function sessionNeeds(configs: Record<string, unknown>): NeedView[] {
	const out: (Omit<NeedView, 'style'> & { palette?: number })[] = [];
	NEED_KEYS.forEach((key, i) => {
		const parsed = needConfigSchema.safeParse(configs[key] ?? {});
		const c = parsed.success ? parsed.data : { enabled: true, order: i, label: undefined };
		out.push({ key, label: c.label || null, enabled: c.enabled, order: configs[key] ? c.order : i, known: true });
	});
	for (const [key, raw] of Object.entries(configs)) {
		if ((NEED_KEYS as readonly string[]).includes(key) || !/^[a-z0-9_-]{1,32}$/.test(key)) continue;
		const parsed = needConfigSchema.safeParse(raw);
		if (!parsed.success) continue;
		const known = isKnown(key);
		if (!known && !parsed.data.label) continue;
		out.push({ key, label: parsed.data.label || null, enabled: parsed.data.enabled, order: parsed.data.order, known, palette: parsed.data.palette });
	}
	out.sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
	// Added needs keep the palette colour given when they were added (else their position).
	let added = 0;
	return out.slice(0, NEEDS_MAX * 2).map(({ palette, ...n }) => {
		const isDefault = (NEED_KEYS as readonly string[]).includes(n.key);
		const index = isDefault ? 0 : (palette ?? added);
		if (!isDefault) added++;
		return { ...n, style: needStyle(n.key, index) };
	});
}

/** The label people read: the facilitator's, else the catalogue's (short on phone tabs). */
export function needLabel(n: Pick<NeedView, 'key' | 'label' | 'known'>, t: (key: MessageKey) => string, short = false): string {
	if (n.label) return n.label;
	if (n.known) return t(`needs.${short ? 'short.' : ''}${n.key}` as MessageKey);
	return n.key;
}

/** Compares labels as people do: case, accents and spaces do not count. */
export function sameLabel(a: string, b: string): boolean {
	const norm = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
	return norm(a) === norm(b);
}

/** Why a new need's label cannot be added, or null. `labels` are the labels shown now. */
export function newNeedProblem(label: string, labels: string[], count: number): 'empty' | 'tooLong' | 'duplicate' | 'tooMany' | null {
	const trimmed = label.trim();
	if (!trimmed) return 'empty';
	if ([...trimmed].length > NEED_LABEL_MAX) return 'tooLong';
	if (labels.some((l) => sameLabel(l, trimmed))) return 'duplicate';
	if (count >= NEEDS_MAX) return 'tooMany';
	return null;
}

/** A stable key for a new need from its label ("Lien social" → "lien-social"), unique among `taken`. */
export function needKeyFor(label: string, taken: string[]): string {
	const base =
		label
			.normalize('NFD')
			.replace(/\p{Diacritic}/gu, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 24) || 'need';
	let key = base;
	for (let i = 2; taken.includes(key); i++) key = `${base}-${i}`;
	return key;
}

/** Contributions nobody hid, oldest first (the order they were said in the room). */
export function visibleContributions<T extends Entity<Contribution>>(all: T[], hidden: Set<string>): T[] {
	return all.filter((c) => !hidden.has(c.id)).sort(byCreation);
}

/** Contributions grouped by need, every listed need present (possibly empty), oldest first. */
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
