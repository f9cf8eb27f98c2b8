import { afterEach, describe, expect, it, vi } from 'vitest';
import { SyncGate } from './sync-gate.ts';

describe('SyncGate', () => {
	afterEach(() => vi.useRealTimers());

	it('lets `limit` in at once and the others in arrival order, as slots are given back', () => {
		const gate = new SyncGate(2);
		const started: number[] = [];
		const releases: (() => void)[] = [];
		for (let i = 0; i < 5; i++) gate.enter((release) => (started.push(i), releases.push(release)));
		expect(started).toEqual([0, 1]);
		expect([gate.active, gate.waiting]).toEqual([2, 3]);
		releases[1]();
		releases[1](); // twice is once
		expect(started).toEqual([0, 1, 2]);
		releases[0]();
		releases[2]();
		expect(started).toEqual([0, 1, 2, 3, 4]);
		releases[3]();
		releases[4]();
		expect([gate.active, gate.waiting, gate.peak]).toEqual([0, 0, 2]);
	});

	it('takes a slot back after holdMs from one who never gives it back', () => {
		vi.useFakeTimers();
		const gate = new SyncGate(1, 5000);
		const started: string[] = [];
		gate.enter(() => started.push('stuck'));
		gate.enter(() => started.push('next'));
		vi.advanceTimersByTime(4999);
		expect(started).toEqual(['stuck']);
		vi.advanceTimersByTime(1);
		expect(started).toEqual(['stuck', 'next']);
	});

	it('goes on when a start gives its slot back at once, without recursion, for thousands waiting', () => {
		const gate = new SyncGate(1);
		let hold: (() => void) | undefined;
		gate.enter((release) => (hold = release));
		let ran = 0;
		for (let i = 0; i < 20_000; i++) gate.enter((release) => (ran++, release()));
		hold!();
		expect(ran).toBe(20_000);
		expect(gate.active).toBe(0);
	});

	it('has no bound at 0', () => {
		const gate = new SyncGate(0);
		for (let i = 0; i < 50; i++) gate.enter(() => undefined);
		expect([gate.active, gate.waiting]).toEqual([50, 0]);
	});
});
