/**
 * The needs board: changes to the documents, each one small named function in one transaction.
 */
import * as Y from 'yjs';
import { nanoid } from 'nanoid';
import { BOARD, CONTROL, type Settings, type Timer, type Vote } from '$lib/schema';

export function addContribution(doc: Y.Doc, c: { need: string; text: string; authorId: string; now?: number }): string {
	const id = nanoid(12);
	doc.transact(() => {
		const entry = new Y.Map<unknown>();
		doc.getMap(BOARD.contributions).set(id, entry);
		entry.set('need', c.need);
		entry.set('text', c.text.trim());
		entry.set('authorId', c.authorId);
		entry.set('createdAt', c.now ?? Date.now());
		// Its vote map is born with it, by one writer: two phones creating it at once would
		// each make their own, and one of them would lose its dots.
		doc.getMap(BOARD.votes).set(id, new Y.Map<number>());
	});
	return id;
}

export function editContribution(doc: Y.Doc, id: string, text: string): void {
	doc.transact(() => {
		const entry = doc.getMap(BOARD.contributions).get(id);
		if (entry instanceof Y.Map) entry.set('text', text.trim());
	});
}

export function deleteContribution(doc: Y.Doc, id: string): void {
	doc.transact(() => doc.getMap(BOARD.contributions).delete(id));
}

/** Hides an entity from phones and projector (facilitator only: the control document). */
export function setHidden(control: Y.Doc, id: string, hidden: boolean): void {
	control.transact(() => {
		const map = control.getMap(CONTROL.hidden);
		if (hidden) map.set(id, true);
		else map.delete(id);
	});
}

/** Adds the participant to the roster once (or updates their name). */
export function registerParticipant(doc: Y.Doc, p: { id: string; name: string; now?: number }): void {
	doc.transact(() => {
		const roster = doc.getMap(BOARD.participants);
		const existing = roster.get(p.id);
		if (existing instanceof Y.Map) {
			if (existing.get('name') !== p.name) existing.set('name', p.name);
			return;
		}
		const entry = new Y.Map<unknown>();
		roster.set(p.id, entry);
		entry.set('name', p.name);
		entry.set('joinedAt', p.now ?? Date.now());
	});
}

/** Changes one need's settings (facilitator: control document), creating its entry if needed. */
export function configureNeed(
	control: Y.Doc,
	key: string,
	patch: { label?: string | null; enabled?: boolean; order?: number },
	current: { order: number },
	list: typeof CONTROL.needs | typeof CONTROL.colleges = CONTROL.needs
): void {
	control.transact(() => {
		const needs = control.getMap(list);
		let entry = needs.get(key);
		if (!(entry instanceof Y.Map)) {
			entry = new Y.Map<unknown>();
			needs.set(key, entry);
			(entry as Y.Map<unknown>).set('order', current.order);
			(entry as Y.Map<unknown>).set('enabled', true);
		}
		const e = entry as Y.Map<unknown>;
		if (patch.label !== undefined) {
			if (patch.label && patch.label.trim()) e.set('label', patch.label.trim());
			else e.delete('label');
		}
		if (patch.enabled !== undefined) e.set('enabled', patch.enabled);
		if (patch.order !== undefined) e.set('order', patch.order);
	});
}

/** Adds a need after the others; `label` is omitted for a suggested need (catalogue label). */
export function addNeed(control: Y.Doc, need: { key: string; label?: string; order: number }): void {
	control.transact(() => {
		const needs = control.getMap(CONTROL.needs);
		// The next colour of the palette: one more than the needs added before this one.
		let palette = 0;
		needs.forEach((v) => {
			const p = v instanceof Y.Map ? v.get('palette') : undefined;
			if (typeof p === 'number') palette = Math.max(palette, p + 1);
		});
		const entry = new Y.Map<unknown>();
		needs.set(need.key, entry);
		entry.set('palette', palette);
		if (need.label) entry.set('label', need.label.trim());
		entry.set('enabled', true);
		entry.set('order', need.order);
	});
}

/** Swaps the order of two needs (move up / down). */
export function swapNeeds(control: Y.Doc, a: { key: string; order: number }, b: { key: string; order: number }): void {
	control.transact(() => {
		configureNeed(control, a.key, { order: b.order }, a);
		configureNeed(control, b.key, { order: a.order }, b);
	});
}

/** One of the facilitator's room-wide switches (names shown, projector screen, colleges…). */
export function setSetting<K extends keyof Settings>(control: Y.Doc, key: K, value: Settings[K]): void {
	control.transact(() => control.getMap(CONTROL.settings).set(key, value));
}

