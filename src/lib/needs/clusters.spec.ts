import { describe, expect, it } from 'vitest';
import { arrangeColumn } from './clusters';

const c = (id: string, clusterId?: string) => ({ id, need: 'food', text: id, authorId: 'p', createdAt: 1, clusterId });

describe('arrangeColumn', () => {
	it('puts contributions in their clusters, keeps the given order, oldest cluster first', () => {
		const clusters = [
			{ id: 'k2', need: 'food', label: 'Circuits courts', createdAt: 20 },
			{ id: 'k1', need: 'food', label: 'Cantines', createdAt: 10 },
			{ id: 'k3', need: 'health', label: 'Autre besoin', createdAt: 5 }
		];
		const layout = arrangeColumn([c('a', 'k2'), c('b'), c('c', 'k1'), c('d', 'k2'), c('e', 'gone'), c('f', 'k3')], clusters, 'food');
		expect(layout.groups.map((g) => [g.cluster.id, g.items.map((i) => i.id)])).toEqual([
			['k1', ['c']],
			['k2', ['a', 'd']]
		]);
		// A missing cluster or another need's cluster never hides a contribution.
		expect(layout.loose.map((i) => i.id)).toEqual(['b', 'e', 'f']);
	});

	it('shows empty clusters (just made, or emptied) so they can be filled or dissolved', () => {
		expect(arrangeColumn([], [{ id: 'k', need: 'food', label: 'Vide' }], 'food').groups).toHaveLength(1);
	});
});
