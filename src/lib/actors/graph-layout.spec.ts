import { describe, expect, it } from 'vitest';
import { layoutGraph } from './graph-layout';

const frame = { width: 1200, height: 700, margin: 80, radius: 30 };
const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
const links = [
	{ from: 'a', to: 'b' },
	{ from: 'b', to: 'c' },
	{ from: 'a', to: 'c' },
	{ from: 'd', to: 'e' },
	{ from: 'x', to: 'a' }
];
const distance = (p: { x: number; y: number }, q: { x: number; y: number }) => Math.hypot(p.x - q.x, p.y - q.y);

describe('layoutGraph', () => {
	it('places every actor inside the frame, apart from each other, the same way each time', () => {
		const layout = layoutGraph(ids, links, frame);
		expect([...layout.keys()].sort()).toEqual(ids);
		for (const p of layout.values()) {
			expect(p.x).toBeGreaterThanOrEqual(frame.margin - 0.5);
			expect(p.x).toBeLessThanOrEqual(frame.width - frame.margin + 0.5);
			expect(p.y).toBeGreaterThanOrEqual(frame.margin - 0.5);
			expect(p.y).toBeLessThanOrEqual(frame.height - frame.margin + 0.5);
		}
		const points = [...layout.values()];
		for (let i = 0; i < points.length; i++) for (let j = i + 1; j < points.length; j++) expect(distance(points[i], points[j])).toBeGreaterThan(frame.radius * 1.5);
		expect(layoutGraph(ids, links, frame)).toEqual(layout);
	});

	it('keeps linked actors closer than unlinked ones', () => {
		const layout = layoutGraph(ids, links, frame);
		const at = (id: string) => layout.get(id)!;
		expect(distance(at('d'), at('e'))).toBeLessThan(distance(at('d'), at('a')));
		expect(distance(at('a'), at('b'))).toBeLessThan(distance(at('a'), at('f')));
	});

	it('moves the others little when one actor is added', () => {
		const before = layoutGraph(ids, links, frame);
		const after = layoutGraph([...ids, 'g'], [...links, { from: 'g', to: 'f' }], frame, before);
		const moved = ids.map((id) => distance(before.get(id)!, after.get(id)!));
		expect(Math.max(...moved)).toBeLessThan(frame.width / 3);
		expect(layoutGraph([], [], frame).size).toBe(0);
	});
});
