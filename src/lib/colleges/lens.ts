/**
 * The college lens of a live session, ready for the radar and the vote results: labels in the
 * reader's language, groups too small to stay anonymous left out.
 */
import type { MessageKey } from '$lib/i18n/messages';
import type { SessionView } from '$lib/session-view';
import { collegeLabel, dotsByCollege, ratingsByCollege } from './colleges';

type T = (key: MessageKey) => string;

export function ratingLens(session: SessionView, t: T) {
	const colleges = session.colleges.filter((c) => c.enabled);
	const of = session.collegeOf;
	const split = ratingsByCollege(
		session.ratings,
		session.shownNeeds.map((n) => n.key),
		(p) => of.get(p),
		colleges.map((c) => c.key)
	);
	return split.map((g, i) => ({ label: collegeLabel(colleges[i], t), stats: g.stats }));
}

export function voteLens(session: SessionView, t: T) {
	const colleges = session.colleges.filter((c) => c.enabled);
	const of = session.collegeOf;
	const { dots } = dotsByCollege(session.tally.byParticipant, (p) => of.get(p), colleges.map((c) => c.key));
	return { labels: new Map(colleges.map((c) => [c.key, collegeLabel(c, t)])), dots };
}
