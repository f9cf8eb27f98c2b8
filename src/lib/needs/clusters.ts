/**
 * Clusters: contributions of one need grouped under a label. Pure: how a column is laid out.
 */
import type { Cluster, Contribution, Entity } from '$lib/schema';

export interface ColumnLayout<T extends Entity<Contribution>> {
	groups: { cluster: Entity<Cluster>; items: T[] }[];
	/** Contributions in no cluster (or in one that no longer exists, or of another need). */
	loose: T[];
}

/** Lays out one need's contributions (in the order given) into its clusters, oldest cluster first. */
export function arrangeColumn<T extends Entity<Contribution>>(items: T[], clusters: Entity<Cluster>[], need: string): ColumnLayout<T> {
	const mine = clusters
		.filter((c) => c.need === need)
		.sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0) || a.id.localeCompare(b.id));
	const groups = mine.map((cluster) => ({ cluster, items: [] as T[] }));
	const byId = new Map(groups.map((g) => [g.cluster.id, g]));
	const loose: T[] = [];
	for (const item of items) {
		const group = item.clusterId ? byId.get(item.clusterId) : undefined;
		if (group) group.items.push(item);
		else loose.push(item);
	}
	return { groups, loose };
}
