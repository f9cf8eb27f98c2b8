/**
 * The actor map: changes to the board document, each one small named function in one
 * transaction. Lists (stages, needs) are `Y.Array`s so two people ticking at once both count.
 */
import * as Y from 'yjs';
import { nanoid } from 'nanoid';
import { toggleInList } from '$lib/shared-lists';
import { BOARD, type ActorCategory, type ActorStance, type FoodChainStage, type RelationKind } from '$lib/schema';
import { clampUnit } from './actors';

export interface NewActor {
	name: string;
	category: ActorCategory;
	stages?: FoodChainStage[];
	needs?: string[];
	stance?: ActorStance | null;
	note?: string;
	influence?: number;
	interest?: number;
	createdBy?: string;
	now?: number;
}

/**
 * Where a new actor lands on the grid until someone places it: around the middle, each one a
 * step further along a spiral, so new actors never hide each other.
 */
export function landingSpot(n: number): { influence: number; interest: number } {
	const k = (n % 24) + 1;
	const angle = k * 2.39996;
	const r = 0.075 * Math.sqrt(k);
	return { influence: clampUnit(0.5 + r * Math.sin(angle)), interest: clampUnit(0.5 + r * Math.cos(angle) * 1.4) };
}

/**
 * The first landing spot no actor sits near, starting at a place drawn from the id: one person's
 * actors never land on each other, and two added at the same moment on two phones rarely do —
 * and when they do, a nudge drawn from the id keeps one from hiding the other.
 */
export function freeSpot(doc: Y.Doc, id: string, opts = { nudge: true }): { influence: number; interest: number } {
	const taken: { influence: number; interest: number }[] = [];
	doc.getMap(BOARD.actors).forEach((entry) => {
		if (entry instanceof Y.Map) taken.push({ influence: Number(entry.get('influence')), interest: Number(entry.get('interest')) });
	});
	const hash = (mul: number, mod: number) => [...id].reduce((h, ch) => (h * mul + ch.charCodeAt(0)) % mod, 0);
	const start = hash(31, 24);
	const nudge = opts.nudge ? hash(17, 81) : 40; // 40: the middle, no nudge
	const at = (n: number) => {
		const spot = landingSpot(n);
		return { influence: clampUnit(spot.influence + ((nudge % 9) - 4) * 0.01), interest: clampUnit(spot.interest + (Math.floor(nudge / 9) - 4) * 0.02) };
	};
	for (let i = 0; i < 24; i++) {
		const spot = at(start + i);
		if (taken.every((t) => Math.abs(t.influence - spot.influence) > 0.06 || Math.abs(t.interest - spot.interest) > 0.2)) return spot;
	}
	return at(start + taken.length);
}

/** Adds an actor (the caller has checked the name is new); answers its id. */
export function addActor(doc: Y.Doc, a: NewActor): string {
	const id = nanoid(12);
	const spot = freeSpot(doc, id);
	doc.transact(() => {
		const entry = new Y.Map<unknown>();
		doc.getMap(BOARD.actors).set(id, entry);
		entry.set('name', a.name.trim());
		entry.set('category', a.category);
		entry.set('stages', Y.Array.from([...new Set(a.stages ?? [])]));
		entry.set('needs', Y.Array.from([...new Set(a.needs ?? [])]));
		entry.set('influence', clampUnit(a.influence ?? spot.influence));
		entry.set('interest', clampUnit(a.interest ?? spot.interest));
		// Where it landed says nothing of its influence: not a key player until someone says so.
		entry.set('placed', a.influence !== undefined && a.interest !== undefined);
		entry.set('note', (a.note ?? '').trim());
		if (a.stance) entry.set('stance', a.stance);
		if (a.createdBy) entry.set('createdBy', a.createdBy);
		entry.set('createdAt', a.now ?? Date.now());
	});
	return id;
}

function actorEntry(doc: Y.Doc, id: string): Y.Map<unknown> | null {
	const entry = doc.getMap(BOARD.actors).get(id);
	return entry instanceof Y.Map ? entry : null;
}

/** Changes an actor's name, category, stance or note (only the fields given). */
export function updateActor(doc: Y.Doc, id: string, patch: { name?: string; category?: ActorCategory; stance?: ActorStance | null; note?: string }): void {
	doc.transact(() => {
		const entry = actorEntry(doc, id);
		if (!entry) return;
		if (patch.name !== undefined && patch.name.trim() !== entry.get('name')) entry.set('name', patch.name.trim());
		if (patch.category !== undefined && patch.category !== entry.get('category')) entry.set('category', patch.category);
		if (patch.note !== undefined && patch.note.trim() !== entry.get('note')) entry.set('note', patch.note.trim());
		if (patch.stance !== undefined) {
			if (patch.stance === null) entry.delete('stance');
			else if (patch.stance !== entry.get('stance')) entry.set('stance', patch.stance);
		}
	});
}

/** Ticks or unticks one stage or one need of an actor. */
export function toggleActorList(doc: Y.Doc, id: string, list: 'stages' | 'needs', value: string, on: boolean): void {
	doc.transact(() => {
		const entry = actorEntry(doc, id);
		if (entry) toggleInList(entry, list, value, on);
	});
}

/** Places an actor on the influence × interest grid. */
export function placeActor(doc: Y.Doc, id: string, at: { influence: number; interest: number }): void {
	doc.transact(() => {
		const entry = actorEntry(doc, id);
		if (!entry) return;
		entry.set('influence', clampUnit(at.influence));
		entry.set('interest', clampUnit(at.interest));
		entry.set('placed', true);
	});
}

/**
 * Deletes an actor, the relations it is in, and its place in actions (lead, partner): the
 * caller has said what this touches and the person has agreed.
 */
export function deleteActor(doc: Y.Doc, id: string): void {
	doc.transact(() => {
		doc.getMap(BOARD.actors).delete(id);
		const relations = doc.getMap(BOARD.relations);
		relations.forEach((r, key) => {
			if (r instanceof Y.Map && (r.get('from') === id || r.get('to') === id)) relations.delete(key);
		});
		doc.getMap(BOARD.actions).forEach((action) => {
			if (!(action instanceof Y.Map)) return;
			if (action.get('lead') === id) action.delete('lead');
			const partners = action.get('partners');
			if (partners instanceof Y.Array) {
				for (let i = partners.length - 1; i >= 0; i--) if (partners.get(i) === id) partners.delete(i, 1);
			}
		});
	});
}

export function addRelation(doc: Y.Doc, r: { from: string; to: string; kind: RelationKind; formal?: boolean; note?: string; now?: number }): string {
	const id = nanoid(12);
	doc.transact(() => {
		const entry = new Y.Map<unknown>();
		doc.getMap(BOARD.relations).set(id, entry);
		entry.set('from', r.from);
		entry.set('to', r.to);
		entry.set('kind', r.kind);
		entry.set('formal', r.formal ?? false);
		entry.set('note', (r.note ?? '').trim());
		entry.set('createdAt', r.now ?? Date.now());
	});
	return id;
}

export function deleteRelation(doc: Y.Doc, id: string): void {
	doc.transact(() => doc.getMap(BOARD.relations).delete(id));
}
