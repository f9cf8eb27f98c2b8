/**
 * One Y.Doc of a session, its y-websocket provider and (on phones) its IndexedDB copy.
 * Components read the document through `read()`: `createSubscriber` re-runs them on the
 * document's updates, so no `$effect` copies Yjs data into state.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { createSubscriber } from 'svelte/reactivity';
import { CLOSE, isPermanentClose, type DocName } from '$lib/schema';
import { RECONNECT_OPTIONS, Reconnector, reconnectDelay } from './reconnect';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused';

export interface LiveDocOptions {
	sessionId: string;
	doc: DocName;
	token: string;
	/** Keep a copy in IndexedDB so that offline edits survive a closed tab (phones). */
	offline?: boolean;
}

export class LiveDoc {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	status = $state<ConnectionState>('connecting');
	/** True once the server's state has arrived (or the local copy, when offline). */
	synced = $state(false);
	/** Why the server closed the connection for good (a CLOSE code), if it did. */
	closedWith = $state<number | null>(null);

	#idb: IndexeddbPersistence | undefined;
	#everConnected = false;
	#reconnector: Reconnector;
	#subscribe = createSubscriber((update) => {
		this.doc.on('update', update);
		return () => this.doc.off('update', update);
	});
	#subscribeAwareness = createSubscriber((update) => {
		this.provider.awareness.on('change', update);
		return () => this.provider.awareness.off('change', update);
	});
	#cleanup: (() => void)[] = [];

	constructor(opts: LiveDocOptions) {
		if (opts.offline) {
			this.#idb = new IndexeddbPersistence(`agora:${opts.sessionId}:${opts.doc}`, this.doc);
			this.#idb.once('synced', () => {
				if (!navigator.onLine) this.synced = true;
			});
		}
		const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
		this.provider = new WebsocketProvider(`${scheme}://${location.host}/sync`, `${opts.sessionId}/${opts.doc}`, this.doc, {
			params: { token: opts.token },
			maxBackoffTime: 2500,
			// Every reconnection after a lost connection is ours, at a random moment (see
			// reconnect.ts): a restarted server does not get the whole room at the same instant.
			...RECONNECT_OPTIONS
		});
		this.#reconnector = new Reconnector(this.provider);
		this.provider.on('status', ({ status }: { status: string }) => {
			if (status === 'connected') {
				this.#everConnected = true;
				this.status = 'connected';
			} else if (this.status !== 'refused') {
				this.status = !navigator.onLine ? 'offline' : this.#everConnected ? 'reconnecting' : 'connecting';
			}
		});
		this.provider.on('sync', (isSynced: boolean) => {
			if (isSynced) this.synced = true;
		});
		this.provider.on('connection-close', (event: CloseEvent | null) => {
			const code = event?.code ?? 0;
			if (isPermanentClose(code)) {
				// The client stops reconnecting on these: say why instead of "reconnecting".
				this.closedWith = code;
				this.status = 'refused';
				this.provider.disconnect();
			} else if (code === CLOSE.tooManyUpdates) {
				this.closedWith = code;
			}
		});
		const offline = () => {
			if (this.status !== 'refused') this.status = 'offline';
		};
		const online = () => {
			if (this.status !== 'offline') return;
			// The socket may have survived a short drop: then no status event will come.
			this.status = this.provider.wsconnected ? 'connected' : this.#everConnected ? 'reconnecting' : 'connecting';
			// Back on the network: try soon rather than at the end of a long wait (a whole room's
			// Wi-Fi comes back at once, so still at a random moment within a second).
			if (!this.provider.wsconnected) this.#reconnector.in(reconnectDelay(1));
		};
		window.addEventListener('offline', offline);
		window.addEventListener('online', online);
		this.#cleanup.push(() => window.removeEventListener('offline', offline));
		this.#cleanup.push(() => window.removeEventListener('online', online));
		if (!navigator.onLine) this.status = 'offline';
	}

	/**
	 * Resolves once the server's state is in (or, offline, the phone's saved copy). Write what
	 * must not race with stored state (such as creating one's roster entry) only after it.
	 */
	whenSynced(): Promise<void> {
		return new Promise((resolve) => {
			if (this.provider.synced) return resolve();
			const onSync = (ok: boolean) => {
				if (!ok) return;
				this.provider.off('sync', onSync);
				resolve();
			};
			this.provider.on('sync', onSync);
			this.#idb?.whenSynced.then(() => {
				if (!navigator.onLine) resolve();
			});
		});
	}

	/** Runs `fn` over the document and re-runs the reader when the document changes. */
	read<T>(fn: (doc: Y.Doc) => T): T {
		this.#subscribe();
		return fn(this.doc);
	}

	/** Awareness states (presence) of everyone on this document, read reactively. */
	presence(): Map<number, Record<string, unknown>> {
		this.#subscribeAwareness();
		return this.provider.awareness.getStates() as Map<number, Record<string, unknown>>;
	}

	/** What this client tells the others about itself (role, name). */
	announce(state: Record<string, unknown>) {
		this.provider.awareness.setLocalState(state);
	}

	/** Changes one field of what this client tells the others (e.g. which card it edits). */
	announceField(key: string, value: unknown) {
		this.provider.awareness.setLocalStateField(key, value);
	}

	/** This client's awareness id (to leave itself out of "who else is here"). */
	get clientId(): number {
		return this.doc.clientID;
	}

	/** Stops the connection for good (bad token, leaving the page). */
	stop(status: ConnectionState = 'refused') {
		this.#reconnector.stop();
		this.provider.disconnect();
		this.status = status;
	}

	destroy() {
		this.#reconnector.stop();
		for (const fn of this.#cleanup) fn();
		this.provider.destroy();
		void this.#idb?.destroy();
		this.doc.destroy();
	}
}
