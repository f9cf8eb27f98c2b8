/**
 * The workshop timer, pure: what is left at a given server time, and the changes the
 * facilitator makes. Every device counts with the server's clock (see `clock.ts`), so the
 * projector and the phones show the same second.
 */
import { TIMER_MAX_MINUTES, type Timer } from '$lib/schema';

export function remainingMs(timer: Timer, serverNow: number): number {
	if (timer.running && timer.endsAt !== undefined) return Math.max(0, timer.endsAt - serverNow);
	return timer.remaining;
}

/** "12:05", "1:02:03" (ceil: the last second shows 0:01, then 0:00). */
export function formatRemaining(ms: number): string {
	const total = Math.ceil(ms / 1000);
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	const pad = (n: number) => String(n).padStart(2, '0');
	return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

export type MinutesProblem = 'notANumber' | 'tooShort' | 'tooLong';
export function minutesProblem(raw: string): MinutesProblem | null {
	const n = Number(raw.replace(',', '.'));
	if (raw.trim() === '' || !Number.isFinite(n)) return 'notANumber';
	if (n <= 0) return 'tooShort';
	if (n > TIMER_MAX_MINUTES) return 'tooLong';
	return null;
}

/** Set (and stop) the timer at a number of minutes. */
export function setTimer(minutes: number): Timer {
	const ms = Math.round(minutes * 60_000);
	return { running: false, remaining: ms, duration: ms };
}

export function start(timer: Timer, serverNow: number): Timer {
	if (timer.running || timer.remaining <= 0) return timer;
	return { ...timer, running: true, endsAt: Math.round(serverNow + timer.remaining), remaining: 0 };
}

export function pause(timer: Timer, serverNow: number): Timer {
	if (!timer.running) return timer;
	return { running: false, remaining: Math.round(remainingMs(timer, serverNow)), duration: timer.duration };
}

/**
 * One more minute, running or not (never past the 4-hour limit). The planned duration grows by
 * the same minute, so a paused timer still reads as paused, not as a fresh one.
 */
export function addMinute(timer: Timer, serverNow: number): Timer {
	const cap = TIMER_MAX_MINUTES * 60_000;
	if (timer.running && timer.endsAt !== undefined) {
		const before = remainingMs(timer, serverNow);
		const left = Math.min(cap, before + 60_000);
		return { ...timer, endsAt: Math.round(serverNow + left), duration: Math.min(cap, timer.duration + (left - before)) };
	}
	const remaining = Math.min(cap, timer.remaining + 60_000);
	return { ...timer, remaining, duration: Math.min(cap, timer.duration + (remaining - timer.remaining)) };
}

/** No timer: what a step without minutes leaves (the room sees none). */
export const NO_TIMER: Timer = { running: false, remaining: 0, duration: 0 };
