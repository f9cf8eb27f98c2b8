/** How each kind of relation is drawn, on screens and in exported pictures: colour, dashes, arrow. */
import type { RelationKind } from '$lib/schema';

export const KIND_STYLE: Record<RelationKind, { color: string; dash: string; arrow: boolean }> = {
	cooperation: { color: '#2f6b4f', dash: '', arrow: false },
	supply: { color: '#8a5312', dash: '', arrow: true },
	funding: { color: '#6a5616', dash: '14 6', arrow: true },
	conflict: { color: '#9b1c1c', dash: '6 6', arrow: false },
	information: { color: '#1f5a96', dash: '2 6', arrow: false }
};
