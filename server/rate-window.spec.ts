import { describe, expect, it } from 'vitest';
import { RateWindow } from './rate-window.ts';

describe('RateWindow', () => {
	it('answers a wait once an address passes the limit in a sliding minute', () => {
		const t = new RateWindow(3, 60_000);
		const now = 1_000_000;
		for (let i = 0; i < 3; i++) {
			expect(t.retryAfter('a', undefined, now + i)).toBe(0);
			t.hit('a', now + i);
		}
		expect(t.retryAfter('a', undefined, now + 10)).toBe(60_000 - 10);
		// Another address behind another router is not affected.
		expect(t.retryAfter('b', undefined, now + 10)).toBe(0);
		// A minute after the oldest wrong try, one more try is allowed.
		expect(t.retryAfter('a', undefined, now + 60_001)).toBe(0);
	});

	it('has a higher hard limit for the same address', () => {
		const t = new RateWindow(2, 60_000);
		for (let i = 0; i < 5; i++) t.hit('a', 100 + i);
		expect(t.retryAfter('a', 20, 200)).toBe(0);
		expect(t.retryAfter('a', 5, 200)).toBeGreaterThan(0);
	});
});
