import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { actionSchema, actorSchema, agendaStepSchema, BOARD, CONTROL, readEntities } from '$lib/schema';
import { addActor } from '$lib/actors/mutations';
import { addAction, setActionField } from '$lib/actions/mutations';
import { addContribution, addNeed } from '$lib/needs/mutations';
import { addStep } from './mutations';
import { carryForward } from './series';

function last() {
	const control = new Y.Doc();
	const board = new Y.Doc();
	addNeed(control, { key: 'mobilite', label: 'Mobilité', order: 6 });
	addStep(control, { activity: 'actors', title: 'Qui agit ?', minutes: 20, rank: 'a0' });
	const farm = addActor(board, { name: 'Ferme du Bocage', category: 'farmer' });
	const action = addAction(board, { title: 'Légumerie', status: 'doing', rank: 'a0', texts: { detail: 'Au lycée' } });
	setActionField(board, action, 'lead', farm);
	addContribution(board, { need: 'food', text: 'Dite la dernière fois', authorId: 'p1' });
	return { control, board };
}

describe('carryForward', () => {
	it('takes needs, agenda, actors and actions; leaves contributions behind', () => {
		const to = { control: new Y.Doc(), board: new Y.Doc() };
		carryForward(last(), to, { needs: true, agenda: true, actors: true, actions: true });
		expect(to.control.getMap(CONTROL.needs).has('mobilite')).toBe(true);
		expect(readEntities(to.control.getMap(CONTROL.agenda), agendaStepSchema).map((s) => s.title)).toEqual(['Qui agit ?']);
		expect(readEntities(to.board.getMap(BOARD.actors), actorSchema).map((a) => a.name)).toEqual(['Ferme du Bocage']);
		const [action] = readEntities(to.board.getMap(BOARD.actions), actionSchema);
		expect(action).toMatchObject({ title: 'Légumerie', detail: 'Au lycée', status: 'doing' });
		expect(action.lead).toBeDefined();
		expect(to.board.getMap(BOARD.contributions).size).toBe(0);
		expect(to.board.getMap(BOARD.votes).has(action.id)).toBe(true);
	});

	it('actions without their actors name nobody', () => {
		const to = { control: new Y.Doc(), board: new Y.Doc() };
		carryForward(last(), to, { needs: false, agenda: false, actors: false, actions: true });
		const [action] = readEntities(to.board.getMap(BOARD.actions), actionSchema);
		expect(action.lead).toBeUndefined();
		expect(to.board.getMap(BOARD.actors).size).toBe(0);
		expect(to.control.getMap(CONTROL.needs).size).toBe(0);
	});
});
