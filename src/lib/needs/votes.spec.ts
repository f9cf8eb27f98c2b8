import { describe, expect, it } from 'vitest';
import { ranking, tally, topWithTies } from './votes';

describe('tally', () => {
	it('counts dots per target and per participant', () => {
		const t = tally({ a: { p1: 1, p2: 1 }, b: { p1: 1 } }, { budget: 5, stack: false }, ['a', 'b', 'c']);
		expect(t.totals).toEqual({ a: 2, b: 1, c: 0 });
		expect(t.spent).toEqual({ p1: 2, p2: 1 });
		expect(t.voters).toBe(2);
	});

	it('caps a participant at the budget, the same way on every client', () => {
		// Two tabs of p1 spent 3 dots each at once: 6 stored, budget 4.
		const data = { d: { p1: 1 }, a: { p1: 1 }, c: { p1: 1 }, b: { p1: 1 }, f: { p1: 1 }, e: { p1: 1 } };
		const t = tally(data, { budget: 4, stack: false }, ['f', 'e', 'd', 'c', 'b', 'a']);
		expect(t.spent.p1).toBe(4);
		expect(t.totals).toEqual({ a: 1, b: 1, c: 1, d: 1, e: 0, f: 0 });
		// Another client sees the targets in another order: same result.
		expect(tally(data, { budget: 4, stack: false }, ['a', 'b', 'c', 'd', 'e', 'f']).totals).toEqual(t.totals);
	});

	it('stacks dots on one item only when allowed, and never beyond the budget', () => {
		const data = { a: { p1: 4 }, b: { p1: 3 } };
		expect(tally(data, { budget: 5, stack: false }, ['a', 'b']).totals).toEqual({ a: 1, b: 1 });
		const stacked = tally(data, { budget: 5, stack: true }, ['a', 'b']);
		expect(stacked.totals).toEqual({ a: 4, b: 1 });
		expect(stacked.byParticipant.p1).toEqual({ a: 4, b: 1 });
	});

	it('ignores deleted targets, negative or fractional counts', () => {
		const t = tally({ gone: { p1: 3 }, a: { p1: -2, p2: 1.5, p3: 1 } }, { budget: 3, stack: true }, ['a']);
		expect(t.totals).toEqual({ a: 1 });
		expect(t.spent).toEqual({ p3: 1 });
	});
});

describe('ranking', () => {
	it('orders by dots, ties in the order given, and leaves out items without dots', () => {
		expect(ranking({ a: 1, b: 3, c: 1, d: 0 }, ['c', 'a', 'b', 'd'])).toEqual([
			{ id: 'b', dots: 3 },
			{ id: 'c', dots: 1 },
			{ id: 'a', dots: 1 }
		]);
	});
});

describe('topWithTies', () => {
	it('keeps every item tied with the last place shown, and no more', () => {
		const ranked = [5, 4, 3, 3, 3, 2].map((dots, i) => ({ id: `c${i}`, dots }));
		expect(topWithTies(ranked, 3).map((r) => r.id)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
		expect(topWithTies(ranked, 2).map((r) => r.id)).toEqual(['c0', 'c1']);
		expect(topWithTies(ranked, 10)).toHaveLength(6);
	});
});

