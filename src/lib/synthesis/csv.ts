/**
 * One CSV table per entity, for spreadsheets: UTF-8 with a BOM (Excel reads accents right), ";"
 * between columns in French (Excel's French default, where "," is the decimal sign), headers in
 * the session's language, and no cell a spreadsheet would run as a formula.
 */
import { wordsFor, type MessageKey } from '$lib/i18n/messages';
import type { SessionView } from '$lib/session-view';
import { needLabel } from '$lib/needs/needs';
import { quadrant } from '$lib/actors/actors';
import { committer } from '$lib/actions/committed';

export const CSV_TABLES = ['contributions', 'actors', 'relations', 'actions', 'commitments'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

function cell(value: string | number | boolean | null | undefined, sep: string): string {
	let text = value === null || value === undefined ? '' : String(value);
	// =, +, -, @ (and tab, CR) at the start would be a formula: shown as text instead.
	if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+([.,]\d+)?$/.test(text)) text = `'${text}`;
	return /["\n\r]/.test(text) || text.includes(sep) ? `"${text.replace(/"/g, '""')}"` : text;
}

const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : '');

export function toCsv(view: SessionView, table: CsvTable): string {
	const lang = view.meta.language;
	const { t, number } = wordsFor(() => lang);
	const sep = lang === 'fr' ? ';' : ',';
	const need = new Map(view.needs.map((n) => [n.key, needLabel(n, t)]));
	const needs = (keys: string[]) => keys.map((k) => need.get(k) ?? k).join(', ');
	const actorName = new Map(view.actors.map((a) => [a.id, a.name]));
	const personName = new Map(view.participants.map((p) => [p.id, p.name]));
	const actorOf = (id: string | undefined) => (id ? (actorName.get(id) ?? t('action.unknownActor')) : '');
	const dec = (v: number) => number(v, 2);
	let head: MessageKey[];
	let rows: (string | number | boolean | undefined)[][];

	if (table === 'contributions') {
		const hidden = view.hidden;
		const clusters = new Map(view.clusters.map((k) => [k.id, k.label]));
		const dup = view.duplicates;
		const text = new Map(view.contributions.map((c) => [c.id, c.text]));
		const dots = { ...view.tallyOf('contributions').totals };
		head = ['csv.need', 'csv.text', 'csv.cluster', 'csv.sameAs', 'csv.dots', 'csv.hidden', 'csv.createdAt'];
		rows = view.contributions
			.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
			.map((c) => [
				need.get(c.need) ?? c.need,
				c.text,
				c.clusterId ? (clusters.get(c.clusterId) ?? '') : '',
				dup.has(c.id) ? text.get(dup.get(c.id)!) : '',
				dots[c.id] ?? 0,
				hidden.has(c.id) ? t('csv.yes') : '',
				iso(c.createdAt)
			]);
	} else if (table === 'actors') {
		head = ['csv.name', 'csv.category', 'csv.stages', 'csv.needs', 'csv.influence', 'csv.interest', 'csv.quadrant', 'csv.stance', 'csv.note'];
		rows = view.actors.map((a) => [
			a.name,
			t(`category.${a.category}` as MessageKey),
			a.stages.map((s) => t(`stage.${s}` as MessageKey)).join(', '),
			needs(a.needs),
			// Where an actor nobody placed landed says nothing of it: left blank.
			a.placed === false ? '' : dec(a.influence),
			a.placed === false ? '' : dec(a.interest),
			t(`quadrant.${quadrant(a)}` as MessageKey),
			a.stance ? t(`stance.${a.stance}` as MessageKey) : '',
			a.note
		]);
	} else if (table === 'relations') {
		head = ['csv.from', 'csv.kind', 'csv.to', 'csv.formal', 'csv.note'];
		rows = view.relations.map((r) => [actorOf(r.from), t(`relation.verb.${r.kind}` as MessageKey), actorOf(r.to), r.formal ? t('csv.yes') : '', r.note]);
	} else if (table === 'actions') {
		const dots = view.tallyOf('actions').totals;
		head = ['csv.title', 'csv.status', 'csv.lead', 'csv.partners', 'csv.needs', 'csv.due', 'csv.objective', 'csv.results', 'csv.resources', 'csv.indicators', 'csv.detail', 'csv.dots'];
		rows = view.actions.map((a) => [
			a.title || t('action.untitled'),
			t(`action.status.${a.status}` as MessageKey),
			actorOf(a.lead),
			a.partners.map(actorOf).join(', '),
			needs(a.needs),
			a.due,
			a.objective,
			a.results,
			a.resources,
			a.indicators,
			a.detail,
			dots[a.id] ?? 0
		]);
	} else {
		const title = new Map(view.actions.map((a) => [a.id, a.title || t('action.untitled')]));
		head = ['csv.action', 'csv.organisation', 'csv.role', 'csv.brings', 'csv.text', 'csv.createdAt'];
		rows = view.commitments.map((c) => [
			title.get(c.actionId),
			committer(c, (id) => actorName.get(id), (id) => personName.get(id), t),
			t(`commit.role.${c.role}` as MessageKey),
			c.brings.map((b) => t(`commit.bring.${b}` as MessageKey)).join(', '),
			c.text,
			iso(c.createdAt)
		]);
	}
	const line = (cells: (string | number | boolean | undefined)[]) => cells.map((c) => cell(c, sep)).join(sep);
	return '\ufeff' + [line(head.map((k) => t(k))), ...rows.map(line)].join('\r\n') + '\r\n';
}
