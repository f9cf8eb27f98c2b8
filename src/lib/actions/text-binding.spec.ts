import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bindText, type TextField } from './text-binding';

/** A text box as a person uses it: a value, a cursor, focus, input events. */
function field(): TextField & { type(ch: string): void; press(key: 'Backspace'): void; at(i: number): void } {
	const listeners = new Set<() => void>();
	const owner = { activeElement: null as unknown };
	const f = {
		value: '',
		selectionStart: 0 as number | null,
		selectionEnd: 0 as number | null,
		ownerDocument: owner,
		setSelectionRange(s: number, e: number) {
			f.selectionStart = s;
			f.selectionEnd = e;
		},
		addEventListener: (_: 'input', l: () => void) => void listeners.add(l),
		removeEventListener: (_: 'input', l: () => void) => void listeners.delete(l),
		at(i: number) {
			owner.activeElement = f;
			f.setSelectionRange(i, i);
		},
		type(ch: string) {
			const i = f.selectionEnd ?? f.value.length;
			f.value = f.value.slice(0, i) + ch + f.value.slice(i);
			f.setSelectionRange(i + ch.length, i + ch.length);
			for (const l of listeners) l();
		},
		press(_key: 'Backspace') {
			const i = f.selectionEnd ?? 0;
			if (i === 0) return;
			f.value = f.value.slice(0, i - 1) + f.value.slice(i);
			f.setSelectionRange(i - 1, i - 1);
			for (const l of listeners) l();
		}
	};
	return f;
}

function pair() {
	const a = new Y.Doc();
	const b = new Y.Doc();
	a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'sync' && Y.applyUpdate(b, u, 'sync'));
	b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'sync' && Y.applyUpdate(a, u, 'sync'));
	return { a, b };
}

describe('bindText', () => {
	it('two people typing in the same empty field at once keep their words whole', () => {
		const { a, b } = pair();
		const [fa, fb] = [field(), field()];
		bindText(a.getText('t'), fa);
		bindText(b.getText('t'), fb);
		fa.at(0);
		fb.at(0);
		const [wa, wb] = ['Alice écrit', 'Bruno ajoute'];
		for (let i = 0; i < Math.max(wa.length, wb.length); i++) {
			if (wa[i]) fa.type(wa[i]);
			if (wb[i]) fb.type(wb[i]);
		}
		expect(fa.value).toBe(fb.value);
		expect([wa + wb, wb + wa]).toContain(fa.value);
	});

	it('keeps each cursor where its owner is while the other types elsewhere, and deletes', () => {
		const { a, b } = pair();
		const [fa, fb] = [field(), field()];
		bindText(a.getText('t'), fa);
		bindText(b.getText('t'), fb);
		fa.at(0);
		for (const ch of 'des produits locaux') fa.type(ch);
		fb.at(0);
		for (const ch of 'Servir ') fb.type(ch);
		fa.type('!');
		fb.type('x');
		fb.press('Backspace');
		expect(fa.value).toBe('Servir des produits locaux!');
		expect(fb.value).toBe(fa.value);
		expect(fb.selectionEnd).toBe('Servir '.length);
		expect(fa.selectionEnd).toBe(fa.value.length);
	});

	it('finds the edited stretch from the cursor when letters repeat', () => {
		const doc = new Y.Doc();
		const f = field();
		bindText(doc.getText('t'), f);
		f.at(0);
		for (const ch of 'aa') f.type(ch);
		f.at(1);
		f.type('a');
		expect(doc.getText('t').toString()).toBe('aaa');
		f.at(3);
		f.type('b');
		expect(doc.getText('t').toString()).toBe('aaab');
	});
});
