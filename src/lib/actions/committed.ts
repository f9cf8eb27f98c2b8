import type { MessageKey } from '$lib/i18n/messages';
import type { Actor, Commitment, Entity } from '$lib/schema';

/** action id → who committed to it: organisations by name (once each), or "in their own name". */
export function committedNames(commitments: Pick<Commitment, 'actionId' | 'actorId'>[], actors: Entity<Actor>[], t: (key: MessageKey) => string): Map<string, string[]> {
	const names = new Map(actors.map((a) => [a.id, a.name]));
	const out = new Map<string, string[]>();
	for (const c of commitments) {
		const who = c.actorId ? (names.get(c.actorId) ?? t('action.unknownActor')) : t('commit.byPerson');
		const list = out.get(c.actionId) ?? [];
		if (!list.includes(who)) list.push(who);
		out.set(c.actionId, list);
	}
	return out;
}
