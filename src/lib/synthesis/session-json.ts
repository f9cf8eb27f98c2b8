/**
 * A whole session as plain JSON (the `json` export) and back into documents (import): backups,
 * templates, moving between servers. The board and control documents keep their shapes
 * (DESIGN.md): entities are maps, people's lists are arrays, co-written fields are texts.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { ACTION_TEXTS, BOARD, CONTROL, TITLE_MAX } from '$lib/schema';

export const SESSION_JSON_FORMAT = 'agora-session';

/** Control maps whose entries are maps of their own (the others hold plain values). */
const CONTROL_ENTITIES: string[] = [CONTROL.needs, CONTROL.colleges, CONTROL.agenda];
const CONTROL_PLAIN: string[] = [CONTROL.session, CONTROL.hidden, CONTROL.settings, CONTROL.vote, CONTROL.timer];

export interface SessionJson {
	format: typeof SESSION_JSON_FORMAT;
	version: 1;
	exportedAt: string;
	board: Record<string, Record<string, unknown>>;
	control: Record<string, unknown>;
}

export function sessionToJson(docs: { board: Y.Doc; control: Y.Doc }, now = Date.now()): SessionJson {
	const board: SessionJson['board'] = {};
	for (const name of Object.values(BOARD)) board[name] = docs.board.getMap(name).toJSON();
	const control: SessionJson['control'] = {};
	for (const name of [...CONTROL_PLAIN, ...CONTROL_ENTITIES]) control[name] = docs.control.getMap(name).toJSON();
	control[CONTROL.conclusions] = docs.control.getText(CONTROL.conclusions).toString();
	return { format: SESSION_JSON_FORMAT, version: 1, exportedAt: new Date(now).toISOString(), board, control };
}

const plainObject = z.record(z.string().max(200), z.unknown());

/** What an import accepts: the export's shape; unknown top-level names are ignored. */
export const sessionJsonSchema = z.object({
	board: z.record(z.string().max(100), plainObject).default({}),
	control: z
		.object({
			[CONTROL.session]: z.object({ title: z.string().trim().min(1).max(TITLE_MAX), territory: z.string().max(TITLE_MAX).default('') }).loose(),
			[CONTROL.conclusions]: z.string().max(100_000).default('')
		})
		.loose()
});
export type SessionJsonInput = z.infer<typeof sessionJsonSchema>;

type Plain = string | number | boolean | null;
const isPlain = (v: unknown): v is Plain => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value inside an entity: lists of plain values become shared arrays, objects shared maps. */
function toY(value: unknown, depth: number): unknown {
	if (isPlain(value)) return value;
	if (Array.isArray(value)) return Y.Array.from(value.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number'));
	if (isObject(value) && depth > 0) {
		const map = new Y.Map<unknown>();
		for (const [k, v] of Object.entries(value)) {
			const y = toY(v, depth - 1);
			if (y !== undefined) map.set(k, y);
		}
		return map;
	}
	return undefined;
}

/** What an import leaves out: the moment's state (a running timer, hands raised in another room). */
const MOMENTARY: string[] = [CONTROL.timer, BOARD.hands];

/**
 * Writes an export into a new session's documents. The session's own title, territory and
 * language are left to the caller (they are the new session's record).
 */
export function jsonToDocs(input: SessionJsonInput, docs: { board: Y.Doc; control: Y.Doc }): void {
	const boardNames = new Set<string>(Object.values(BOARD));
	docs.board.transact(() => {
		for (const [name, entries] of Object.entries(input.board)) {
			if (!boardNames.has(name) || MOMENTARY.includes(name)) continue;
			const map = docs.board.getMap(name);
			for (const [key, value] of Object.entries(entries)) {
				if (!isObject(value)) {
					if (isPlain(value)) map.set(key, value);
					continue;
				}
				const entry = new Y.Map<unknown>();
				for (const [field, v] of Object.entries(value)) {
					// Co-written fields of an action are texts, whatever the export held.
					if (name === BOARD.actions && (ACTION_TEXTS as readonly string[]).includes(field)) entry.set(field, new Y.Text(typeof v === 'string' ? v : ''));
					else {
						const y = toY(v, 2);
						if (y !== undefined) entry.set(field, y);
					}
				}
				map.set(key, entry);
			}
		}
	});
	docs.control.transact(() => {
		const control = input.control as Record<string, unknown>;
		for (const name of [...CONTROL_PLAIN, ...CONTROL_ENTITIES]) {
			if (name === CONTROL.session || MOMENTARY.includes(name) || !isObject(control[name])) continue;
			const map = docs.control.getMap(name);
			for (const [key, value] of Object.entries(control[name] as Record<string, unknown>)) {
				if (CONTROL_ENTITIES.includes(name)) {
					const y = toY(value, 1);
					if (y instanceof Y.Map) map.set(key, y);
				} else if (isPlain(value) || (Array.isArray(value) && value.every(isPlain))) map.set(key, value);
			}
		}
		const text = docs.control.getText(CONTROL.conclusions);
		if (input.control[CONTROL.conclusions]) text.insert(0, input.control[CONTROL.conclusions]);
	});
}
