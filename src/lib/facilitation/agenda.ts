/**
 * The agenda, pure: what each kind of step shows, the order of steps, the templates to start
 * from, and the checks on a step.
 */
import type { MessageKey } from '$lib/i18n/messages';
import { STEP_TITLE_MAX, type Activity, type AgendaStep, type BoardName, type Entity, type Screen } from '$lib/schema';
import { byRank } from '$lib/actions/actions';

/** Where a step takes the projector and the phones. */
export const ACTIVITY_TARGET: Record<Activity, { screen: Screen; board: BoardName | null }> = {
	needs: { screen: 'needs', board: 'needs' },
	vote: { screen: 'votes', board: 'needs' },
	rate: { screen: 'radar', board: 'rate' },
	actors: { screen: 'grid', board: 'actors' },
	relations: { screen: 'graph', board: 'actors' },
	lanes: { screen: 'lanes', board: 'actors' },
	actions: { screen: 'actions', board: 'actions' },
	coverage: { screen: 'coverage', board: 'actions' },
	other: { screen: 'needs', board: null }
};

export function orderedSteps<T extends Entity<AgendaStep>>(steps: T[]): T[] {
	return [...steps].sort(byRank);
}

export type StepProblem = 'empty' | 'tooLong' | 'minutes';
export function stepProblem(title: string, minutes: number): StepProblem | null {
	if (!title.trim()) return 'empty';
	if ([...title.trim()].length > STEP_TITLE_MAX) return 'tooLong';
	if (!Number.isInteger(minutes) || minutes < 0 || minutes > 240) return 'minutes';
	return null;
}

/** Templates: steps with titles from the catalogue, so they follow the session's language. */
export const TEMPLATES: Record<string, { activity: Activity; title: MessageKey; minutes: number }[]> = {
	diagnostic: [
		{ activity: 'other', title: 'template.step.welcome', minutes: 10 },
		{ activity: 'needs', title: 'template.step.needs', minutes: 30 },
		{ activity: 'vote', title: 'template.step.priorities', minutes: 15 },
		{ activity: 'rate', title: 'template.step.rate', minutes: 20 },
		{ activity: 'other', title: 'template.step.break', minutes: 15 },
		{ activity: 'actors', title: 'template.step.actors', minutes: 20 },
		{ activity: 'other', title: 'template.step.wrapUp', minutes: 10 }
	],
	actors: [
		{ activity: 'actors', title: 'template.step.actors', minutes: 25 },
		{ activity: 'relations', title: 'template.step.relations', minutes: 20 },
		{ activity: 'lanes', title: 'template.step.lanes', minutes: 15 }
	],
	actions: [
		{ activity: 'actions', title: 'template.step.actions', minutes: 40 },
		{ activity: 'coverage', title: 'template.step.coverage', minutes: 20 },
		{ activity: 'vote', title: 'template.step.actionVote', minutes: 15 },
		{ activity: 'actions', title: 'template.step.commitments', minutes: 15 }
	]
};
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as (keyof typeof TEMPLATES)[];

const TEMPLATE_TITLES = new Set<string>(Object.values(TEMPLATES).flatMap((steps) => steps.map((s) => s.title)));

/** A step's title as this device reads it: a template's step nobody renamed, in this device's language. */
export function stepTitle(step: { title: string; titleKey?: string }, t: (key: MessageKey) => string): string {
	return step.titleKey && TEMPLATE_TITLES.has(step.titleKey) ? t(step.titleKey as MessageKey) : step.title;
}

/** The step after the current one (the first when none is current), or null at the end. */
export function nextStep<T extends { id: string }>(ordered: T[], current: string): T | null {
	const i = ordered.findIndex((s) => s.id === current);
	return ordered[i + 1] ?? null;
}
