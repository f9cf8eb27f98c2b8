/**
 * The action board: changes to the board document, each one small named function in one
 * transaction. Text fields are `Y.Text`s (several people type into them at once); lists
 * (needs, partners) are `Y.Array`s.
 */
import * as Y from 'yjs';
import { nanoid } from 'nanoid';
import { toggleInList } from '$lib/shared-lists';
import { ACTION_TEXTS, BOARD, type ActionStatus, type ActionText, type CommitmentRole } from '$lib/schema';

function actionEntry(doc: Y.Doc, id: string): Y.Map<unknown> | null {
	const entry = doc.getMap(BOARD.actions).get(id);
	return entry instanceof Y.Map ? entry : null;
}

/** Adds an action in a column at a rank (the caller computed it); answers its id. */
export function addAction(
	doc: Y.Doc,
	a: { title: string; status: ActionStatus; rank: string; needs?: string[]; createdBy?: string; now?: number; texts?: Partial<Record<ActionText, string>> }
): string {
	const id = nanoid(12);
	doc.transact(() => {
		const entry = new Y.Map<unknown>();
		doc.getMap(BOARD.actions).set(id, entry);
		for (const field of ACTION_TEXTS) {
			const value = field === 'title' ? a.title.trim() : (a.texts?.[field] ?? '');
			entry.set(field, new Y.Text(value));
		}
		entry.set('status', a.status);
		entry.set('rank', a.rank);
		entry.set('needs', Y.Array.from([...new Set(a.needs ?? [])]));
		entry.set('partners', new Y.Array<string>());
		if (a.createdBy) entry.set('createdBy', a.createdBy);
		entry.set('createdAt', a.now ?? Date.now());
		// Its vote map is born with it (one writer), like a contribution's.
		doc.getMap(BOARD.votes).set(id, new Y.Map<number>());
	});
	return id;
}

/** The shared text of one field, made if an older entry lacks it (or holds a plain string). */
export function actionText(doc: Y.Doc, id: string, field: ActionText): Y.Text | null {
	const entry = actionEntry(doc, id);
	if (!entry) return null;
	const current = entry.get(field);
	if (current instanceof Y.Text) return current;
	const text = new Y.Text(typeof current === 'string' ? current : '');
	doc.transact(() => entry.set(field, text));
	return text;
}

/** Moves a card: its column and its place in it, in one change (never half of a move). */
export function moveAction(doc: Y.Doc, id: string, to: { status: ActionStatus; rank: string }): void {
	doc.transact(() => {
		const entry = actionEntry(doc, id);
		if (!entry) return;
		if (entry.get('status') !== to.status) entry.set('status', to.status);
		entry.set('rank', to.rank);
	});
}

/** Ticks or unticks one need, or one partner actor. */
export function toggleActionList(doc: Y.Doc, id: string, list: 'needs' | 'partners', value: string, on: boolean): void {
	doc.transact(() => {
		const entry = actionEntry(doc, id);
		if (entry) toggleInList(entry, list, value, on);
	});
}

/** The lead actor (null: none), or the due date (null: none). */
export function setActionField(doc: Y.Doc, id: string, field: 'lead' | 'due', value: string | null): void {
	doc.transact(() => {
		const entry = actionEntry(doc, id);
		if (!entry) return;
		if (value === null || value === '') entry.delete(field);
		else if (entry.get(field) !== value) entry.set(field, value);
		// A lead is not also a partner.
		if (field === 'lead' && value) toggleActionList(doc, id, 'partners', value, false);
	});
}

/** Deletes an action and the commitments made to it (the caller asked first). */
export function deleteAction(doc: Y.Doc, id: string): void {
	doc.transact(() => {
		doc.getMap(BOARD.actions).delete(id);
		const commitments = doc.getMap(BOARD.commitments);
		commitments.forEach((c, key) => {
			if (c instanceof Y.Map && c.get('actionId') === id) commitments.delete(key);
		});
	});
}

export function addCommitment(
	doc: Y.Doc,
	c: { actionId: string; participantId: string; role: CommitmentRole; actorId?: string; brings?: string[]; text?: string; now?: number }
): string {
	const id = nanoid(12);
	doc.transact(() => {
		const entry = new Y.Map<unknown>();
		doc.getMap(BOARD.commitments).set(id, entry);
		entry.set('actionId', c.actionId);
		entry.set('participantId', c.participantId);
		entry.set('role', c.role);
		if (c.actorId) entry.set('actorId', c.actorId);
		entry.set('brings', Y.Array.from([...new Set(c.brings ?? [])]));
		entry.set('text', (c.text ?? '').trim());
		entry.set('createdAt', c.now ?? Date.now());
	});
	return id;
}

export function deleteCommitment(doc: Y.Doc, id: string): void {
	doc.transact(() => doc.getMap(BOARD.commitments).delete(id));
}
