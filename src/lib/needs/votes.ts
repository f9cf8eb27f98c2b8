/**
 * Dot voting: the tally. Pure: every client computes the same result from the same data, and
 * each participant is capped at the budget deterministically, so two tabs of one person
 * spending at once can never count for more than the budget.
 */
import type { Vote } from '$lib/schema';

/** target id → participantId → dots, as stored in the board's `votes` map (plain JSON). */
export type VoteData = Record<string, Record<string, number>>;

export interface Tally {
	/** Dots counted per target. */
	totals: Record<string, number>;
	/** Dots counted per participant (never more than the budget). */
	spent: Record<string, number>;
	/** Dots counted per participant and target. */
	byParticipant: Record<string, Record<string, number>>;
	/** People who spent at least one dot. */
	voters: number;
}

/**
 * Counts the dots on `targets` (others, such as deleted or hidden items, are ignored). Each
 * participant's dots are taken in target-id order, each capped at one when dots may not
 * stack, until their budget is spent; the rest do not count.
 */
export function tally(data: VoteData, rules: Pick<Vote, 'budget' | 'stack'>, targets: Iterable<string>): Tally {
	const allowed = [...new Set(targets)].sort();
	const perItem = rules.stack ? rules.budget : 1;
	const byParticipant: Record<string, Record<string, number>> = {};
	for (const target of allowed) {
		for (const [participant, raw] of Object.entries(data[target] ?? {})) {
			if (!Number.isInteger(raw) || raw <= 0) continue;
			(byParticipant[participant] ??= {})[target] = Math.min(raw, perItem);
		}
	}
	const totals: Record<string, number> = Object.fromEntries(allowed.map((t) => [t, 0]));
	const spent: Record<string, number> = {};
	for (const [participant, dots] of Object.entries(byParticipant)) {
		let left = rules.budget;
		for (const target of allowed) {
			const want = dots[target];
			if (!want) continue;
			const take = Math.min(want, left);
			if (take > 0) totals[target] += take;
			if (take < want) {
				if (take > 0) dots[target] = take;
				else delete dots[target];
			}
			left -= take;
		}
		spent[participant] = rules.budget - left;
	}
	return { totals, spent, byParticipant, voters: Object.values(spent).filter((n) => n > 0).length };
}

/** Targets by dots, most first; ties keep `order` (the order they were said in). */
export function ranking(totals: Record<string, number>, order: string[]): { id: string; dots: number }[] {
	return order
		.map((id, i) => ({ id, dots: totals[id] ?? 0, i }))
		.filter((r) => r.dots > 0)
		.sort((a, b) => b.dots - a.dots || a.i - b.i)
		.map(({ id, dots }) => ({ id, dots }));
}

/** The first `n` of a ranking and every one tied with the `n`th: leaving out an equal would misreport the room. */
export function topWithTies<T extends { dots: number }>(ranked: T[], n: number): T[] {
	const last = ranked[n - 1];
	return ranked.filter((r, i) => i < n || (last !== undefined && r.dots === last.dots));
}