/** A participant's rating of one need (1..5), or null to take it back. */
export function setRating(doc: Y.Doc, r: { participantId: string; need: string; value: number | null }): void {
	doc.transact(() => {
		const ratings = doc.getMap(BOARD.ratings);
		let mine = ratings.get(r.participantId);
		if (!(mine instanceof Y.Map)) {
			if (r.value === null) return;
			mine = new Y.Map<unknown>();
			ratings.set(r.participantId, mine);
		}
		if (r.value === null) (mine as Y.Map<unknown>).delete(r.need);
		else (mine as Y.Map<unknown>).set(r.need, r.value);
	});
}

/** A participant's short comment on their rating of one need (empty text removes it). */
export function setRatingComment(doc: Y.Doc, c: { participantId: string; need: string; text: string }): void {
	doc.transact(() => {
		const comments = doc.getMap(BOARD.ratingComments);
		let mine = comments.get(c.participantId);
		if (!(mine instanceof Y.Map)) {
			if (!c.text.trim()) return;
			mine = new Y.Map<unknown>();
			comments.set(c.participantId, mine);
		}
		if (c.text.trim()) (mine as Y.Map<unknown>).set(c.need, c.text.trim());
		else (mine as Y.Map<unknown>).delete(c.need);
	});
}

/**
 * Adds (delta 1) or takes back (delta -1) one of this participant's dots on a target. The UI
 * checks the budget; the tally caps it anyway.
 */
export function castDot(doc: Y.Doc, d: { target: string; participantId: string; delta: 1 | -1 }): void {
	doc.transact(() => {
		const votes = doc.getMap(BOARD.votes);
		let map = votes.get(d.target);
		if (!(map instanceof Y.Map)) {
			if (d.delta < 0) return;
			map = new Y.Map<number>();
			votes.set(d.target, map);
		}
		const m = map as Y.Map<number>;
		const next = Math.max(0, (Number.isInteger(m.get(d.participantId)) ? m.get(d.participantId)! : 0) + d.delta);
		if (next === 0) m.delete(d.participantId);
		else m.set(d.participantId, next);
	});
}

/** Gives every target a vote map before a vote opens (one writer: the facilitator). */
export function prepareVoteMaps(doc: Y.Doc, targets: string[]): void {
	doc.transact(() => {
		const votes = doc.getMap(BOARD.votes);
		for (const t of targets) if (!(votes.get(t) instanceof Y.Map)) votes.set(t, new Y.Map<number>());
	});
}

/** Takes back every dot of the vote (the facilitator, starting a vote afresh): targets stay ready. */
export function clearVotes(doc: Y.Doc): void {
	doc.transact(() => {
		doc.getMap(BOARD.votes).forEach((map) => {
			if (map instanceof Y.Map) for (const key of [...map.keys()]) map.delete(key);
		});
	});
}

/** Opens the vote (every target ready for dots) or closes it: the facilitator. */
export function setVoteOpen(control: Y.Doc, board: Y.Doc, targets: string[], open: boolean): void {
	if (open) prepareVoteMaps(board, targets);
	setVote(control, { open });
}

/** Reveals the results (and puts them on the projector: revealing is for the room) or hides them. */
export function setVoteRevealed(control: Y.Doc, revealed: boolean): void {
	control.transact(() => {
		setVote(control, { revealed });
		if (revealed) setSetting(control, 'screen', 'votes');
	});
}

/** Opens, closes, reveals: the facilitator's vote settings. */
export function setVote(
	control: Y.Doc,
	patch: { open?: boolean; budget?: number; stack?: boolean; revealed?: boolean; target?: Vote['target'] }
): void {
	control.transact(() => {
		const vote = control.getMap(CONTROL.vote);
		for (const [k, v] of Object.entries(patch)) if (v !== undefined) vote.set(k, v);
	});
}

/** Writes the workshop timer (facilitator: control document). */
export function writeTimer(control: Y.Doc, timer: Timer): void {
	control.transact(() => {
		const map = control.getMap(CONTROL.timer);
		map.set('running', timer.running);
		map.set('remaining', timer.remaining);
		map.set('duration', timer.duration);
		if (timer.endsAt !== undefined) map.set('endsAt', timer.endsAt);
		else map.delete('endsAt');
	});
}

