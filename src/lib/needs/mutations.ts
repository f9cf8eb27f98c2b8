/**
 * The needs board: changes to the documents, each one small named function in one transaction.
 */
import * as Y from 'yjs';
import { nanoid } from 'nanoid';
import { BOARD, CONTROL } from '$lib/schema';

export function addContribution(doc: Y.Doc, c: { need: string; text: string; authorId: string; now?: number }): string {
	const id = nanoid(12);
	doc.transact(() => {
		const entry = new Y.Map<unknown>();
		doc.getMap(BOARD.contributions).set(id, entry);
		entry.set('need', c.need);
		entry.set('text', c.text.trim());
		entry.set('authorId', c.authorId);
		entry.set('createdAt', c.now ?? Date.now());
	});
	return id;
}

export function editContribution(doc: Y.Doc, id: string, text: string): void {
	doc.transact(() => {
		const entry = doc.getMap(BOARD.contributions).get(id);
		if (entry instanceof Y.Map) entry.set('text', text.trim());
	});
}

export function deleteContribution(doc: Y.Doc, id: string): void {
	doc.transact(() => doc.getMap(BOARD.contributions).delete(id));
}

/** Hides an entity from phones and projector (facilitator only: the control document). */
export function setHidden(control: Y.Doc, id: string, hidden: boolean): void {
	control.transact(() => {
		const map = control.getMap(CONTROL.hidden);
		if (hidden) map.set(id, true);
		else map.delete(id);
	});
}

/** Adds the participant to the roster once (or updates their name). */
export function registerParticipant(doc: Y.Doc, p: { id: string; name: string; now?: number }): void {
	doc.transact(() => {
		const roster = doc.getMap(BOARD.participants);
		const existing = roster.get(p.id);
		if (existing instanceof Y.Map) {
			if (existing.get('name') !== p.name) existing.set('name', p.name);
			return;
		}
		const entry = new Y.Map<unknown>();
		roster.set(p.id, entry);
		entry.set('name', p.name);
		entry.set('joinedAt', p.now ?? Date.now());
	});
}
