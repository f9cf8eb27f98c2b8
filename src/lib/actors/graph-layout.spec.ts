import { describe, expect, it } from 'vitest';
import { layoutGraph } from './graph-layout';

const frame = { width: 1200, height: 700, margin: 10, box: { width: 180, height: 60 } };
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
		// Whole boxes inside the frame.
		for (const p of layout.values()) {
			expect(p.x - frame.box.width / 2).toBeGreaterThanOrEqual(frame.margin - 0.5);
			expect(p.x + frame.box.width / 2).toBeLessThanOrEqual(frame.width - frame.margin + 0.5);
			expect(p.y - frame.box.height / 2).toBeGreaterThanOrEqual(frame.margin - 0.5);
			expect(p.y + frame.box.height / 2).toBeLessThanOrEqual(frame.height - frame.margin + 0.5);
		}
		const points = [...layout.values()];
		// Boxes (circle and name) do not overlap much: apart by most of a box in x or in y.
		for (let i = 0; i < points.length; i++)
			for (let j = i + 1; j < points.length; j++) {
				const [p, q] = [points[i], points[j]];
				expect(Math.abs(p.x - q.x) > frame.box.width * 0.8 || Math.abs(p.y - q.y) > frame.box.height * 0.8).toBe(true);
			}
		expect(layoutGraph(ids, links, frame)).toEqual(layout);
	});

	it('keeps linked actors closer than unlinked ones (in boxes, a box being wider than high)', () => {
		const layout = layoutGraph(ids, links, frame);
		const at = (id: string) => {
			const p = layout.get(id)!;
			return { x: p.x / frame.box.width, y: p.y / frame.box.height };
		};
		expect(distance(at('d'), at('e'))).toBeLessThan(distance(at('d'), at('a')));
		expect(distance(at('a'), at('b'))).toBeLessThan(distance(at('a'), at('f')));
	});

	it('keeps 24 actors with long names apart in a projector-sized frame', () => {
		const many = Array.from({ length: 24 }, (_, i) => `n${i}`);
		const crowdLinks = Array.from({ length: 30 }, (_, i) => ({ from: many[i % 24], to: many[(i * 7 + 3) % 24] }));
		const big = { width: 1400, height: 720, margin: 8, box: { width: 320, height: 56 } };
		const layout = layoutGraph(many, crowdLinks, big);
		const points = [...layout.values()];
		let overlaps = 0;
		for (let i = 0; i < points.length; i++)
			for (let j = i + 1; j < points.length; j++)
				if (Math.abs(points[i].x - points[j].x) < big.box.width * 0.9 && Math.abs(points[i].y - points[j].y) < big.box.height * 0.9) overlaps++;
		expect(overlaps).toBeLessThanOrEqual(2);
	});

	it('moves the others little when one actor is added', () => {
		const before = layoutGraph(ids, links, frame);
		const after = layoutGraph([...ids, 'g'], [...links, { from: 'g', to: 'f' }], frame);
		const moved = ids.map((id) => distance(before.get(id)!, after.get(id)!));
		// Most stay where they were; none crosses the whole picture.
		expect(moved.filter((d) => d < frame.box.width).length).toBeGreaterThanOrEqual(ids.length - 2);
		expect(Math.max(...moved)).toBeLessThan(frame.width / 2);
		expect(layoutGraph([], [], frame).size).toBe(0);
	});
});
