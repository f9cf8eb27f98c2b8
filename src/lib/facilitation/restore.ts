/**
 * Restoring the board as it was: the difference between now and then is written as new changes
 * (deleted entries come back, later ones go), so the restore reaches every device, is stored like
 * any edit, and can itself be undone. The roster and raised hands are left as they are.
 */
import * as Y from 'yjs';
import { BOARD } from '$lib/schema';

export const RESTORED = [
	BOARD.contributions,
	BOARD.clusters,
	BOARD.votes,
	BOARD.ratings,
	BOARD.ratingComments,
	BOARD.actors,
	BOARD.relations,
	BOARD.actions,
	BOARD.commitments
] as const;

/** A deep copy of a value from one document, as new shared types for another. */
export function cloneShared(value: unknown): unknown {
	if (value instanceof Y.Text) return new Y.Text(value.toString());
	if (value instanceof Y.Array) return Y.Array.from(value.toArray().map(cloneShared) as never[]);
	if (value instanceof Y.Map) {
		const map = new Y.Map<unknown>();
		value.forEach((v, k) => map.set(k, cloneShared(v)));
		return map;
	}
	return value;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a instanceof Y.AbstractType ? a.toJSON() : a) === JSON.stringify(b instanceof Y.AbstractType ? b.toJSON() : b);

/** Makes `doc`'s board content what it was in `past`, as one change with the given origin. */
export function restoreBoard(doc: Y.Doc, past: Y.Doc, origin: unknown): void {
	doc.transact(() => {
		for (const name of RESTORED) {
			const now = doc.getMap(name);
			const then = past.getMap(name);
			for (const key of [...now.keys()]) if (!then.has(key)) now.delete(key);
			then.forEach((value, key) => {
				if (!now.has(key) || !same(now.get(key), value)) now.set(key, cloneShared(value));
			});
		}
	}, origin);
}

/** How many of each thing a board holds: what a preview says at a glance. */
export function boardCounts(doc: Y.Doc): { contributions: number; actors: number; relations: number; actions: number } {
	return {
		contributions: doc.getMap(BOARD.contributions).size,
		actors: doc.getMap(BOARD.actors).size,
		relations: doc.getMap(BOARD.relations).size,
		actions: doc.getMap(BOARD.actions).size
	};
}
