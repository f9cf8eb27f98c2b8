/**
 * Colleges, the pure part: the session's list, and results split by college with small groups
 * left out (a group of one would show that person's own answer).
 */
import { COLLEGE_MIN_GROUP, collegeConfigSchema, DEFAULT_COLLEGES } from '$lib/schema';
import type { MessageKey } from '$lib/i18n/messages';
import { ratingStats, type NeedRating, type Ratings } from '$lib/needs/ratings';

export interface CollegeView {
	key: string;
	label: string | null;
	enabled: boolean;
	order: number;
	known: boolean;
}

/** The session's colleges from the control document's `colleges` map (plain JSON). */
export function sessionColleges(configs: Record<string, unknown>): CollegeView[] {
	const out: CollegeView[] = [];
	DEFAULT_COLLEGES.forEach((key, i) => {
		const parsed = collegeConfigSchema.safeParse(configs[key] ?? { order: i });
		const c = parsed.success ? parsed.data : { enabled: true, order: i, label: undefined };
		out.push({ key, label: c.label || null, enabled: c.enabled, order: configs[key] ? c.order : i, known: true });
	});
	for (const [key, raw] of Object.entries(configs)) {
		if ((DEFAULT_COLLEGES as readonly string[]).includes(key) || !/^[a-z0-9_-]{1,32}$/.test(key)) continue;
		const parsed = collegeConfigSchema.safeParse(raw);
		if (!parsed.success || !parsed.data.label) continue;
		out.push({ key, label: parsed.data.label, enabled: parsed.data.enabled, order: parsed.data.order, known: false });
	}
	return out.sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
}

export function collegeLabel(c: Pick<CollegeView, 'key' | 'label' | 'known'>, t: (key: MessageKey) => string): string {
	if (c.label) return c.label;
	return c.known ? t(`colleges.${c.key}` as MessageKey) : c.key;
}

/** Rating statistics per college; a college with fewer than COLLEGE_MIN_GROUP respondents is left out. */
export function ratingsByCollege(
	ratings: Ratings,
	needs: string[],
	collegeOf: (participantId: string) => string | undefined,
	colleges: string[]
): { college: string; respondents: number; stats: NeedRating[] | null }[] {
	return colleges.map((college) => {
		const members = Object.fromEntries(Object.entries(ratings).filter(([p]) => collegeOf(p) === college));
		const respondents = Object.values(members).filter((r) => needs.some((n) => typeof r[n] === 'number')).length;
		return { college, respondents, stats: respondents >= COLLEGE_MIN_GROUP ? ratingStats(members, needs) : null };
	});
}

/**
 * Dots per target and college (from a tally's per-participant counts); colleges with fewer
 * than COLLEGE_MIN_GROUP voters are left out.
 */
export function dotsByCollege(
	byParticipant: Record<string, Record<string, number>>,
	collegeOf: (participantId: string) => string | undefined,
	colleges: string[]
): { voters: Record<string, number>; dots: Record<string, Record<string, number>> } {
	const voters: Record<string, number> = Object.fromEntries(colleges.map((c) => [c, 0]));
	for (const p of Object.keys(byParticipant)) {
		const c = collegeOf(p);
		if (c && c in voters) voters[c]++;
	}
	const dots: Record<string, Record<string, number>> = {};
	for (const [p, targets] of Object.entries(byParticipant)) {
		const c = collegeOf(p);
		if (!c || (voters[c] ?? 0) < COLLEGE_MIN_GROUP) continue;
		for (const [t, n] of Object.entries(targets)) (dots[t] ??= {})[c] = ((dots[t] ??= {})[c] ?? 0) + n;
	}
	return { voters, dots };
}
