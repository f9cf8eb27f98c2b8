import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD, contributionSchema, readEntities } from '$lib/schema';
import { duplicateRoots, duplicatesByRoot, foldVotes } from './duplicates';
import { addContribution, markDuplicate } from './mutations';
import { tally } from './votes';

const c = (id: string, createdAt: number, sameAs?: string, need = 'food') => ({ id, need, text: id, authorId: 'p', createdAt, sameAs });

describe('duplicateRoots', () => {
	it('folds a duplicate under the end of its chain', () => {
		const roots = duplicateRoots([c('a', 1), c('b', 2, 'a'), c('d', 4, 'b'), c('e', 5)]);
		expect(Object.fromEntries(roots)).toEqual({ b: 'a', d: 'a' });
		expect([...duplicatesByRoot([c('a', 1), c('d', 4, 'b'), c('b', 2, 'a')], roots).get('a')!].map((x) => x.id)).toEqual(['b', 'd']);
	});

	it('lets a duplicate stand alone when what it points to is gone, hidden or in another need', () => {
		const all = [c('a', 1), c('b', 2, 'gone'), c('x', 3, 'a', 'health'), c('d', 4, 'a')];
		expect(Object.fromEntries(duplicateRoots(all))).toEqual({ d: 'a' });
		expect(duplicateRoots(all, new Set(['a'])).size).toBe(0);
	});

	it('breaks a ring (two people marking each other at once) at its oldest member', () => {
		const roots = duplicateRoots([c('b', 2, 'a'), c('a', 1, 'b'), c('z', 3, 'a')]);
		expect(roots.has('a')).toBe(false);
		expect(roots.get('b')).toBe('a');
	});
});

describe('foldVotes', () => {
	it("counts a duplicate's dots for its root, still within each person's budget", () => {
		const data = { a: { p1: 2 }, b: { p1: 2, p2: 1 }, e: { p1: 3 } };
		const folded = foldVotes(data, new Map([['b', 'a']]));
		expect(folded).toEqual({ a: { p1: 4, p2: 1 }, e: { p1: 3 } });
		const counted = tally(folded, { budget: 5, stack: true }, ['a', 'e']);
		expect(counted.totals).toEqual({ a: 5, e: 1 });
		expect(counted.spent).toEqual({ p1: 5, p2: 1 });
	});
});

describe('markDuplicate', () => {
	function board() {
		const doc = new Y.Doc();
		const ids = ['first', 'second', 'third'].map((text, i) => addContribution(doc, { need: 'food', text, authorId: 'p', now: i }));
		const sameAs = (id: string) => (doc.getMap(BOARD.contributions).get(id) as Y.Map<unknown>).get('sameAs');
		return { doc, ids, sameAs };
	}

	it('marks onto the root; what was folded under a card comes back with it when it is separated', () => {
		const { doc, ids: [a, b, d], sameAs } = board();
		markDuplicate(doc, d, b);
		markDuplicate(doc, b, a);
		expect([sameAs(b), sameAs(d)]).toEqual([a, b]);
		const all = readEntities(doc.getMap(BOARD.contributions), contributionSchema);
		expect(Object.fromEntries(duplicateRoots(all))).toEqual({ [b]: a, [d]: a });
		markDuplicate(doc, b, null);
		expect(sameAs(b)).toBeUndefined();
		const after = readEntities(doc.getMap(BOARD.contributions), contributionSchema);
		expect(Object.fromEntries(duplicateRoots(after))).toEqual({ [d]: b });
	});

	it('turns the pair round rather than making a ring, and refuses itself or another need', () => {
		const { doc, ids: [a, b], sameAs } = board();
		markDuplicate(doc, b, a);
		markDuplicate(doc, a, b);
		expect([sameAs(a), sameAs(b)]).toEqual([b, undefined]);
		markDuplicate(doc, a, a);
		expect(sameAs(a)).toBe(b);
		const other = addContribution(doc, { need: 'health', text: 'autre', authorId: 'p' });
		markDuplicate(doc, other, a);
		expect(sameAs(other)).toBeUndefined();
	});
});
