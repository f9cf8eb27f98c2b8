/**
 * A bound on initial syncs in flight, for the whole process. When a restart brings 300 phones
 * back within a few seconds, each one's first sync answer carries the whole document it lacks:
 * sent all at once, they share the room's Wi-Fi and the process's memory, and every phone
 * waits for the last byte of all of them. Through the gate, at most `limit` answers are on
 * their way at a time, first come first served; the others wait their turn (their own changes
 * are still taken in meanwhile), so the first phones are back at once and memory stays flat.
 *
 * A slot is given back when the answer has been handed to the socket, when the connection
 * closes, or after `holdMs` at the latest: a phone that stopped reading keeps nobody waiting.
 */
export class SyncGate {
	#active = 0;
	#queue: ((release: () => void) => void)[] = [];
	/** Most slots ever held at once (tests and the benchmark read it). */
	peak = 0;

	constructor(
		readonly limit: number,
		readonly holdMs = 5000
	) {}

	get active(): number {
		return this.#active;
	}

	get waiting(): number {
		return this.#queue.length;
	}

	/** Runs `start` once a slot is free; `start` gets the function that gives the slot back (idempotent). */
	enter(start: (release: () => void) => void): void {
		this.#queue.push(start);
		this.#pump();
	}

	#pumping = false;

	/** Starts what the free slots allow; a loop, not recursion: a start may give its slot back at once. */
	#pump() {
		if (this.#pumping) return;
		this.#pumping = true;
		try {
			while (this.#queue.length > 0 && (this.limit === 0 || this.#active < this.limit)) this.#run(this.#queue.shift()!);
		} finally {
			this.#pumping = false;
		}
	}

	#run(start: (release: () => void) => void) {
		this.#active++;
		this.peak = Math.max(this.peak, this.#active);
		let released = false;
		const timer = setTimeout(() => release(), this.holdMs);
		timer.unref();
		const release = () => {
			if (released) return;
			released = true;
			clearTimeout(timer);
			this.#active--;
			this.#pump();
		};
		try {
			start(release);
		} catch (error) {
			release();
			throw error;
		}
	}
}
