import { describe, expect, it } from 'vitest';
import { RECONNECT_FIRST_CEILING_MS, RECONNECT_MAX_CEILING_MS, reconnectDelay } from './reconnect';

describe('reconnectDelay', () => {
	it('spreads the first try over a second, then doubles the ceiling up to five seconds', () => {
		expect(reconnectDelay(1, 0)).toBe(0);
		expect(reconnectDelay(1, 0.999)).toBeLessThan(RECONNECT_FIRST_CEILING_MS);
		expect(reconnectDelay(2, 0.999)).toBeGreaterThan(RECONNECT_FIRST_CEILING_MS);
		expect(reconnectDelay(2, 0.999)).toBeLessThan(2 * RECONNECT_FIRST_CEILING_MS);
		expect(reconnectDelay(10, 0.999)).toBeLessThan(RECONNECT_MAX_CEILING_MS);
		expect(reconnectDelay(10, 0.5)).toBe(RECONNECT_MAX_CEILING_MS / 2);
	});

	it('gives 300 phones dropped at once different moments to come back', () => {
		const delays = Array.from({ length: 300 }, () => reconnectDelay(1));
		const perTenth = new Map<number, number>();
		for (const d of delays) perTenth.set(Math.floor(d / 100), (perTenth.get(Math.floor(d / 100)) ?? 0) + 1);
		// Ten slices of 100 ms, none holding more than a quarter of the phones.
		expect(perTenth.size).toBe(10);
		expect(Math.max(...perTenth.values())).toBeLessThan(75);
	});
});
