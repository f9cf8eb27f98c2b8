import { describe, expect, it } from 'vitest';
import { draftProblem, groupByNeed, needStyle, NEED_STYLES, visibleContributions } from './needs';

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

	it('gives a stable colour to needs added later', () => {
		expect(needStyle('food')).toBe(NEED_STYLES.food);
		expect(needStyle('soil')).toBe(needStyle('soil'));
	});
});

/** WCAG relative luminance contrast between two #rrggbb colours. */
function contrast(a: string, b: string): number {
	const lum = (hex: string) => {
		const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
		return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
	};
	const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

describe('need colours', () => {
	it('pass WCAG AA: the colour on paper and on its tint, the ink on the tint', () => {
		for (const [key, s] of Object.entries(NEED_STYLES)) {
			expect(contrast(s.color, '#f7f1e6'), key).toBeGreaterThanOrEqual(4.5);
			expect(contrast(s.color, s.tint), key).toBeGreaterThanOrEqual(4.5);
			expect(contrast('#2a2521', s.tint), key).toBeGreaterThanOrEqual(4.5);
		}
	});
});
