import { beforeEach, describe, expect, it } from 'vitest';
import { membership, membershipByCode, mySample, mySessions, rememberCreated, rememberMembership, rememberSession } from './my-sessions';

/** localStorage as a browser has it, in memory. */
function fakeStorage(): Storage {
	const items = new Map<string, string>();
	return {
		get length() {
			return items.size;
		},
		key: (i) => [...items.keys()][i] ?? null,
		getItem: (k) => items.get(k) ?? null,
		setItem: (k, v) => void items.set(k, String(v)),
		removeItem: (k) => void items.delete(k),
		clear: () => items.clear()
	};
}

beforeEach(() => {
	(globalThis as { localStorage?: Storage }).localStorage = fakeStorage();
});

describe('what this device remembers', () => {
	it('lists the sessions it created, newest first, and skips entries that are not sessions', () => {
		rememberCreated({ id: 'a', title: 'Premier', joinCode: 'AAAAAA', facilitatorToken: 'fa', projectorToken: 'pa', createdAt: 1 });
		rememberCreated({ id: 'b', title: 'Second', joinCode: 'BBBBBB', facilitatorToken: 'fb', projectorToken: 'pb', createdAt: 2 });
		const stored = JSON.parse(localStorage.getItem('agora.mySessions')!);
		localStorage.setItem('agora.mySessions', JSON.stringify([...stored, { id: 'c', title: 3 }, null, 'x']));
		expect(mySessions().map((s) => s.id)).toEqual(['b', 'a']);
		localStorage.setItem('agora.mySessions', '{not json');
		expect(mySessions()).toEqual([]);
	});

	it('keeps which session is the sample when the console refreshes its entry', () => {
		rememberCreated({ id: 'a', title: 'Premier', joinCode: 'AAAAAA', facilitatorToken: 'fa', projectorToken: 'pa', createdAt: 1 });
		rememberCreated({ id: 's', title: 'Atelier exemple', joinCode: 'SSSSSS', facilitatorToken: 'fs', projectorToken: 'ps', createdAt: 2 }, { sample: true });
		rememberSession({ id: 's', title: 'Atelier exemple, renommé', joinCode: 'SSSSSS', facilitatorToken: 'fs', createdAt: 2 });
		expect(mySample()).toMatchObject({ id: 's', title: 'Atelier exemple, renommé', sample: true });
		rememberSession({ id: 'a', title: 'Premier', joinCode: 'AAAAAA', facilitatorToken: 'fa', createdAt: 1 });
		expect(mySessions().filter((m) => m.sample).map((m) => m.id)).toEqual(['s']);
	});

	it('finds a joined session by its code, with a name even when an old entry had none', () => {
		rememberMembership('s1', { token: 't', participantId: 'p', name: 'Lou', code: 'ABCDEF', title: 'Atelier', joinedAt: 5 });
		localStorage.setItem('agora.joined.s2', JSON.stringify({ token: 't2', participantId: 'p2', code: 'GHJKMN' }));
		localStorage.setItem('agora.joined.s3', JSON.stringify({ token: 7 }));
		expect(membershipByCode('ABCDEF')?.sessionId).toBe('s1');
		expect(membership('s2')).toMatchObject({ token: 't2', name: '' });
		expect(membership('s3')).toBeNull();
	});
});
