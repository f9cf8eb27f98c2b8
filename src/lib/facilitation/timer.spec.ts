import { describe, expect, it } from 'vitest';
import { addMinute, formatRemaining, minutesProblem, pause, remainingMs, setTimer, start } from './timer';

describe('timer', () => {
	it('counts from the server time it was started at, pauses and resumes where it was', () => {
		let t = setTimer(10);
		expect(remainingMs(t, 5_000)).toBe(600_000);
		t = start(t, 1_000_000);
		expect(remainingMs(t, 1_000_000 + 61_000)).toBe(539_000);
		t = pause(t, 1_000_000 + 61_000);
		expect(remainingMs(t, 9_999_999)).toBe(539_000);
		t = start(t, 2_000_000);
		expect(remainingMs(t, 2_000_000 + 539_000 + 5_000)).toBe(0);
	});

	it('writes whole milliseconds even from a fractional clock (the schema takes integers)', () => {
		const t = start(setTimer(1), 1000.4);
		expect(Number.isInteger(t.endsAt)).toBe(true);
		expect(Number.isInteger(pause(t, 1500.7).remaining)).toBe(true);
		expect(Number.isInteger(addMinute(t, 1500.7).endsAt)).toBe(true);
	});

	it('adds a minute running or paused, never past four hours', () => {
		const running = start(setTimer(1), 0);
		expect(remainingMs(addMinute(running, 30_000), 30_000)).toBe(90_000);
		expect(remainingMs(addMinute(setTimer(240), 0), 0)).toBe(240 * 60_000);
		// A paused timer given a minute is still a paused one (less left than planned), not a fresh one.
		const paused = pause(start(setTimer(1), 0), 30_000);
		const more = addMinute(paused, 40_000);
		expect(more.remaining).toBe(90_000);
		expect(more.remaining).toBeLessThan(more.duration);
	});

	it('says why a duration is refused, and shows minutes and seconds', () => {
		expect(minutesProblem('0')).toBe('tooShort');
		expect(minutesProblem('241')).toBe('tooLong');
		expect(minutesProblem('abc')).toBe('notANumber');
		expect(minutesProblem('')).toBe('notANumber');
		expect(minutesProblem('7,5')).toBeNull();
		expect(formatRemaining(605_000)).toBe('10:05');
		expect(formatRemaining(400)).toBe('0:01');
		expect(formatRemaining(0)).toBe('0:00');
		expect(formatRemaining(3_723_000)).toBe('1:02:03');
	});
});
