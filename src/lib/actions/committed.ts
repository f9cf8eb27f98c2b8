import type { MessageKey } from '$lib/i18n/messages';
import type { Actor, Commitment, Entity } from '$lib/schema';

/**
 * Who a commitment is from: the organisation it names, or the person ("Sam, à titre personnel";
 * without a first name, "à titre personnel"): a report that says who does what must say who.
 */
export function committer(
	c: Pick<Commitment, 'actorId' | 'participantId'>,
	actorName: (id: string) => string | undefined,
	personName: (id: string) => string | undefined,
	t: (key: MessageKey, params?: Record<string, string>) => string
): string {
	if (c.actorId) return actorName(c.actorId) ?? t('action.unknownActor');
	const name = personName(c.participantId)?.trim();
	return name ? t('commit.byNamedPerson', { name }) : t('commit.byPerson');
}

/** action id → who committed to it: organisations by name (once each), or people in their own name. */
export function committedNames(
	commitments: Pick<Commitment, 'actionId' | 'actorId' | 'participantId'>[],
	actors: Entity<Actor>[],
	t: (key: MessageKey, params?: Record<string, string>) => string,
	people: { id: string; name: string }[] = []
): Map<string, string[]> {
	const names = new Map(actors.map((a) => [a.id, a.name]));
	const persons = new Map(people.map((p) => [p.id, p.name]));
	const out = new Map<string, string[]>();
	for (const c of commitments) {
		const who = committer(c, (id) => names.get(id), (id) => persons.get(id), t);
		const list = out.get(c.actionId) ?? [];
		if (!list.includes(who)) list.push(who);
		out.set(c.actionId, list);
	}
	return out;
}
