import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { actorSchema, BOARD, readEntities, relationSchema } from '$lib/schema';
import { addActor, addRelation, deleteActor, freeSpot, placeActor, toggleActorList, updateActor } from './mutations';
import { twoDevices } from '$lib/testing/docs';
import { quadrant } from './actors';

const actors = (doc: Y.Doc) => readEntities(doc.getMap(BOARD.actors), actorSchema);
const relations = (doc: Y.Doc) => readEntities(doc.getMap(BOARD.relations), relationSchema);


describe('actor mutations', () => {
	it('an actor added without a place is in no quadrant until someone places it', () => {
		const doc = new Y.Doc();
		const id = addActor(doc, { name: 'Épicerie solidaire', category: 'ess' });
		expect(quadrant(actors(doc)[0])).toBe('unplaced');
		placeActor(doc, id, { influence: 0.2, interest: 0.8 });
		expect(quadrant(actors(doc)[0])).toBe('keepInformed');
		// Given a place when added (the sample, an import), it is placed; older entries without the flag too.
		addActor(doc, { name: 'Mairie', category: 'local_authority', influence: 0.9, interest: 0.9 });
		expect(quadrant(actors(doc).find((a) => a.name === 'Mairie')!)).toBe('keyPlayers');
		(doc.getMap(BOARD.actors).get(id) as Y.Map<unknown>).delete('placed');
		expect(quadrant(actors(doc).find((a) => a.id === id)!)).toBe('keepInformed');
	});

	it('two actors added at the same moment on two phones never land exactly on each other', () => {
		// Two ids whose first free spot is the same one: what two phones adding at once can meet.
		const empty = new Y.Doc();
		const key = (p: { influence: number; interest: number }) => `${p.influence},${p.interest}`;
		const spotOf = new Map<string, string>();
		const clashes: [string, string][] = [];
		for (let i = 0; i < 400 && clashes.length < 20; i++) {
			const id = `actor${i}`;
			const first = key(freeSpot(empty, id, { nudge: false }));
			const other = spotOf.get(first);
			if (other) clashes.push([other, id]);
			else spotOf.set(first, id);
		}
		expect(clashes.length).toBeGreaterThan(0);
		for (const [a, b] of clashes) expect(key(freeSpot(empty, a)), `${a} and ${b}`).not.toBe(key(freeSpot(empty, b)));
	});

	it('adds an actor that reads back whole, edits it, places it', () => {
		const doc = new Y.Doc();
		const id = addActor(doc, { name: ' Mairie de Vaour ', category: 'local_authority', stages: ['consumption'], needs: ['food'], stance: 'ally', note: 'Porte la cantine' });
		updateActor(doc, id, { note: 'Porte la cantine bio', stance: null });
		placeActor(doc, id, { influence: 1.4, interest: 0.237 });
		expect(actors(doc)).toEqual([
			expect.objectContaining({ id, name: 'Mairie de Vaour', category: 'local_authority', stages: ['consumption'], needs: ['food'], note: 'Porte la cantine bio', influence: 1, interest: 0.24 })
		]);
		expect(actors(doc)[0].stance).toBeUndefined();
	});

	it('keeps both ticks when two people tick stages of the same actor at once', () => {
		const { a, b, sync } = twoDevices();
		const id = addActor(a, { name: 'Légumerie', category: 'processor' });
		sync();
		toggleActorList(a, id, 'stages', 'processing', true);
		toggleActorList(b, id, 'stages', 'logistics', true);
		toggleActorList(b, id, 'needs', 'work', true);
		sync();
		expect(actors(a)[0].stages.sort()).toEqual(['logistics', 'processing']);
		expect(actors(b)[0].needs).toEqual(['work']);
		toggleActorList(a, id, 'stages', 'processing', false);
		sync();
		expect(actors(b)[0].stages).toEqual(['logistics']);
	});

	it('deleting an actor takes its relations and its places in actions with it, nothing else', () => {
		const doc = new Y.Doc();
		const x = addActor(doc, { name: 'X', category: 'farmer' });
		const y = addActor(doc, { name: 'Y', category: 'catering' });
		const z = addActor(doc, { name: 'Z', category: 'funder' });
		addRelation(doc, { from: x, to: y, kind: 'supply' });
		const kept = addRelation(doc, { from: y, to: z, kind: 'funding' });
		const action = new Y.Map<unknown>();
		doc.getMap(BOARD.actions).set('act', action);
		action.set('lead', x);
		action.set('partners', Y.Array.from([x, z]));
		deleteActor(doc, x);
		expect(actors(doc).map((a) => a.name).sort()).toEqual(['Y', 'Z']);
		expect(relations(doc).map((r) => r.id)).toEqual([kept]);
		expect(action.get('lead')).toBeUndefined();
		expect((action.get('partners') as Y.Array<string>).toArray()).toEqual([z]);
	});
});

describe('landing spots', () => {
	it('puts new actors apart from each other on the grid', () => {
		const doc = new Y.Doc();
		for (let i = 0; i < 12; i++) addActor(doc, { name: `Acteur ${i}`, category: 'other' });
		const spots = actors(doc);
		for (let i = 0; i < spots.length; i++)
			for (let j = i + 1; j < spots.length; j++) {
				const [a, b] = [spots[i], spots[j]];
				expect(Math.abs(a.influence - b.influence) > 0.06 || Math.abs(a.interest - b.interest) > 0.2, `${a.name} / ${b.name}`).toBe(true);
			}
	});
});
