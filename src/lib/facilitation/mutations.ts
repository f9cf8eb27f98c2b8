/**
 * Facilitation: changes to the control document (facilitator only), each in one transaction.
 */
import * as Y from 'yjs';
import { nanoid } from 'nanoid';
import { BOARD, CONTROL, type Activity, type AgendaStep } from '$lib/schema';
import { ACTIVITY_TARGET } from './agenda';
import { NO_TIMER, setTimer } from './timer';
import { prepareVoteMaps, setVote, writeTimer } from '$lib/needs/mutations';

export function addStep(control: Y.Doc, s: { activity: Activity; title: string; minutes: number; rank: string; titleKey?: string }): string {
	const id = nanoid(10);
	control.transact(() => {
		const entry = new Y.Map<unknown>();
		control.getMap(CONTROL.agenda).set(id, entry);
		entry.set('activity', s.activity);
		entry.set('title', s.title.trim());
		entry.set('minutes', s.minutes);
		entry.set('rank', s.rank);
		if (s.titleKey) entry.set('titleKey', s.titleKey);
	});
	return id;
}

export function updateStep(control: Y.Doc, id: string, patch: Partial<Pick<AgendaStep, 'activity' | 'title' | 'minutes' | 'rank'>>): void {
	control.transact(() => {
		const entry = control.getMap(CONTROL.agenda).get(id);
		if (!(entry instanceof Y.Map)) return;
		for (const [k, v] of Object.entries(patch)) if (v !== undefined && entry.get(k) !== v) entry.set(k, typeof v === 'string' && k === 'title' ? v.trim() : v);
		// Renamed by the facilitator: their words, in every language, from now on.
		if (patch.title !== undefined && entry.has('titleKey')) entry.delete('titleKey');
	});
}

export function deleteStep(control: Y.Doc, id: string): void {
	control.transact(() => {
		control.getMap(CONTROL.agenda).delete(id);
		const settings = control.getMap(CONTROL.settings);
		if (settings.get('currentStep') === id) settings.set('currentStep', '');
	});
}

/**
 * Takes the room to a step: the projector shows its board, the phones follow, and the timer is
 * set to its minutes (not started: the facilitator starts it when the room is ready; a step
 * without minutes takes the last one's countdown away). A vote
 * step opens the vote on what `vote` says can receive dots; leaving it closes the vote.
 */
export function goToStep(control: Y.Doc, step: { id: string; activity: Activity; minutes: number }, vote?: { board: Y.Doc; targets: string[] }): void {
	const settings = control.getMap(CONTROL.settings);
	const previousId = String(settings.get('currentStep') ?? '');
	const previous = control.getMap(CONTROL.agenda).get(previousId);
	const wasVote = previous instanceof Y.Map && previous.get('activity') === 'vote';
	if (step.activity === 'vote' && vote) prepareVoteMaps(vote.board, vote.targets);
	control.transact(() => {
		settings.set('currentStep', step.id);
		if (step.activity !== 'other') settings.set('screen', ACTIVITY_TARGET[step.activity].screen);
		writeTimer(control, step.minutes > 0 ? setTimer(step.minutes) : NO_TIMER);
		if (step.activity === 'vote' && vote) setVote(control, { open: true });
		else if (wasVote && step.id !== previousId) setVote(control, { open: false });
	});
}

/** A participant raises (or lowers) their hand; the facilitator may lower it too. */
export function setHand(board: Y.Doc, participantId: string, raised: boolean, now = Date.now()): void {
	board.transact(() => {
		const hands = board.getMap(BOARD.hands);
		if (raised) hands.set(participantId, now);
		else hands.delete(participantId);
	});
}
