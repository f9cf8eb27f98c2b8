/**
 * Where the relation graph puts each actor: a force layout (d3-force), run to rest at once so
 * the picture does not wriggle on the projector, then fitted into the frame. It depends only on
 * the actors, their links and the frame: every screen and every reload draws the same picture,
 * and each actor starts from a place drawn from its id, so a new actor moves the others little.
 *
 * An actor is drawn as a circle with its name under it: a box much wider than high. The
 * simulation runs with the x axis squeezed by the box's width/height ratio, so that round
 * collision there keeps the wide boxes apart once stretched back.
 */
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';

export interface Point {
	x: number;
	y: number;
}

interface Node extends SimulationNodeDatum {
	id: string;
}

export interface Frame {
	width: number;
	height: number;
	/** Room kept free inside the frame's edge. */
	margin: number;
	/** The box one actor takes, its name included; positions are the boxes' centres. */
	box: { width: number; height: number };
}

/** A number in [0, 1) drawn from a string, the same everywhere. */
function unitHash(text: string, salt: number): number {
	let h = 2166136261 ^ salt;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
	return ((h >>> 0) % 100000) / 100000;
}

export function layoutGraph(ids: string[], links: { from: string; to: string }[], frame: Frame): Map<string, Point> {
	const out = new Map<string, Point>();
	if (ids.length === 0 || frame.width <= 0 || frame.height <= 0) return out;
	const { width, height, margin } = frame;
	const stretch = Math.max(1, frame.box.width / frame.box.height);
	const unit = frame.box.height;
	// Each actor starts at a place of its own (squeezed coordinates, centred on 0).
	const nodes: Node[] = ids.map((id) => ({
		id,
		x: (unitHash(id, 1) - 0.5) * (width / stretch) * 0.8,
		y: (unitHash(id, 2) - 0.5) * height * 0.8
	}));
	const known = new Set(ids);
	const edges = links.filter((l) => known.has(l.from) && known.has(l.to)).map((l) => ({ source: l.from, target: l.to }));
	// Pull towards the middle with the frame's proportions (in squeezed space), so it fills it.
	const aspect = width / stretch / height;
	// Box centres stay where the whole box fits in the frame (squeezed coordinates).
	const limitX = Math.max(0, (width / 2 - margin - frame.box.width / 2) / stretch);
	const limitY = Math.max(0, height / 2 - margin - frame.box.height / 2);
	const inside = () => {
		for (const n of nodes) {
			n.x = Math.max(-limitX, Math.min(limitX, n.x ?? 0));
			n.y = Math.max(-limitY, Math.min(limitY, n.y ?? 0));
		}
	};
	const simulation = forceSimulation(nodes)
		.force('link', forceLink<Node, { source: string; target: string }>(edges).id((n) => n.id).distance(unit * 1.3).strength(0.7))
		.force('charge', forceManyBody().strength(-unit * 6).distanceMax(unit * 6))
		.force('collide', forceCollide(unit * 0.56).iterations(3))
		.force('x', forceX(0).strength(0.06 / aspect))
		.force('y', forceY(0).strength(0.06 * aspect))
		.force('inside', inside)
		.stop();
	simulation.tick(300);

	const xs = nodes.map((n) => (n.x ?? 0) * stretch);
	const ys = nodes.map((n) => n.y ?? 0);
	const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
	const spanX = Math.max(maxX - minX, 1);
	const spanY = Math.max(maxY - minY, 1);
	// Fit into the frame without stretching one axis more than the other, centred; a sparse
	// graph is spread a little, a crowded one already fills the frame.
	const roomX = width - 2 * margin - frame.box.width;
	const roomY = height - 2 * margin - frame.box.height;
	const scale = Math.max(0, Math.min(roomX / spanX, roomY / spanY, 1.5));
	const offsetX = (width - spanX * scale) / 2;
	const offsetY = (height - spanY * scale) / 2;
	nodes.forEach((n, i) => out.set(n.id, { x: offsetX + (xs[i] - minX) * scale, y: offsetY + (ys[i] - minY) * scale }));
	return out;
}
