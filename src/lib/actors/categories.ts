/**
 * How actor categories look: one colour each (dark enough for white text and for 3:1 against
 * the page), used with the category's icon or name, never alone.
 */
import type { ActorCategory } from '$lib/schema';

export const CATEGORY_COLORS: Record<ActorCategory, string> = {
	local_authority: '#1f5a96',
	state_service: '#3b4a78',
	farmer: '#3f6f1f',
	processor: '#8a5312',
	distributor: '#a3431b',
	catering: '#a8323a',
	ess: '#74388a',
	association: '#17695c',
	funder: '#6a5616',
	institution: '#4f5358',
	citizen: '#973660',
	other: '#6b6058'
};

export function categoryColor(category: ActorCategory): string {
	return CATEGORY_COLORS[category] ?? CATEGORY_COLORS.other;
}
