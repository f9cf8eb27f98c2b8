/**
 * What the vote results list: contributions, clusters with their size, or actions, by id.
 */
import type { MessageKey } from '$lib/i18n/messages';
import type { SessionClient } from '$lib/session.svelte';

export function voteEntries(
	session: SessionClient,
	count: (base: string, n: number) => string,
	t: (key: MessageKey) => string
): { title: string; entries: Map<string, { text: string; need: string; detail?: string }> } {
	if (session.vote.target === 'contributions') {
		return {
			title: t('vote.resultsTitle'),
			entries: new Map(session.contributions.map((c) => [c.id, { text: c.text, need: c.need }]))
		};
	}
	if (session.vote.target === 'actions') {
		// An action answers several needs: the first one gives its colour and icon.
		return {
			title: t('vote.resultsTitleActions'),
			entries: new Map(session.actions.map((a) => [a.id, { text: a.title || t('action.untitled'), need: a.needs[0] ?? '' }]))
		};
	}
	const hidden = session.hidden;
	const sizes = new Map<string, number>();
	for (const c of session.contributions) if (c.clusterId && !hidden.has(c.id)) sizes.set(c.clusterId, (sizes.get(c.clusterId) ?? 0) + 1);
	return {
		title: t('vote.resultsTitleClusters'),
		entries: new Map(session.clusters.map((k) => [k.id, { text: k.label, need: k.need, detail: count('vote.clusterItems', sizes.get(k.id) ?? 0) }]))
	};
}
