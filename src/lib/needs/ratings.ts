/**
 * Ratings of how well each need is met on the territory today: reading them out of the board
 * document, and the statistics the radar draws. Pure functions over plain data.
 */
import { RATING_MAX, ratingSchema } from '$lib/schema';

/** participantId → need → 1..5 */
export type Ratings = Record<string, Record<string, number>>;

/** Keeps only valid ratings from the board's `ratings` map as plain JSON. */
export function parseRatings(raw: Record<string, unknown>): Ratings {
	const out: Ratings = {};
	for (const [participant, byNeed] of Object.entries(raw)) {
		if (!byNeed || typeof byNeed !== 'object') continue;
		const valid: Record<string, number> = {};
		for (const [need, value] of Object.entries(byNeed as Record<string, unknown>)) {
			if (ratingSchema.safeParse(value).success) valid[need] = value as number;
		}
		if (Object.keys(valid).length > 0) out[participant] = valid;
	}
	return out;
}

export interface NeedRating {
	need: string;
	/** How many people rated this need. */
	count: number;
	/** Average, or null when nobody rated it. */
	mean: number | null;
	/** Standard deviation (population): how far the room is from agreeing. */
	spread: number | null;
	min: number | null;
	max: number | null;
	/** How many gave 1, 2, 3, 4, 5. */
	histogram: number[];
}

/** The room's ratings for each need, in the order of `needs`. */
export function ratingStats(ratings: Ratings, needs: string[]): NeedRating[] {
	return needs.map((need) => {
		const values = Object.values(ratings)
			.map((r) => r[need])
			.filter((v): v is number => typeof v === 'number');
		const histogram = Array.from({ length: RATING_MAX }, (_, i) => values.filter((v) => v === i + 1).length);
		if (values.length === 0) return { need, count: 0, mean: null, spread: null, min: null, max: null, histogram };
		const mean = values.reduce((a, b) => a + b, 0) / values.length;
		const spread = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
		return { need, count: values.length, mean, spread, min: Math.min(...values), max: Math.max(...values), histogram };
	});
}

/** How many people rated at least one need. */
export function respondents(ratings: Ratings, needs: string[]): number {
	return Object.values(ratings).filter((r) => needs.some((n) => typeof r[n] === 'number')).length;
}

/**
 * Points of a radar polygon: one axis per need, clockwise from the top, `value` 0..max mapped
 * onto radius 0..r around (cx, cy).
 */
export function radarPoint(i: number, count: number, value: number, max: number, r: number, cx: number, cy: number): [number, number] {
	const angle = -Math.PI / 2 + (2 * Math.PI * i) / count;
	const d = (Math.max(0, Math.min(max, value)) / max) * r;
	return [cx + d * Math.cos(angle), cy + d * Math.sin(angle)];
}
