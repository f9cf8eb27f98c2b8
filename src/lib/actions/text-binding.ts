/**
 * Binds a shared `Y.Text` to an input or a textarea, so that several people type into the same
 * field at once without losing characters or their cursor.
 *
 * Written here rather than taken from y-textarea: that binding anchors each cursor to the
 * character on its right, so when two people type at the same spot, one cursor jumps past the
 * other's letters and their words interleave letter by letter ("ABlircuen"). Here a cursor
 * sticks to the character on its left (the one its owner just typed): each person's words
 * stay whole, side by side.
 */
import * as Y from 'yjs';

export interface TextField {
	value: string;
	selectionStart: number | null;
	selectionEnd: number | null;
	ownerDocument: { activeElement: unknown } | null;
	setSelectionRange(start: number, end: number): void;
	addEventListener(type: 'input', listener: () => void): void;
	removeEventListener(type: 'input', listener: () => void): void;
}

export function bindText(text: Y.Text, field: TextField): () => void {
	const doc = text.doc;
	if (!doc) throw new Error('the text is not in a document');
	field.value = text.toString();
	const focused = () => field.ownerDocument?.activeElement === field;
	let start: Y.RelativePosition | null = null;
	let end: Y.RelativePosition | null = null;
	let typing = false;

	// Before any change to the document, remember where the cursor is, stuck to its left.
	const remember = () => {
		if (!focused()) return;
		start = Y.createRelativePositionFromTypeIndex(text, field.selectionStart ?? 0, -1);
		end = Y.createRelativePositionFromTypeIndex(text, field.selectionEnd ?? 0, -1);
	};
	const changed = (_event: Y.YTextEvent, transaction: Y.Transaction) => {
		if (transaction.local && typing) return;
		field.value = text.toString();
		if (focused() && start && end) {
			const s = Y.createAbsolutePositionFromRelativePosition(start, doc);
			const e = Y.createAbsolutePositionFromRelativePosition(end, doc);
			if (s && e) field.setSelectionRange(s.index, e.index);
		}
	};
	// What the person typed: one edited stretch, ending at the cursor.
	const input = () => {
		const before = text.toString();
		const after = field.value;
		const cursor = field.selectionEnd ?? after.length;
		let suffix = 0;
		while (suffix < before.length && suffix < after.length && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
		suffix = Math.min(suffix, after.length - cursor);
		let prefix = 0;
		const room = Math.min(before.length, after.length) - suffix;
		while (prefix < room && before[prefix] === after[prefix]) prefix++;
		typing = true;
		try {
			doc.transact(() => {
				const removed = before.length - prefix - suffix;
				if (removed > 0) text.delete(prefix, removed);
				const inserted = after.slice(prefix, after.length - suffix);
				if (inserted) text.insert(prefix, inserted);
			});
		} finally {
			typing = false;
		}
	};

	doc.on('beforeTransaction', remember);
	text.observe(changed);
	field.addEventListener('input', input);
	return () => {
		doc.off('beforeTransaction', remember);
		text.unobserve(changed);
		field.removeEventListener('input', input);
	};
}
