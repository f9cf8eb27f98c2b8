/**
 * The action board, pure: the order of a column, the rank a dropped card takes, what the
 * coverage matrix shows, and the checks on titles and due dates.
 */
import { generateKeyBetween } from 'fractional-indexing';
import { ACTION_STATUSES, ACTION_TITLE_MAX, type Action, type ActionStatus, type Actor, type Commitment, type Entity } from '$lib/schema';

type Ranked = { id: string; rank: string };

/** A column's cards in order: by rank, then by id (two cards given the same rank at once). */
export function byRank<T extends Ranked>(a: T, b: T): number {
	return a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id.localeCompare(b.id);
}

export function columns<T extends Ranked & { status: ActionStatus }>(actions: T[]): Record<ActionStatus, T[]> {
	const out = Object.fromEntries(ACTION_STATUSES.map((s) => [s, [] as T[]])) as Record<ActionStatus, T[]>;
	for (const a of actions) out[a.status].push(a);
	for (const s of ACTION_STATUSES) out[s].sort(byRank);
	return out;
}

/** A rank another client wrote that is not a valid key (old or hand-made data) counts as absent. */
function valid(key: string | null): string | null {
	if (key === null) return null;
	try {
		generateKeyBetween(key, null);
		return key;
	} catch {
		return null;
	}
}

function keyBetween(before: string | null, after: string | null): string {
	const [a, b] = [valid(before), valid(after)];
	// Two cards that got the same rank at once: go after both (the id breaks the tie).
	if (a !== null && b !== null && a >= b) return generateKeyBetween(a, null);
	return generateKeyBetween(a, b);
}

/**
 * The rank for a card put at `index` in a column listed in order (`column` without the card
 * itself). Only the moved card is written: others keep theirs, so two people moving different
 * cards never undo each other.
 */
export function rankAt(column: Ranked[], index: number): string {
	const i = Math.max(0, Math.min(index, column.length));
	return keyBetween(column[i - 1]?.rank ?? null, column[i]?.rank ?? null);
}

/** The rank at the end of a column. */
export function rankAtEnd(column: Ranked[]): string {
	return rankAt(column, column.length);
}

export type TitleProblem = 'empty' | 'tooLong';
export function titleProblem(title: string): TitleProblem | null {
	const trimmed = title.trim();
	if (!trimmed) return 'empty';
	if ([...trimmed].length > ACTION_TITLE_MAX) return 'tooLong';
	return null;
}

/** Today as YYYY-MM-DD in local time (a due date is a day, not an instant). */
export function today(now = new Date()): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A due date before today, on an action not done, is flagged. */
export function isOverdue(a: Pick<Action, 'due' | 'status'>, day = today()): boolean {
	return !!a.due && a.status !== 'done' && a.due < day;
}

export interface Coverage {
	/** need key → ids of the actions answering it. */
	byNeed: Record<string, string[]>;
	/** Needs no action answers yet. */
	uncoveredNeeds: string[];
	/** Actions with no lead actor (or one that no longer exists). */
	withoutLead: string[];
	/** Actors in no action: neither lead, nor partner, nor committed. */
	idleActors: string[];
}

/** Needs × actions, and the gaps a facilitator asks the room about. */
export function coverage(
	needs: string[],
	actions: Entity<Pick<Action, 'needs' | 'lead' | 'partners'>>[],
	actors: Pick<Entity<Actor>, 'id'>[],
	commitments: Pick<Commitment, 'actorId' | 'actionId' | 'role'>[] = []
): Coverage {
	// Someone who committed as lead, an organisation or a person, leads the action.
	const led = new Set(commitments.filter((c) => c.role === 'lead').map((c) => c.actionId));
	const actorIds = new Set(actors.map((a) => a.id));
	const byNeed = Object.fromEntries(needs.map((n) => [n, actions.filter((a) => a.needs.includes(n)).map((a) => a.id)]));
	const busy = new Set<string>();
	for (const a of actions) {
		if (a.lead) busy.add(a.lead);
		for (const p of a.partners) busy.add(p);
	}
	for (const c of commitments) if (c.actorId) busy.add(c.actorId);
	return {
		byNeed,
		uncoveredNeeds: needs.filter((n) => byNeed[n].length === 0),
		withoutLead: actions.filter((a) => (!a.lead || !actorIds.has(a.lead)) && !led.has(a.id)).map((a) => a.id),
		idleActors: actors.filter((a) => !busy.has(a.id)).map((a) => a.id)
	};
}
