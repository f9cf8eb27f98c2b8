/**
 * Counts events per key (a client address) in a sliding window: wrong join codes, sessions
 * created. In memory, for one process alone (with REDIS_URL the count is in Redis: server/relay.ts).
 */
export class RateWindow {
	#hits = new Map<string, number[]>();

	constructor(
		private limit: number,
		private windowMs: number
	) {}

	/** Milliseconds until `key` is under `limit` events in the window again, or 0. */
	retryAfter(key: string, limit = this.limit, now = Date.now()): number {
		const hits = this.#recent(key, now);
		return hits.length >= limit ? hits[hits.length - limit] + this.windowMs - now : 0;
	}

	hit(key: string, now = Date.now()): void {
		const hits = this.#recent(key, now);
		hits.push(now);
		this.#hits.set(key, hits);
		if (this.#hits.size > 10_000) this.#sweep(now);
	}

	#recent(key: string, now: number): number[] {
		return (this.#hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
	}

	#sweep(now: number) {
		for (const [key, hits] of this.#hits) if (!hits.some((t) => t > now - this.windowMs)) this.#hits.delete(key);
	}
}
