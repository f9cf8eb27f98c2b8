/**
 * Where the relation graph puts each actor: a force layout (d3-force), run to rest at once so
 * the picture does not wriggle on the projector, seeded with the previous positions so adding
 * one actor does not reshuffle the others, then fitted into the frame.
 */
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';

export interface Point {
	x: number;
	y: number;
}

interface Node extends SimulationNodeDatum {
	id: string;
}

export function layoutGraph(
	ids: string[],
	links: { from: string; to: string }[],
	frame: { width: number; height: number; margin: number; radius: number },
	previous: Map<string, Point> = new Map()
): Map<string, Point> {
	const out = new Map<string, Point>();
	if (ids.length === 0 || frame.width <= 0 || frame.height <= 0) return out;
	const { width, height, margin } = frame;
	// Previous positions are in frame coordinates: back to the simulation's, centred on 0.
	const nodes: Node[] = ids.map((id) => {
		const p = previous.get(id);
		return p ? { id, x: p.x - width / 2, y: p.y - height / 2 } : { id };
	});
	const known = new Set(ids);
	const edges = links.filter((l) => known.has(l.from) && known.has(l.to)).map((l) => ({ source: l.from, target: l.to }));
	const aspect = width / height;
	const simulation = forceSimulation(nodes)
		.force('link', forceLink<Node, { source: string; target: string }>(edges).id((n) => n.id).distance(frame.radius * 4).strength(0.8))
		.force('charge', forceManyBody().strength(-frame.radius * 12).distanceMax(frame.radius * 12))
		.force('collide', forceCollide(frame.radius * 2.2))
		// A wide frame: pull less sideways than up and down, so the graph fills it.
		.force('x', forceX(0).strength(0.08 / aspect))
		.force('y', forceY(0).strength(0.08 * aspect))
		.force('center', forceCenter(0, 0))
		.stop();
	simulation.tick(previous.size > 0 ? 120 : 300);

	const xs = nodes.map((n) => n.x ?? 0);
	const ys = nodes.map((n) => n.y ?? 0);
	const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
	const spanX = Math.max(maxX - minX, 1);
	const spanY = Math.max(maxY - minY, 1);
	// Fit into the frame without stretching one axis more than the other, centred.
	const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY, 1.6);
	const offsetX = (width - spanX * scale) / 2;
	const offsetY = (height - spanY * scale) / 2;
	for (const n of nodes) out.set(n.id, { x: offsetX + ((n.x ?? 0) - minX) * scale, y: offsetY + ((n.y ?? 0) - minY) * scale });
	return out;
}
