import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { actionSchema, BOARD, contributionSchema, readEntities } from '$lib/schema';
import { addContribution, deleteContribution } from '$lib/needs/mutations';
import { addAction, actionText } from '$lib/actions/mutations';
import { restoreBoard } from './restore';

describe('restoreBoard', () => {
	it('brings back what was deleted, removes what came later, and can be undone', () => {
		const doc = new Y.Doc();
		const kept = addContribution(doc, { need: 'food', text: 'Gardée', authorId: 'p', now: 1 });
		const lost = addContribution(doc, { need: 'food', text: 'Effacée par erreur', authorId: 'p', now: 2 });
		const action = addAction(doc, { title: 'Légumerie', status: 'idea', rank: 'a0', texts: { detail: 'Avant' } });
		const past = new Y.Doc();
		Y.applyUpdate(past, Y.encodeStateAsUpdate(doc));

		deleteContribution(doc, lost);
		const later = addContribution(doc, { need: 'health', text: 'Venue après', authorId: 'p', now: 3 });
		actionText(doc, action, 'detail')!.insert(0, 'Modifié : ');

		const undo = new Y.UndoManager(
			[BOARD.contributions, BOARD.actions, BOARD.votes].map((n) => doc.getMap(n)),
			{ trackedOrigins: new Set(['restore']) }
		);
		restoreBoard(doc, past, 'restore');
		const texts = () => readEntities(doc.getMap(BOARD.contributions), contributionSchema).map((c) => c.text).sort();
		expect(texts()).toEqual(['Effacée par erreur', 'Gardée']);
		expect(readEntities(doc.getMap(BOARD.actions), actionSchema)[0].detail).toBe('Avant');
		expect(doc.getMap(BOARD.contributions).has(kept)).toBe(true);
		expect(doc.getMap(BOARD.contributions).has(later)).toBe(false);

		undo.undo();
		expect(texts()).toEqual(['Gardée', 'Venue après']);
		expect(readEntities(doc.getMap(BOARD.actions), actionSchema)[0].detail).toBe('Modifié : Avant');
	});
});
