/**
 * The server's clock as seen from this device: a few round trips to /api/time, keeping the
 * fastest (its half round trip is the smallest error). Devices whose clocks disagree by minutes
 * still count the timer from the same second.
 */
let offset = 0;
let measured: Promise<void> | null = null;

export function serverNow(): number {
	return Math.round(Date.now() + offset);
}

export function measureClock(fetcher: typeof fetch = fetch): Promise<void> {
	measured ??= (async () => {
		let best = Infinity;
		for (let i = 0; i < 3; i++) {
			try {
				const sent = Date.now();
				const res = await fetcher('/api/time', { cache: 'no-store' });
				const { now } = (await res.json()) as { now: number };
				const back = Date.now();
				if (back - sent < best) {
					best = back - sent;
					offset = now + (back - sent) / 2 - back;
				}
			} catch {
				// Offline: the device's own clock, until the next page load.
			}
		}
	})();
	return measured;
}
