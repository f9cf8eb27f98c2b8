/**
 * When to try again after a connection was lost. A server that restarts drops every phone of a
 * room at the same instant; y-websocket's own backoff (100 ms, 200 ms, 400 ms… the same for all)
 * would bring them all back at the same instants too. "Full jitter": a random wait between 0 and
 * a ceiling that doubles with each failed try, so that the phones come back spread out.
 */
import type { WebsocketProvider } from 'y-websocket';
import { isPermanentClose } from '$lib/schema';

export const RECONNECT_FIRST_CEILING_MS = 1000;
export const RECONNECT_MAX_CEILING_MS = 5000;

/** The wait before try number `failures + 1` (`random` in [0, 1)). */
export function reconnectDelay(failures: number, random: number = Math.random()): number {
	const ceiling = Math.min(RECONNECT_MAX_CEILING_MS, RECONNECT_FIRST_CEILING_MS * 2 ** Math.max(0, failures - 1));
	return Math.floor(random * ceiling);
}

/** Provider options that leave every reconnection to a `Reconnector`. */
export const RECONNECT_OPTIONS = { shouldReconnect: () => false };

/**
 * Reconnects a provider (made with RECONNECT_OPTIONS) after a lost connection, at a random
 * moment; never after a permanent refusal (4400–4499: bad token, session deleted…).
 */
export class Reconnector {
	#timer: ReturnType<typeof setTimeout> | undefined;
	#stopped = false;

	constructor(private provider: WebsocketProvider) {
		provider.on('closed', ({ code }: { code: number }) => {
			if (!isPermanentClose(code)) this.in(reconnectDelay(provider.wsUnsuccessfulReconnects));
		});
	}

	/** Tries again in `ms`, unless connected or connecting by then. */
	in(ms: number): void {
		if (this.#stopped) return;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => {
			if (!this.#stopped && !this.provider.wsconnected && !this.provider.wsconnecting) this.provider.connect();
		}, ms);
	}

	stop(): void {
		this.#stopped = true;
		clearTimeout(this.#timer);
	}
}
