import { contrast } from '$lib/contrast';
import { describe, expect, it } from 'vitest';
import {
	draftProblem,
	EXTRA_NEED_STYLES,
	groupByNeed,
	needKeyFor,
	needLabel,
	needStyle,
	NEED_STYLES,
	newNeedProblem,
	sameLabel,
	sessionNeeds,
	visibleContributions
} from './needs';

const c = (id: string, need: string, createdAt: number) => ({ id, need, text: id, authorId: 'p', createdAt });

describe('needs board logic', () => {
	it('drops hidden contributions and keeps the order they were said in', () => {
		const all = [c('b', 'food', 2), c('a', 'food', 1), c('h', 'health', 0)];
		expect(visibleContributions(all, new Set(['h'])).map((x) => x.id)).toEqual(['a', 'b']);
	});

	it('groups by need with every default need present', () => {
		const groups = groupByNeed([c('x', 'health', 3), c('y', 'soil', 1)]);
		expect(Object.keys(groups)).toEqual(['food', 'health', 'work', 'equity', 'future', 'soil']);
		expect(groups.food).toEqual([]);
		expect(groups.health.map((x) => x.id)).toEqual(['x']);
	});

	it('explains why a draft cannot be posted', () => {
		expect(draftProblem('   ', 280)).toBe('empty');
		expect(draftProblem('é'.repeat(281), 280)).toBe('tooLong');
		expect(draftProblem('é'.repeat(280), 280)).toBeNull();
	});

	it('gives added needs the palette in the order they were added', () => {
		expect(needStyle('food')).toBe(NEED_STYLES.food);
		const needs = sessionNeeds({ zeta: { label: 'Mobilité', order: 6 }, biodiversity: { order: 5 } });
		expect(needs.map((n) => n.key)).toEqual(['food', 'health', 'work', 'equity', 'future', 'biodiversity', 'zeta']);
		expect(needs[5].style).toBe(EXTRA_NEED_STYLES[0]);
		expect(needs[6].style).toBe(EXTRA_NEED_STYLES[1]);
		// Moved before the need added first, a need keeps its colour.
		const moved = sessionNeeds({ zeta: { label: 'Mobilité', order: 4.5, palette: 1 }, biodiversity: { order: 5, palette: 0 } });
		expect(moved.find((n) => n.key === 'zeta')!.style).toBe(EXTRA_NEED_STYLES[1]);
		expect(moved.find((n) => n.key === 'biodiversity')!.style).toBe(EXTRA_NEED_STYLES[0]);
	});
});

describe('session needs', () => {
	it('are the five defaults when the facilitator set nothing', () => {
		const needs = sessionNeeds({});
		expect(needs.map((n) => [n.key, n.enabled, n.label])).toEqual([
			['food', true, null],
			['health', true, null],
			['work', true, null],
			['equity', true, null],
			['future', true, null]
		]);
	});

	it('apply renames, switches and order; ignore entries that do not parse', () => {
		const needs = sessionNeeds({
			health: { enabled: false, order: 1 },
			food: { label: 'Alimentation', order: 9 },
			'BAD KEY': { label: 'x', order: 0 },
			custom: { order: 3 },
			broken: 'not an object',
			ties: { label: 'Solidarités', enabled: true, order: 7 }
		});
		expect(needs.map((n) => n.key)).toEqual(['health', 'work', 'equity', 'future', 'ties', 'food']);
		expect(needs.find((n) => n.key === 'health')!.enabled).toBe(false);
		const t = (k: string) => `«${k}»`;
		expect(needLabel(needs.find((n) => n.key === 'food')!, t)).toBe('Alimentation');
		expect(needLabel(needs.find((n) => n.key === 'work')!, t, true)).toBe('«needs.short.work»');
		expect(needLabel(needs.find((n) => n.key === 'ties')!, t)).toBe('Solidarités');
	});

	it('refuse empty, too long, duplicate (ignoring case and accents) and too many', () => {
		const labels = ['Se nourrir', 'Équité sociale'];
		expect(newNeedProblem('  ', labels, 5)).toBe('empty');
		expect(newNeedProblem('x'.repeat(41), labels, 5)).toBe('tooLong');
		expect(newNeedProblem('equite  SOCIALE', labels, 5)).toBe('duplicate');
		expect(newNeedProblem('Mobilité', labels, 10)).toBe('tooMany');
		expect(newNeedProblem('Mobilité', labels, 5)).toBeNull();
		expect(sameLabel('Générations futures', 'generations Futures')).toBe(true);
	});

	it('make stable, unique, URL-safe keys from labels', () => {
		expect(needKeyFor('Lien social & entraide', [])).toBe('lien-social-entraide');
		expect(needKeyFor('Mobilité', ['mobilite'])).toBe('mobilite-2');
		expect(needKeyFor('!!!', [])).toBe('need');
	});
});

describe('need colours', () => {
	it('pass WCAG AA: the colour on paper and on its tint, the ink on the tint', () => {
		for (const [key, s] of [...Object.entries(NEED_STYLES), ...EXTRA_NEED_STYLES.map((s, i) => [`extra${i}`, s] as const)]) {
			expect(contrast(s.color, '#f7f1e6'), key).toBeGreaterThanOrEqual(4.5);
			expect(contrast(s.color, s.tint), key).toBeGreaterThanOrEqual(4.5);
			expect(contrast('#2a2521', s.tint), key).toBeGreaterThanOrEqual(4.5);
		}
	});
});
