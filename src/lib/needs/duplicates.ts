/**
 * Duplicates: a contribution marked "same idea as" another is folded under it, and its dots
 * count for it. Pure, so every device folds the same way.
 */
import type { Contribution, Entity } from '$lib/schema';
import type { VoteData } from './votes';

/**
 * duplicate id → the contribution it is folded under (the end of its `sameAs` chain). A mark
 * counts only while that contribution exists, in the same need, not hidden: otherwise the
 * duplicate stands on its own again, so nothing anyone said ever disappears with another post.
 */
export function duplicateRoots(all: Entity<Contribution>[], hidden: Set<string> = new Set()): Map<string, string> {
	const byId = new Map(all.map((c) => [c.id, c]));
	const roots = new Map<string, string>();
	for (const c of all) {
		const seen = new Set([c.id]);
		let at = c;
		while (at.sameAs) {
			const next = byId.get(at.sameAs);
			if (!next || next.need !== c.need || hidden.has(next.id) || seen.has(next.id)) break;
			seen.add(next.id);
			at = next;
		}
		if (at.id !== c.id) roots.set(c.id, at.id);
	}
	// A cycle (two people marking each other at once) leaves its members pointing in a ring:
	// the oldest of the ring stays standalone and carries the others.
	for (const [id, root] of roots) {
		if (roots.has(root)) {
			const ring = [id, ...chain(roots, id)].map((x) => byId.get(x)!).sort(byAge);
			const head = ring[0].id;
			for (const member of ring) {
				if (member.id === head) roots.delete(member.id);
				else roots.set(member.id, head);
			}
		}
	}
	return roots;
}

function chain(roots: Map<string, string>, from: string): string[] {
	const out: string[] = [];
	let at = roots.get(from);
	while (at && !out.includes(at) && at !== from) {
		out.push(at);
		at = roots.get(at);
	}
	return out;
}

function byAge(a: Entity<Contribution>, b: Entity<Contribution>): number {
	return a.createdAt - b.createdAt || a.id.localeCompare(b.id);
}

/** root id → its duplicates, oldest first. */
export function duplicatesByRoot<T extends Entity<Contribution>>(all: T[], roots: Map<string, string>): Map<string, T[]> {
	const out = new Map<string, T[]>();
	for (const c of [...all].sort(byAge)) {
		const root = roots.get(c.id);
		if (root) (out.get(root) ?? out.set(root, []).get(root)!).push(c);
	}
	return out;
}

/** The dots given to a duplicate count for the contribution it is folded under. */
export function foldVotes(data: VoteData, roots: Map<string, string>): VoteData {
	if (roots.size === 0) return data;
	const out: VoteData = {};
	for (const [target, byParticipant] of Object.entries(data)) {
		const into = (out[roots.get(target) ?? target] ??= {});
		for (const [participant, dots] of Object.entries(byParticipant)) {
			if (Number.isInteger(dots) && dots > 0) into[participant] = (into[participant] ?? 0) + dots;
		}
	}
	return out;
}
