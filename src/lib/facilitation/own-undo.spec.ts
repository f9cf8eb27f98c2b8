import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD } from '$lib/schema';
import { addContribution, castDot } from '$lib/needs/mutations';
import { setHand } from './mutations';
import { OwnUndo } from './own-undo.svelte';

describe('OwnUndo', () => {
	it('undoes this device’s last change only, never another person’s', () => {
		const mine = new Y.Doc();
		const theirs = new Y.Doc();
		const undo = new OwnUndo(mine);
		const theirId = addContribution(theirs, { need: 'food', text: 'Leur idée', authorId: 'p2' });
		Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs), 'remote');
		expect(undo.canUndo).toBe(false);
		const myId = addContribution(mine, { need: 'food', text: 'Mon idée', authorId: 'p1', now: 1 });
		expect(undo.canUndo).toBe(true);
		undo.undo();
		const contributions = mine.getMap(BOARD.contributions);
		expect(contributions.has(myId)).toBe(false);
		expect(contributions.has(theirId)).toBe(true);
		expect(undo.canUndo).toBe(false);
	});

	it('takes back a dot', () => {
		const doc = new Y.Doc();
		const id = addContribution(doc, { need: 'food', text: 'x', authorId: 'p1' });
		const undo = new OwnUndo(doc);
		castDot(doc, { target: id, participantId: 'p1', delta: 1 });
		undo.undo();
		expect((doc.getMap(BOARD.votes).get(id) as Y.Map<number>).get('p1') ?? 0).toBe(0);
	});

	it('leaves a raised hand to its own button: undo takes back the change before it', () => {
		const doc = new Y.Doc();
		const undo = new OwnUndo(doc);
		const id = addContribution(doc, { need: 'food', text: 'x', authorId: 'p1' });
		setHand(doc, 'p1', true);
		undo.undo();
		expect(doc.getMap(BOARD.contributions).has(id)).toBe(false);
		expect(doc.getMap(BOARD.hands).has('p1')).toBe(true);
	});
});
