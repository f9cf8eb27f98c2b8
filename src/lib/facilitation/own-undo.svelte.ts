/**
 * A participant's undo: only this device's own changes to the board (Yjs's UndoManager tracks
 * local transactions only), never anyone else's, never the roster, never the raised hand (it
 * has its own button: "Annuler" next to it lowered the hand, then took back the change before).
 */
import * as Y from 'yjs';
import { BOARD } from '$lib/schema';

const SCOPE = [BOARD.contributions, BOARD.clusters, BOARD.votes, BOARD.ratings, BOARD.ratingComments, BOARD.actors, BOARD.relations, BOARD.actions, BOARD.commitments];

export class OwnUndo {
	#manager: Y.UndoManager;
	canUndo = $state(false);

	constructor(doc: Y.Doc) {
		// Edits a moment apart (typing a word, ticking twice) undo together.
		this.#manager = new Y.UndoManager(
			SCOPE.map((name) => doc.getMap(name)),
			{ captureTimeout: 700 }
		);
		const refresh = () => (this.canUndo = this.#manager.undoStack.length > 0);
		this.#manager.on('stack-item-added', refresh);
		this.#manager.on('stack-item-popped', refresh);
		this.#manager.on('stack-cleared', refresh);
	}

	undo(): void {
		this.#manager.undo();
	}

	destroy(): void {
		this.#manager.destroy();
	}
}
