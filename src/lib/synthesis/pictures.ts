/**
 * The synthesis' pictures as SVG text, drawn from the synthesis alone (no browser): the radar of
 * how the needs are met, the influence × interest grid, the relation graph. The server turns them
 * into PNG for Word and PDF. Same colours as the screens; every picture has its figures in a
 * table next to it, so nothing is said by the picture only.
 */
import { wordsFor, type MessageKey } from '$lib/i18n/messages';
import { RATING_MAX } from '$lib/schema';
import { radarPoint } from '$lib/needs/ratings';
import { categoryColor } from '$lib/actors/categories';
import { layoutGraph } from '$lib/actors/graph-layout';
import { KIND_STYLE } from '$lib/actors/relation-style';
import type { Picture } from './blocks';
import type { Synthesis } from './synthesis';

const FONT = `font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif"`;
const INK = '#2b2620';
const MUTED = '#6b6256';
const LINE = '#d8cdb9';

export const PICTURE_SIZE: Record<Picture, { width: number; height: number }> = {
	radar: { width: 1000, height: 620 },
	grid: { width: 900, height: 640 },
	graph: { width: 1400, height: 760 }
};

const GRID_NAMES = 40;
const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const short = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
const svg = (p: Picture, body: string) => {
	const { width, height } = PICTURE_SIZE[p];
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="#fffdf8"/>${body}</svg>`;
};

function radar(s: Synthesis): string {
	const rows = s.radar.rows;
	const n = rows.length;
	const [cx, cy, r] = [320, 320, 215];
	const rings = Array.from({ length: RATING_MAX }, (_, k) => {
		const pts = rows.map((_, i) => radarPoint(i, n, k + 1, RATING_MAX, r, cx, cy).join(',')).join(' ');
		return `<polygon points="${pts}" fill="none" stroke="${LINE}" stroke-width="1.5"/>`;
	}).join('');
	const axes = rows
		.map((row, i) => {
			const [x, y] = radarPoint(i, n, RATING_MAX, RATING_MAX, r, cx, cy);
			return `<line x1="${cx}" y1="${cy}" x2="${x}" y2="${y}" stroke="${LINE}"/><circle cx="${x}" cy="${y}" r="12" fill="${row.color}"/>`;
		})
		.join('');
	const means = rows.map((row, i) => radarPoint(i, n, row.mean ?? 0, RATING_MAX, r, cx, cy).join(',')).join(' ');
	// Each corner says its need in words (a printout in black and white has no colours to match).
	const corners = rows
		.map((row, i) => {
			const [x, y] = radarPoint(i, n, RATING_MAX, RATING_MAX, r, cx, cy);
			// Under its dot (above, for a dot at the top), centred: it never leaves the picture.
			const below = y >= cy - r * 0.5;
			return `<text x="${x}" y="${below ? y + 38 : y - 22}" ${FONT} font-size="19" font-weight="bold" fill="${INK}" text-anchor="middle">${esc(short(row.need, 24))}</text>`;
		})
		.join('');
	// Rings 1 to 4 say their value; the outer ring, 5, is where the needs' dots sit.
	const scale = Array.from({ length: RATING_MAX - 1 }, (_, k) => {
		const [x, y] = radarPoint(0, n, k + 1, RATING_MAX, r, cx, cy);
		return `<text x="${x + 8}" y="${y + 5}" ${FONT} font-size="14" fill="${MUTED}">${k + 1}</text>`;
	}).join('');
	const w = wordsFor(() => s.lang);
	const legend = rows
		.map((row, i) => {
			const y = 120 + i * 52;
			return `<rect x="660" y="${y - 20}" width="14" height="28" fill="${row.color}"/><text x="685" y="${y}" ${FONT} font-size="22" fill="${INK}">${esc(short(row.need, 20))}</text><text x="985" y="${y}" ${FONT} font-size="22" font-weight="bold" fill="${INK}" text-anchor="end">${row.mean === null ? '—' : esc(w.number(row.mean))}</text>`;
		})
		.join('');
	return svg('radar', `${rings}${axes}${scale}<polygon points="${means}" fill="#2f6b4f" fill-opacity="0.25" stroke="#2f6b4f" stroke-width="4"/>${corners}${legend}`);
}

function grid(s: Synthesis): string {
	const t = wordsFor(() => s.lang).t;
	const [x0, y0, w, h] = [70, 20, 810, 560];
	const quadrants = `<rect x="${x0 + w / 2}" y="${y0}" width="${w / 2}" height="${h / 2}" fill="#eef5ef"/><rect x="${x0}" y="${y0}" width="${w}" height="${h}" fill="none" stroke="${LINE}" stroke-width="2"/><line x1="${x0 + w / 2}" y1="${y0}" x2="${x0 + w / 2}" y2="${y0 + h}" stroke="${LINE}" stroke-dasharray="6 6"/><line x1="${x0}" y1="${y0 + h / 2}" x2="${x0 + w}" y2="${y0 + h / 2}" stroke="${LINE}" stroke-dasharray="6 6"/>`;
	const corner = (key: MessageKey, x: number, y: number, anchor: string) => `<text x="${x}" y="${y}" ${FONT} font-size="20" font-weight="bold" fill="${MUTED}" text-anchor="${anchor}">${esc(t(key))}</text>`;
	const labels =
		corner('quadrant.keepSatisfied', x0 + 12, y0 + 28, 'start') +
		corner('quadrant.keyPlayers', x0 + w - 12, y0 + 28, 'end') +
		corner('quadrant.monitor', x0 + 12, y0 + h - 12, 'start') +
		corner('quadrant.keepInformed', x0 + w - 12, y0 + h - 12, 'end') +
		`<text x="${x0 + w / 2}" y="${y0 + h + 40}" ${FONT} font-size="22" font-weight="bold" fill="${MUTED}" text-anchor="middle">${esc(t('grid.interest'))} →</text>` +
		`<text transform="translate(40 ${y0 + h / 2}) rotate(-90)" ${FONT} font-size="22" font-weight="bold" fill="${MUTED}" text-anchor="middle">${esc(t('grid.influence'))} →</text>`;
	// Past 40 names the picture is a blur: the most influential are named, every actor is in the table.
	// Actors nobody placed yet sit where they landed: not on the picture, in the table ("not yet placed").
	const placed = s.actors.filter((a) => a.placed);
	const named = new Set([...placed].sort((a, b) => b.influence - a.influence || b.interest - a.interest).slice(0, GRID_NAMES).map((a) => a.id));
	const dots = placed
		.map((a) => {
			const x = x0 + a.interest * w;
			const y = y0 + (1 - a.influence) * h;
			const right = a.interest < 0.7;
			const dot = `<circle cx="${x}" cy="${y}" r="9" fill="${categoryColor(a.categoryKey)}" stroke="#fff" stroke-width="2"/>`;
			if (!named.has(a.id)) return dot;
			return `${dot}<text x="${right ? x + 14 : x - 14}" y="${y + 7}" ${FONT} font-size="18" fill="${INK}" text-anchor="${right ? 'start' : 'end'}">${esc(short(a.name, 34))}</text>`;
		})
		.join('');
	return svg('grid', quadrants + labels + dots);
}

/** The relation graph of the actors that have relations (the others are in the tables). */
function graph(s: Synthesis): string {
	const { width, height } = PICTURE_SIZE.graph;
	const linked = new Set(s.links.flatMap((l) => [l.from, l.to]));
	const actors = s.actors.filter((a) => linked.has(a.id));
	const [radius, fontSize, maxChars] = [22, 24, actors.length > 16 ? 22 : 32];
	const longest = Math.min(maxChars, Math.max(8, ...actors.map((a) => a.name.length)));
	const box = { width: radius * 2 + 10 + longest * fontSize * 0.64, height: Math.max(radius * 2, fontSize * 1.3) + 14 };
	const boxes = layoutGraph(
		actors.map((a) => a.id),
		s.links,
		{ width, height, margin: 6, box }
	);
	const at = new Map([...boxes].map(([id, p]) => [id, { x: p.x - box.width / 2 + radius, y: p.y }]));
	const arrows = Object.entries(KIND_STYLE)
		.filter(([, k]) => k.arrow)
		.map(([kind, k]) => `<marker id="arrow-${kind}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M 0 0 L 10 5 L 0 10 z" fill="${k.color}"/></marker>`)
		.join('');
	const edges = s.links
		.map((l) => {
			const [a, b] = [at.get(l.from), at.get(l.to)];
			if (!a || !b) return '';
			const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
			const [ex, ey] = [b.x - ((b.x - a.x) / len) * (radius + 4), b.y - ((b.y - a.y) / len) * (radius + 4)];
			const k = KIND_STYLE[l.kind];
			return `<line x1="${a.x}" y1="${a.y}" x2="${ex}" y2="${ey}" stroke="${k.color}" stroke-width="4"${k.dash ? ` stroke-dasharray="${k.dash}"` : ''}${k.arrow ? ` marker-end="url(#arrow-${l.kind})"` : ''}/>`;
		})
		.join('');
	const nodes = actors
		.map((a) => {
			const p = at.get(a.id);
			if (!p) return '';
			return `<circle cx="${p.x}" cy="${p.y}" r="${radius}" fill="${categoryColor(a.categoryKey)}" stroke="#fff" stroke-width="3"/><text x="${p.x + radius + 8}" y="${p.y + fontSize * 0.35}" ${FONT} font-size="${fontSize}" fill="${INK}">${esc(short(a.name, maxChars))}</text>`;
		})
		.join('');
	return svg('graph', `<defs>${arrows}</defs>${edges}${nodes}`);
}

export function pictureSvg(picture: Picture, s: Synthesis): string {
	return picture === 'radar' ? radar(s) : picture === 'grid' ? grid(s) : graph(s);
}