/** Adds a college after the others (facilitator). */
export function addCollege(control: Y.Doc, college: { key: string; label: string; order: number }): void {
	control.transact(() => {
		const entry = new Y.Map<unknown>();
		control.getMap(CONTROL.colleges).set(college.key, entry);
		entry.set('label', college.label.trim());
		entry.set('enabled', true);
		entry.set('order', college.order);
	});
}

/** The college a participant says they come from (null: rather not say). */
export function setCollege(doc: Y.Doc, p: { participantId: string; college: string | null }): void {
	doc.transact(() => {
		const entry = doc.getMap(BOARD.participants).get(p.participantId);
		if (!(entry instanceof Y.Map)) return;
		entry.set('college', p.college ?? '');
	});
}

/** Makes a cluster in a need, optionally with a first contribution in it; answers its id. */
export function createCluster(doc: Y.Doc, c: { need: string; label: string; contributionId?: string; now?: number }): string {
	const id = nanoid(12);
	doc.transact(() => {
		const entry = new Y.Map<unknown>();
		doc.getMap(BOARD.clusters).set(id, entry);
		entry.set('need', c.need);
		entry.set('label', c.label.trim());
		entry.set('createdAt', c.now ?? Date.now());
		doc.getMap(BOARD.votes).set(id, new Y.Map<number>());
		if (c.contributionId) assignCluster(doc, c.contributionId, id);
	});
	return id;
}

/** Puts a contribution in a cluster, or in none (null). */
export function assignCluster(doc: Y.Doc, contributionId: string, clusterId: string | null): void {
	doc.transact(() => {
		const entry = doc.getMap(BOARD.contributions).get(contributionId);
		if (!(entry instanceof Y.Map)) return;
		if (clusterId) entry.set('clusterId', clusterId);
		else entry.delete('clusterId');
	});
}

/**
 * Folds a contribution under another one that says the same (`of`), or takes it out again
 * (null). Marking onto a duplicate folds under what that one is folded under.
 */
export function markDuplicate(doc: Y.Doc, id: string, of: string | null): void {
	doc.transact(() => {
		const contributions = doc.getMap(BOARD.contributions);
		const entry = contributions.get(id);
		if (!(entry instanceof Y.Map)) return;
		if (of === null) {
			entry.delete('sameAs');
			return;
		}
		// Walk up to the root; if the walk comes back to `id`, the other becomes the root.
		let root = of;
		const seen = new Set<string>();
		while (!seen.has(root)) {
			seen.add(root);
			const at = contributions.get(root);
			const up = at instanceof Y.Map ? at.get('sameAs') : undefined;
			if (typeof up !== 'string' || !contributions.has(up)) break;
			if (up === id) {
				(at as Y.Map<unknown>).delete('sameAs');
				break;
			}
			root = up;
		}
		const target = contributions.get(root);
		if (root === id || !(target instanceof Y.Map) || target.get('need') !== entry.get('need')) return;
		// What was folded under this one stays folded under it: it shows under the root with it,
		// and comes back with it when it is separated again.
		entry.set('sameAs', root);
	});
}

export function renameCluster(doc: Y.Doc, clusterId: string, label: string): void {
	doc.transact(() => {
		const entry = doc.getMap(BOARD.clusters).get(clusterId);
		if (entry instanceof Y.Map) entry.set('label', label.trim());
	});
}

/** Removes a cluster; its contributions stay, in no cluster. */
export function dissolveCluster(doc: Y.Doc, clusterId: string): void {
	doc.transact(() => {
		doc.getMap(BOARD.contributions).forEach((entry) => {
			if (entry instanceof Y.Map && entry.get('clusterId') === clusterId) entry.delete('clusterId');
		});
		doc.getMap(BOARD.clusters).delete(clusterId);
	});
}

/**
 * Moves contributions of one need into a cluster, out of any (null), or into a new one ('new',
 * named `newLabel`); the menu and drag and drop both end here.
 */
export function groupContributions(doc: Y.Doc, g: { ids: string[]; cluster: string | null | 'new'; need: string; newLabel: string }): void {
	if (g.ids.length === 0) return;
	doc.transact(() => {
		if (g.cluster === 'new') {
			const id = createCluster(doc, { need: g.need, label: g.newLabel, contributionId: g.ids[0] });
			for (const other of g.ids.slice(1)) assignCluster(doc, other, id);
			return;
		}
		const contributions = doc.getMap(BOARD.contributions);
		for (const id of g.ids) {
			const entry = contributions.get(id);
			if (entry instanceof Y.Map && (entry.get('clusterId') ?? null) !== g.cluster) assignCluster(doc, id, g.cluster);
		}
	});
}
