import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD, canWrite, contributionSchema, joinBody, normaliseJoinCode, readEntities } from './schema';

describe('readEntities', () => {
	it('reads valid entries, skips invalid ones, and never throws', () => {
		const doc = new Y.Doc();
		const map = doc.getMap(BOARD.contributions);
		const good = new Y.Map<unknown>();
		map.set('ok', good);
		good.set('need', 'food');
		good.set('text', 'Une légumerie locale');
		good.set('authorId', 'p1');
		good.set('createdAt', 1);
		const noText = new Y.Map<unknown>();
		map.set('bad1', noText);
		noText.set('need', 'food');
		map.set('bad2', 'a plain string');
		const badNeed = new Y.Map<unknown>();
		map.set('bad3', badNeed);
		badNeed.set('need', 'NOT A KEY!');
		badNeed.set('text', 'x');
		badNeed.set('authorId', 'p');
		badNeed.set('createdAt', 1);
		const list = readEntities(map, contributionSchema);
		expect(list).toEqual([{ id: 'ok', need: 'food', text: 'Une légumerie locale', authorId: 'p1', createdAt: 1 }]);
	});

	it('accepts entries with extra fields and text written as Y.Text (older or other clients)', () => {
		const doc = new Y.Doc();
		const map = doc.getMap(BOARD.contributions);
		const entry = new Y.Map<unknown>();
		map.set('c', entry);
		entry.set('need', 'biodiversity');
		entry.set('text', new Y.Text('Des haies'));
		entry.set('authorId', 'p');
		entry.set('createdAt', 5);
		entry.set('colour', 'green');
		const [c] = readEntities(map, contributionSchema);
		expect(c.text).toBe('Des haies');
		expect(c.need).toBe('biodiversity');
	});
});

describe('join codes', () => {
	it('are case-insensitive and ignore spaces and dashes', () => {
		expect(normaliseJoinCode(' ab-c 23k ')).toBe('ABC23K');
		expect(joinBody.parse({ code: 'ab c23k' }).code).toBe('ABC23K');
	});

	it('refuse look-alike characters and wrong lengths', () => {
		expect(joinBody.safeParse({ code: 'ABC10O' }).success).toBe(false);
		expect(joinBody.safeParse({ code: 'ABC2' }).success).toBe(false);
		expect(joinBody.safeParse({ code: 42 }).success).toBe(false);
	});
});

describe('roles', () => {
	it('let participants write the board only, projectors nothing', () => {
		expect(canWrite('facilitator', 'control')).toBe(true);
		expect(canWrite('participant', 'board')).toBe(true);
		expect(canWrite('participant', 'control')).toBe(false);
		expect(canWrite('projector', 'board')).toBe(false);
		expect(canWrite('projector', 'control')).toBe(false);
	});
});
