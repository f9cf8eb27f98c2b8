/**
 * The next workshop of a series: what a new session takes from the last one. Needs and
 * colleges, the agenda (back to its first step), the actors with their links, the actions with
 * their texts; never the contributions, votes, ratings, commitments or the people: those belong
 * to the workshop they were said in.
 */
import * as Y from 'yjs';
import { BOARD, CONTROL } from '$lib/schema';
import { cloneShared } from './restore';

export interface Carry {
	needs: boolean;
	agenda: boolean;
	actors: boolean;
	actions: boolean;
}

function copyMap(from: Y.Doc, to: Y.Doc, name: string, keep: (key: string, value: unknown) => boolean = () => true) {
	const target = to.getMap(name);
	from.getMap(name).forEach((value, key) => {
		if (keep(key, value)) target.set(key, cloneShared(value));
	});
}

export function carryForward(from: { control: Y.Doc; board: Y.Doc }, to: { control: Y.Doc; board: Y.Doc }, carry: Carry): void {
	to.control.transact(() => {
		if (carry.needs) {
			copyMap(from.control, to.control, CONTROL.needs);
			copyMap(from.control, to.control, CONTROL.colleges);
		}
		if (carry.agenda) copyMap(from.control, to.control, CONTROL.agenda);
	});
	to.board.transact(() => {
		if (carry.actors) {
			copyMap(from.board, to.board, BOARD.actors);
			copyMap(from.board, to.board, BOARD.relations);
		}
		if (carry.actions) {
			copyMap(from.board, to.board, BOARD.actions);
			const actions = to.board.getMap(BOARD.actions);
			const votes = to.board.getMap(BOARD.votes);
			actions.forEach((entry, id) => {
				// Each action's vote map is born with it (one writer), as when it was created.
				votes.set(id, new Y.Map<number>());
				// Without the actors, their places in actions would name nobody.
				if (!carry.actors && entry instanceof Y.Map) {
					entry.delete('lead');
					entry.set('partners', new Y.Array<string>());
				}
			});
		}
	});
}
