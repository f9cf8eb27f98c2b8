import { describe, expect, it } from 'vitest';
import { contrast } from '$lib/contrast';
import { CATEGORY_COLORS } from './categories';
import { actorImpact, actorNameProblem, clampUnit, findDuplicate, laneLayout, liveRelations, missingCategories, nameKey, quadrant, relationProblem } from './actors';
import { actorSchema, type Actor, type ActorCategory, type Entity, type FoodChainStage } from '$lib/schema';

const actor = (id: string, name: string, category: ActorCategory = 'other', stages: FoodChainStage[] = []): Entity<Actor> => ({
	...actorSchema.parse({ name, category, stages }),
	id
});

describe('duplicate names', () => {
	const registry = [actor('a', 'Jardins de Cocagne'), actor('b', 'Mairie de Saint-Étienne')];

	it('ignores case, accents, punctuation and spacing', () => {
		expect(nameKey('  Mairie de  SAINT ETIENNE! ')).toBe(nameKey('Mairie de Saint-Étienne'));
		expect(findDuplicate('jardins de cocagne', registry)?.id).toBe('a');
		expect(findDuplicate('mairie de saint etienne', registry)?.id).toBe('b');
		expect(findDuplicate('Jardins de Cocagne Vendée', registry)).toBeUndefined();
	});

	it('lets an actor keep its own name when edited, and refuses empty or over-long names', () => {
		expect(actorNameProblem('Jardins de cocagne', registry, 'a')).toBeNull();
		expect(actorNameProblem('JARDINS DE COCAGNE', registry)).toBe('duplicate');
		expect(actorNameProblem(' - ', registry)).toBe('empty');
		expect(actorNameProblem('x'.repeat(81), registry)).toBe('tooLong');
	});
});

describe('who is missing', () => {
	it('lists the categories with nobody, never "other"', () => {
		const missing = missingCategories([actor('a', 'Mairie', 'local_authority'), actor('b', 'Ferme', 'farmer')]);
		expect(missing).toContain('catering');
		expect(missing).toContain('association');
		expect(missing).not.toContain('local_authority');
		expect(missing).not.toContain('farmer');
		expect(missing).not.toContain('other');
		expect(missingCategories([])).toHaveLength(11);
	});
});

describe('food-chain lanes', () => {
	it('puts each actor in every stage it works in, in chain order, and names the holes', () => {
		const layout = laneLayout([
			actor('f', 'Ferme du Bocage', 'farmer', ['production', 'sale']),
			actor('c', 'Cuisine centrale', 'catering', ['consumption']),
			actor('a', 'Amap des Collines', 'association', ['sale', 'awareness']),
			actor('x', 'Sans étape')
		]);
		expect(layout.lanes.map((l) => l.stage)).toEqual(['production', 'processing', 'logistics', 'distribution', 'sale', 'consumption', 'awareness', 'environment']);
		expect(layout.lanes.find((l) => l.stage === 'sale')!.actors.map((a) => a.id)).toEqual(['a', 'f']);
		expect(layout.holes).toEqual(['processing', 'logistics', 'distribution', 'environment']);
		expect(layout.unplaced.map((a) => a.id)).toEqual(['x']);
	});
});

describe('grid and relations', () => {
	it('names the quadrant, the middle counting as high', () => {
		expect(quadrant({ influence: 0.9, interest: 0.9 })).toBe('keyPlayers');
		expect(quadrant({ influence: 0.9, interest: 0.1 })).toBe('keepSatisfied');
		expect(quadrant({ influence: 0.2, interest: 0.5 })).toBe('keepInformed');
		expect(quadrant({ influence: 0.49, interest: 0.49 })).toBe('monitor');
		expect([clampUnit(1.7), clampUnit(-2), clampUnit(0.456), clampUnit(Number.NaN)]).toEqual([1, 0, 0.46, 0.5]);
	});

	it('refuses a relation to itself, to a missing actor, or one that exists (both ways when undirected)', () => {
		const actors = [actor('a', 'A'), actor('b', 'B')];
		const existing = [{ from: 'a', to: 'b', kind: 'cooperation' as const }, { from: 'a', to: 'b', kind: 'supply' as const }];
		expect(relationProblem({ from: 'a', to: 'a', kind: 'conflict' }, actors, existing)).toBe('self');
		expect(relationProblem({ from: 'a', to: 'gone', kind: 'conflict' }, actors, existing)).toBe('missing');
		expect(relationProblem({ from: 'b', to: 'a', kind: 'cooperation' }, actors, existing)).toBe('duplicate');
		expect(relationProblem({ from: 'b', to: 'a', kind: 'supply' }, actors, existing)).toBeNull();
		expect(relationProblem({ from: 'a', to: 'b', kind: 'funding' }, actors, existing)).toBeNull();
	});

	it('never draws a relation to a deleted actor, and says what a deletion touches', () => {
		const relations = [{ from: 'a', to: 'b' }, { from: 'a', to: 'gone' }, { from: 'c', to: 'a' }];
		expect(liveRelations(relations, [{ id: 'a' }, { id: 'b' }])).toEqual([{ from: 'a', to: 'b' }]);
		expect(actorImpact('a', relations, [{ lead: 'a', partners: [] }, { partners: ['a', 'b'] }, { lead: 'b', partners: [] }])).toEqual({ relations: 3, leads: 1, partners: 1 });
	});
});

describe('actor schema', () => {
	it('reads an entry from a newer client: unknown stages and category fall back, nothing fails', () => {
		const parsed = actorSchema.parse({ name: 'Coop', category: 'spaceport', stages: ['sale', 'teleport', 'sale'], influence: 7 });
		expect(parsed).toMatchObject({ category: 'other', stages: ['sale'], influence: 0.5, interest: 0.5, needs: [] });
	});
});

describe('category colours', () => {
	it('carry white text and stand out on the page (WCAG AA)', () => {
		for (const [category, color] of Object.entries(CATEGORY_COLORS)) {
			expect(contrast(color, '#ffffff'), category).toBeGreaterThanOrEqual(4.5);
			expect(contrast(color, '#f7f1e6'), category).toBeGreaterThanOrEqual(4.5);
		}
	});
});
