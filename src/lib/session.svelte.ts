/**
 * A session as a page sees it: its two live documents and the entities read out of them,
 * parsed with the shared schemas. Pages create one, hand it to their boards, and destroy it.
 */
import { BOARD, type Role } from '$lib/schema';
import { LiveDoc, type ConnectionState } from '$lib/sync/live-doc.svelte';
import { ACTIVITY_TARGET } from '$lib/facilitation/agenda';
import { SessionView } from '$lib/session-view';

export interface SessionClientOptions {
	sessionId: string;
	token: string;
	role: Role;
	/** Phones keep an offline copy; the laptop and the projector do not need one. */
	offline?: boolean;
}

const WORST: ConnectionState[] = ['refused', 'offline', 'reconnecting', 'connecting', 'connected'];

export class SessionClient extends SessionView {
	readonly id: string;
	readonly role: Role;
	declare readonly board: LiveDoc;
	declare readonly control: LiveDoc;

	constructor(opts: SessionClientOptions) {
		const common = { sessionId: opts.sessionId, token: opts.token, offline: opts.offline };
		super(new LiveDoc({ ...common, doc: 'board' }), new LiveDoc({ ...common, doc: 'control' }));
		this.id = opts.sessionId;
		this.role = opts.role;
	}

	/** The least connected of the two documents: what the badge shows. */
	get status(): ConnectionState {
		const a = WORST.indexOf(this.board.status);
		const b = WORST.indexOf(this.control.status);
		return WORST[Math.min(a, b)];
	}

	get synced(): boolean {
		return this.board.synced && this.control.synced;
	}

	/** Who else has this action's sheet open, from awareness (names may be empty). */
	editorsOf(actionId: string): { name: string; role: string }[] {
		const me = this.board.clientId;
		const out: { name: string; role: string }[] = [];
		for (const [client, state] of this.board.presence()) {
			if (client === me || !state || state.editing !== actionId) continue;
			out.push({ name: typeof state.name === 'string' ? state.name : '', role: typeof state.role === 'string' ? state.role : '' });
		}
		return out;
	}

	/** How many people have each action's sheet open (this client included). */
	get editing(): Map<string, number> {
		const out = new Map<string, number>();
		for (const state of this.board.presence().values()) {
			if (state && typeof state.editing === 'string') out.set(state.editing, (out.get(state.editing) ?? 0) + 1);
		}
		return out;
	}

	/** Raised hands, oldest first: who, and since when. */
	get hands(): { participantId: string; name: string; since: number }[] {
		const names = new Map(this.participants.map((p) => [p.id, p.name]));
		return this.board
			.read((doc) => Object.entries(doc.getMap(BOARD.hands).toJSON()))
			.filter((e): e is [string, number] => typeof e[1] === 'number')
			.map(([participantId, since]) => ({ participantId, name: names.get(participantId) ?? '', since }))
			.sort((a, b) => a.since - b.since);
	}

	/** Phones connected, and how many of them are on the board of the current step. */
	get phones(): { connected: number; onStep: number } {
		let connected = 0;
		let onStep = 0;
		const step = this.step;
		const board = step ? ACTIVITY_TARGET[step.step.activity].board : null;
		for (const state of this.board.presence().values()) {
			if (!state || state.role !== 'participant') continue;
			connected++;
			if (board && state.board === board) onStep++;
		}
		return { connected, onStep };
	}

	/** People on the board right now, by role, from awareness (every phone announces itself). */
	get online(): { participants: number; total: number } {
		let participants = 0;
		let total = 0;
		for (const state of this.board.presence().values()) {
			if (!state || typeof state.role !== 'string') continue;
			total++;
			if (state.role === 'participant') participants++;
		}
		return { participants, total };
	}

	destroy() {
		this.board.destroy();
		this.control.destroy();
	}
}
