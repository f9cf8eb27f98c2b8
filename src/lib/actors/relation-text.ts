import type { MessageKey } from '$lib/i18n/messages';
import type { Actor, Entity, Relation } from '$lib/schema';

/** "Ferme du Bocage supplies Cuisine centrale", in the session's words. */
export function relationSentence(r: Pick<Relation, 'from' | 'to' | 'kind'>, actors: Entity<Actor>[], t: (key: MessageKey, params?: Record<string, string | number>) => string): string {
	const name = (id: string) => actors.find((a) => a.id === id)?.name ?? '?';
	return t('relation.sentence', { from: name(r.from), kind: t(`relation.verb.${r.kind}` as MessageKey), to: name(r.to) });
}
