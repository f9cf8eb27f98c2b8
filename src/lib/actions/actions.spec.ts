import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { actionSchema, BOARD, commitmentSchema, readEntities } from '$lib/schema';
import { byRank, columns, coverage, isOverdue, rankAt, rankAtEnd, titleProblem, today } from './actions';
import { actionText, addAction, addCommitment, deleteAction, moveAction, setActionField, toggleActionList } from './mutations';
import { twoDevices } from '$lib/testing/docs';

const read = (doc: Y.Doc) => readEntities(doc.getMap(BOARD.actions), actionSchema);


describe('ranks', () => {
	it('puts a card between, before or after the others', () => {
		const column = [{ id: 'x', rank: 'a0' }, { id: 'y', rank: 'a1' }];
		const first = rankAt(column, 0);
		const middle = rankAt(column, 1);
		const last = rankAtEnd(column);
		expect(first < 'a0').toBe(true);
		expect(middle > 'a0' && middle < 'a1').toBe(true);
		expect(last > 'a1').toBe(true);
		expect(rankAt([], 0)).toBe('a0');
	});

	it('copes with equal or broken ranks from other clients', () => {
		expect(rankAt([{ id: 'x', rank: 'a0' }, { id: 'y', rank: 'a0' }], 1) > 'a0').toBe(true);
		expect(() => rankAt([{ id: 'x', rank: '!!' }], 1)).not.toThrow();
		// Equal ranks are ordered by id, the same everywhere.
		expect([{ id: 'b', rank: 'a0' }, { id: 'a', rank: 'a0' }].sort(byRank).map((c) => c.id)).toEqual(['a', 'b']);
	});
});

describe('actions between two people at once', () => {
	it('a card moved to two columns at once ends in one place, the same on both', () => {
		const { a, b, sync } = twoDevices();
		const id = addAction(a, { title: 'Légumerie partagée', status: 'idea', rank: 'a0' });
		sync();
		moveAction(a, id, { status: 'planned', rank: 'a5' });
		moveAction(b, id, { status: 'done', rank: 'a7' });
		sync();
		const [onA, onB] = [read(a)[0], read(b)[0]];
		expect({ status: onA.status, rank: onA.rank }).toEqual({ status: onB.status, rank: onB.rank });
		expect([['planned', 'a5'], ['done', 'a7']]).toContainEqual([onA.status, onA.rank]);
	});

	it('two people typing into the same description lose no character', () => {
		const { a, b, sync } = twoDevices();
		const id = addAction(a, { title: 'Cantine bio', status: 'idea', rank: 'a0', texts: { detail: 'Servir ' } });
		sync();
		actionText(a, id, 'detail')!.insert(7, 'des légumes locaux');
		actionText(b, id, 'detail')!.insert(0, 'Chaque jour : ');
		sync();
		expect(read(a)[0].detail).toBe('Chaque jour : Servir des légumes locaux');
		expect(read(b)[0].detail).toBe(read(a)[0].detail);
	});

	it('two cards dropped at the same place both stay, in the same order everywhere', () => {
		const { a, b, sync } = twoDevices();
		const x = addAction(a, { title: 'X', status: 'idea', rank: 'a0' });
		const y = addAction(a, { title: 'Y', status: 'idea', rank: 'a1' });
		const p = addAction(a, { title: 'P', status: 'planned', rank: 'a0' });
		const q = addAction(a, { title: 'Q', status: 'planned', rank: 'a1' });
		sync();
		const between = rankAt(columns(read(a)).idea.filter((c) => c.id !== p), 1);
		moveAction(a, p, { status: 'idea', rank: between });
		moveAction(b, q, { status: 'idea', rank: rankAt(columns(read(b)).idea, 1) });
		sync();
		const order = (doc: Y.Doc) => columns(read(doc)).idea.map((c) => c.id);
		expect(order(a)).toEqual(order(b));
		expect(order(a)[0]).toBe(x);
		expect(order(a)[3]).toBe(y);
	});
});

describe('action fields', () => {
	it('links needs, a lead (never also a partner) and partners; deleting takes its commitments', () => {
		const doc = new Y.Doc();
		const id = addAction(doc, { title: 'Plateforme', status: 'idea', rank: 'a0', needs: ['food'] });
		toggleActionList(doc, id, 'needs', 'work', true);
		toggleActionList(doc, id, 'partners', 'actorA', true);
		toggleActionList(doc, id, 'partners', 'actorB', true);
		setActionField(doc, id, 'lead', 'actorA');
		setActionField(doc, id, 'due', '2027-03-01');
		expect(read(doc)[0]).toMatchObject({ needs: ['food', 'work'], lead: 'actorA', partners: ['actorB'], due: '2027-03-01' });
		addCommitment(doc, { actionId: id, participantId: 'p1', role: 'partner', brings: ['land', 'bogus'], text: 'Un hectare' });
		expect(readEntities(doc.getMap(BOARD.commitments), commitmentSchema)[0]).toMatchObject({ role: 'partner', brings: ['land'], text: 'Un hectare' });
		deleteAction(doc, id);
		expect(read(doc)).toEqual([]);
		expect(doc.getMap(BOARD.commitments).size).toBe(0);
	});

	it('refuses empty or over-long titles and flags past due dates', () => {
		expect(titleProblem('   ')).toBe('empty');
		expect(titleProblem('x'.repeat(141))).toBe('tooLong');
		expect(titleProblem('Une légumerie')).toBeNull();
		expect(isOverdue({ due: '2020-01-01', status: 'planned' }, '2026-11-29')).toBe(true);
		expect(isOverdue({ due: '2020-01-01', status: 'done' }, '2026-11-29')).toBe(false);
		expect(isOverdue({ due: '2026-11-29', status: 'doing' }, '2026-11-29')).toBe(false);
		expect(today(new Date(2026, 10, 9))).toBe('2026-11-09');
	});
});

describe('coverage', () => {
	it('shows which needs no action answers, actions without a lead, actors in no action', () => {
		const actions = [
			{ id: 'a1', needs: ['food', 'work'], lead: 'mairie', partners: ['ferme'] },
			{ id: 'a2', needs: ['food'], lead: 'gone', partners: [] },
			{ id: 'a3', needs: [], partners: [] }
		];
		const result = coverage(['food', 'health', 'work'], actions, [{ id: 'mairie' }, { id: 'ferme' }, { id: 'cocagne' }, { id: 'region' }], [{ actorId: 'region', actionId: 'a3', role: 'partner' }]);
		expect(result.byNeed).toEqual({ food: ['a1', 'a2'], health: [], work: ['a1'] });
		expect(result.uncoveredNeeds).toEqual(['health']);
		expect(result.withoutLead).toEqual(['a2', 'a3']);
		expect(result.idleActors).toEqual(['cocagne']);
		// A person who commits as lead in their own name leads the action too.
		const led = coverage(['food'], actions, [{ id: 'mairie' }], [{ actionId: 'a3', role: 'lead' }]);
		expect(led.withoutLead).toEqual(['a2']);
	});
});
