/**
 * The actor map, pure: duplicate names, who is missing, the food-chain lanes, the grid's
 * quadrants, which relations are acceptable, and what deleting an actor touches.
 */
import {
	ACTOR_CATEGORIES,
	ACTOR_NAME_MAX,
	FOOD_CHAIN_STAGES,
	type Actor,
	type ActorCategory,
	type Entity,
	type FoodChainStage,
	type Relation,
	type RelationKind
} from '$lib/schema';

/** A name as people mean it: case, accents, punctuation and spacing ignored. */
export function nameKey(name: string): string {
	return name
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.toLowerCase()
		.replace(/[^\p{Letter}\p{Number}]+/gu, ' ')
		.trim();
}

/** The actor already in the registry under this name, if any. */
export function findDuplicate<T extends Entity<Actor>>(name: string, actors: T[], except?: string): T | undefined {
	const key = nameKey(name);
	if (!key) return undefined;
	return actors.find((a) => a.id !== except && nameKey(a.name) === key);
}

export type ActorNameProblem = 'empty' | 'tooLong' | 'duplicate';

export function actorNameProblem(name: string, actors: Entity<Actor>[], except?: string): ActorNameProblem | null {
	const trimmed = name.trim();
	if (!nameKey(trimmed)) return 'empty';
	if ([...trimmed].length > ACTOR_NAME_MAX) return 'tooLong';
	if (findDuplicate(trimmed, actors, except)) return 'duplicate';
	return null;
}

/** The categories of the taxonomy no actor has yet ("other" is never a prompt). */
export function missingCategories(actors: Pick<Actor, 'category'>[]): ActorCategory[] {
	const present = new Set(actors.map((a) => a.category));
	return ACTOR_CATEGORIES.filter((c) => c !== 'other' && !present.has(c));
}

export interface Lanes<T> {
	lanes: { stage: FoodChainStage; actors: T[] }[];
	/** Stages with nobody: the holes in the chain. */
	holes: FoodChainStage[];
	/** Actors with no stage yet. */
	unplaced: T[];
}

/** Actors by food-chain stage, in the chain's order, names sorted; an actor may be in several. */
export function laneLayout<T extends Pick<Actor, 'name' | 'stages'>>(actors: T[], locale = 'fr'): Lanes<T> {
	const byName = [...actors].sort((a, b) => a.name.localeCompare(b.name, locale, { sensitivity: 'base' }));
	const lanes = FOOD_CHAIN_STAGES.map((stage) => ({ stage, actors: byName.filter((a) => a.stages.includes(stage)) }));
	return {
		lanes,
		holes: lanes.filter((l) => l.actors.length === 0).map((l) => l.stage),
		unplaced: byName.filter((a) => a.stages.length === 0)
	};
}

export const QUADRANTS = ['keyPlayers', 'keepSatisfied', 'keepInformed', 'monitor'] as const;
export type Quadrant = (typeof QUADRANTS)[number];

/** Mendelow's grid: influence up, interest right; the middle line counts as high. An actor nobody has placed yet is in none. */
export function quadrant(a: Pick<Actor, 'influence' | 'interest'> & { placed?: boolean }): Quadrant | 'unplaced' {
	if (a.placed === false) return 'unplaced';
	const high = (v: number) => v >= 0.5;
	if (high(a.influence)) return high(a.interest) ? 'keyPlayers' : 'keepSatisfied';
	return high(a.interest) ? 'keepInformed' : 'monitor';
}

/** Keeps a position on the grid: 0..1, two decimals (what arrows and drops write). */
export function clampUnit(v: number): number {
	if (!Number.isFinite(v)) return 0.5;
	return Math.round(Math.min(1, Math.max(0, v)) * 100) / 100;
}

/** Kinds where the direction means something: A supplies B, A funds B. */
const DIRECTED: ReadonlySet<RelationKind> = new Set(['supply', 'funding']);

export type RelationProblem = 'missing' | 'self' | 'duplicate';

/** Why a relation cannot be made: an actor not chosen or gone, the same actor twice, or it exists. */
export function relationProblem(r: Pick<Relation, 'from' | 'to' | 'kind'>, actors: Entity<Actor>[], relations: Pick<Relation, 'from' | 'to' | 'kind'>[]): RelationProblem | null {
	const ids = new Set(actors.map((a) => a.id));
	if (!ids.has(r.from) || !ids.has(r.to)) return 'missing';
	if (r.from === r.to) return 'self';
	const same = (o: Pick<Relation, 'from' | 'to' | 'kind'>) =>
		o.kind === r.kind && ((o.from === r.from && o.to === r.to) || (!DIRECTED.has(r.kind) && o.from === r.to && o.to === r.from));
	return relations.some(same) ? 'duplicate' : null;
}

/** Relations whose two ends both exist (a relation to a deleted actor is never drawn). */
export function liveRelations<T extends Pick<Relation, 'from' | 'to'>>(relations: T[], actors: { id: string }[]): T[] {
	const ids = new Set(actors.map((a) => a.id));
	return relations.filter((r) => ids.has(r.from) && ids.has(r.to) && r.from !== r.to);
}

export interface Impact {
	relations: number;
	/** Actions it leads. */
	leads: number;
	/** Actions it is a partner of. */
	partners: number;
}

/** What deleting an actor would touch: said before, so nobody deletes blindly. */
export function actorImpact(
	id: string,
	relations: Pick<Relation, 'from' | 'to'>[],
	actions: { lead?: string; partners: string[] }[]
): Impact {
	return {
		relations: relations.filter((r) => r.from === id || r.to === id).length,
		leads: actions.filter((a) => a.lead === id).length,
		partners: actions.filter((a) => a.partners.includes(id)).length
	};
}
