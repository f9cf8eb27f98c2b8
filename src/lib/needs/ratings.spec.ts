import { describe, expect, it } from 'vitest';
import { parseRatings, radarPoint, ratingStats, respondents } from './ratings';

describe('ratings', () => {
	it('keep only whole ratings from 1 to 5', () => {
		expect(
			parseRatings({
				a: { food: 3, health: 0, work: 6, equity: 2.5, future: '4' },
				b: 'nonsense',
				c: { food: 5 },
				d: {}
			})
		).toEqual({ a: { food: 3 }, c: { food: 5 } });
	});

	it('give count, mean, spread, range and histogram per need', () => {
		const stats = ratingStats({ a: { food: 1, health: 4 }, b: { food: 3 }, c: { food: 5 } }, ['food', 'health', 'work']);
		expect(stats[0]).toMatchObject({ need: 'food', count: 3, mean: 3, min: 1, max: 5, histogram: [1, 0, 1, 0, 1] });
		expect(stats[0].spread).toBeCloseTo(Math.sqrt(8 / 3), 10);
		expect(stats[1]).toMatchObject({ count: 1, mean: 4, spread: 0 });
		expect(stats[2]).toMatchObject({ count: 0, mean: null, spread: null, histogram: [0, 0, 0, 0, 0] });
	});

	it('count the people who answered at least one shown need', () => {
		expect(respondents({ a: { food: 1 }, b: { soils: 2 } }, ['food', 'health'])).toBe(1);
	});

	it('place radar points clockwise from the top', () => {
		const [x0, y0] = radarPoint(0, 4, 5, 5, 100, 0, 0);
		expect(x0).toBeCloseTo(0);
		expect(y0).toBeCloseTo(-100);
		const [x1, y1] = radarPoint(1, 4, 2.5, 5, 100, 0, 0);
		expect(x1).toBeCloseTo(50);
		expect(y1).toBeCloseTo(0);
		expect(radarPoint(2, 4, 9, 5, 100, 0, 0)[1]).toBeCloseTo(100);
	});
});
