/**
 * The written synthesis of a session ("compte rendu"): everything the organisers send out, read
 * once from the two documents, with every label already in the session's language. The page,
 * Markdown, Word and PDF all write this one structure, so they never disagree.
 */
import { ACTOR_CATEGORIES, BOARD, COLLEGE_MIN_GROUP, CONTROL, type ActionStatus, type ActorCategory, type Language, type RelationKind, type Vote } from '$lib/schema';
import { wordsFor, type MessageKey, type Words } from '$lib/i18n/messages';
import type { SessionView } from '$lib/session-view';
import { needLabel } from '$lib/needs/needs';
import { duplicatesByRoot } from '$lib/needs/duplicates';
import { ranking } from '$lib/needs/votes';
import { collegeLabel, dotsByCollege, ratingsByCollege } from '$lib/colleges/colleges';
import { committer } from '$lib/actions/committed';
import { laneLayout, missingCategories, quadrant } from '$lib/actors/actors';
import { relationSentence } from '$lib/actors/relation-text';
import { coverage, isOverdue, today } from '$lib/actions/actions';

export interface SynthesisNeed {
	key: string;
	label: string;
	color: string;
	/** Contributions the room sees, by cluster (the unclustered ones last, `label` null). */
	groups: { label: string | null; items: { text: string; /** said this many times (duplicates folded in) */ times: number }[] }[];
	count: number;
}

export interface RankedItem {
	place: number;
	text: string;
	/** The need (contributions and clusters) or the needs (actions) it belongs to. */
	need: string;
	dots: number;
}

export interface SynthesisVote {
	target: Vote['target'];
	voters: number;
	ranked: RankedItem[];
	/** Dots by college for the ranked items (same order), when colleges are big enough. */
	byCollege: { colleges: string[]; dots: number[][] } | null;
	/** Colleges that voted but are too small to be shown (the report says so rather than drop them silently). */
	hiddenColleges: string[];
}

export interface SynthesisActor {
	id: string;
	name: string;
	category: string;
	categoryKey: ActorCategory;
	stages: string[];
	needs: string[];
	influence: number;
	interest: number;
	/** false: nobody placed it on the grid yet (it is left out of the grid picture). */
	placed: boolean;
	quadrant: string;
	stance: string;
	note: string;
}

export interface SynthesisAction {
	title: string;
	status: string;
	statusKey: ActionStatus;
	lead: string;
	partners: string[];
	needs: string[];
	due: string;
	overdue: boolean;
	objective: string;
	detail: string;
	commitments: { who: string; role: string; brings: string[]; text: string }[];
	dots: number;
}

export interface Synthesis {
	lang: Language;
	title: string;
	territory: string;
	/** When the room started (first phone), and how long it has been working, in minutes. */
	startedAt: number | null;
	minutes: number | null;
	generatedAt: number;
	participants: { count: number; colleges: { label: string; count: number }[]; withoutCollege: number };
	needs: SynthesisNeed[];
	votes: SynthesisVote[];
	radar: {
		respondents: number;
		rows: { need: string; color: string; mean: number | null; spread: number | null; count: number; /** the words people gave with their rating */ comments: string[] }[];
	};
	/** Mean rating per need and college, for colleges big enough to stay anonymous. */
	radarByCollege: { college: string; means: (number | null)[] }[];
	/** Colleges that rated but are too small to be shown. */
	radarHiddenColleges: string[];
	actors: SynthesisActor[];
	actorsByCategory: { category: string; count: number }[];
	lanes: { stage: string; actors: string[] }[];
	missingCategories: string[];
	relations: string[];
	/** The relations as the graph draws them (actor ids). */
	links: { from: string; to: string; kind: RelationKind }[];
	actions: SynthesisAction[];
	coverage: {
		needs: string[];
		/** One row per action: whether it answers each need, in `needs` order. */
		rows: { action: string; answers: boolean[] }[];
		uncoveredNeeds: string[];
		withoutLead: string[];
		idleActors: string[];
	};
	conclusions: string;
}

export interface SynthesisInput {
	view: SessionView;
	/** The session record: when it was created, in which language. */
	createdAt: number;
	/** When the last change was stored (the end of the work so far). */
	lastChangeAt: number | null;
	now?: number;
}

export function buildSynthesis({ view, createdAt, lastChangeAt, now = Date.now() }: SynthesisInput): Synthesis {
	const meta = view.meta;
	const lang = meta.language;
	const w: Words = wordsFor(() => lang);
	const t = w.t;
	const needs = view.shownNeeds;
	const labelOf = new Map(view.needs.map((n) => [n.key, needLabel(n, t)]));
	const needName = (key: string) => labelOf.get(key) ?? key;
	const hidden = view.hidden;
	const folded = view.duplicates;
	const seen = view.contributions
		.filter((c) => !hidden.has(c.id))
		.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
	const twins = duplicatesByRoot(seen, folded);
	const clusters = view.clusters.sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0) || a.id.localeCompare(b.id));

	const needSections: SynthesisNeed[] = needs.map((n) => {
		const mine = seen.filter((c) => c.need === n.key && !folded.has(c.id));
		const item = (c: (typeof mine)[number]) => ({ text: c.text, times: 1 + (twins.get(c.id)?.length ?? 0) });
		const groups: SynthesisNeed['groups'] = clusters
			.filter((k) => k.need === n.key)
			.map((k) => ({ label: k.label, items: mine.filter((c) => c.clusterId === k.id).map(item) }))
			.filter((g) => g.items.length > 0);
		const clustered = new Set(clusters.map((k) => k.id));
		const loose = mine.filter((c) => !c.clusterId || !clustered.has(c.clusterId)).map(item);
		if (loose.length > 0) groups.push({ label: null, items: loose });
		return { key: n.key, label: needName(n.key), color: n.style.color, groups, count: mine.length };
	});

	const colleges = view.colleges.filter((c) => c.enabled);
	const collegeOf = view.collegeOf;
	const participants = view.participants;

	// Every vote that left dots: contributions, clusters, actions (each counted on its own).
	const texts = {
		contributions: new Map(view.contributions.map((c) => [c.id, { text: c.text, need: needName(c.need) }])),
		clusters: new Map(view.clusters.map((k) => [k.id, { text: k.label, need: needName(k.need) }])),
		actions: new Map(view.actions.map((a) => [a.id, { text: a.title || t('action.untitled'), need: a.needs.map(needName).join(', ') }]))
	};
	const votes: SynthesisVote[] = [];
	const actionDots: Record<string, number> = {};
	for (const target of ['contributions', 'clusters', 'actions'] as const) {
		const counted = view.tallyOf(target);
		if (counted.voters === 0) continue;
		if (target === 'actions') Object.assign(actionDots, counted.totals);
		const ranked = ranking(counted.totals, view.targetsOf(target));
		let place = 0;
		const items = ranked.map((r, i) => {
			if (i === 0 || ranked[i - 1].dots !== r.dots) place = i + 1;
			const entry = texts[target].get(r.id)!;
			return { place, text: entry.text, need: entry.need, dots: r.dots };
		});
		const split = dotsByCollege(counted.byParticipant, (p) => collegeOf.get(p), colleges.map((c) => c.key));
		const shownColleges = colleges.filter((c) => ranked.some((r) => split.dots[r.id]?.[c.key]));
		votes.push({
			target,
			voters: counted.voters,
			ranked: items,
			byCollege:
				shownColleges.length > 0
					? { colleges: shownColleges.map((c) => collegeLabel(c, t)), dots: ranked.map((r) => shownColleges.map((c) => split.dots[r.id]?.[c.key] ?? 0)) }
					: null,
			hiddenColleges: colleges.filter((c) => split.voters[c.key] > 0 && split.voters[c.key] < COLLEGE_MIN_GROUP).map((c) => collegeLabel(c, t))
		});
	}

	const stats = view.ratingStats;
	const needKeys = needs.map((n) => n.key);
	const ratingGroups = ratingsByCollege(view.ratings, needKeys, (p) => collegeOf.get(p), colleges.map((c) => c.key));
	const radarByCollege = ratingGroups
		.map((g, i) => ({ college: collegeLabel(colleges[i], t), means: g.stats?.map((s) => s.mean) ?? null }))
		.filter((g): g is { college: string; means: (number | null)[] } => g.means !== null);
	const radarHiddenColleges = ratingGroups.flatMap((g, i) => (g.respondents > 0 && g.stats === null ? [collegeLabel(colleges[i], t)] : []));

	const actors = view.actors;
	const actorName = new Map(actors.map((a) => [a.id, a.name]));
	const personName = new Map(view.participants.map((p) => [p.id, p.name]));
	const nameOf = (id: string | undefined) => (id ? (actorName.get(id) ?? t('action.unknownActor')) : '');
	const commitments = view.commitments;
	const actions = view.actions;
	const covered = coverage(needKeys, actions, actors, commitments);
	const day = today(new Date(now));

	// The room's working time: from the first thing anyone did to the last change.
	const moments = [
		...participants.map((p) => p.joinedAt),
		...view.contributions.map((c) => c.createdAt),
		...actors.map((a) => a.createdAt ?? 0),
		...actions.map((a) => a.createdAt ?? 0)
	].filter((v) => v > 0);
	const startedAt = moments.length > 0 ? Math.min(...moments) : null;
	const end = Math.max(lastChangeAt ?? 0, ...moments);
	const worked = startedAt !== null ? Math.round((end - startedAt) / 60000) : 0;
	const said = view.board.read((doc) => doc.getMap(BOARD.ratingComments).toJSON()) as Record<string, Record<string, unknown>>;
	const commentsOn = (need: string) =>
		Object.values(said)
			.map((byNeed) => byNeed?.[need])
			.filter((text): text is string => typeof text === 'string' && text.trim() !== '')
			.map((text) => text.trim());

	return {
		lang,
		title: meta.title,
		territory: meta.territory,
		startedAt: startedAt ?? createdAt,
		minutes: worked >= 1 ? worked : null,
		generatedAt: now,
		participants: {
			count: participants.length,
			colleges: colleges
				.map((c) => ({ label: collegeLabel(c, t), count: participants.filter((p) => p.college === c.key).length }))
				.filter((c) => c.count > 0),
			withoutCollege: participants.filter((p) => !p.college || !colleges.some((c) => c.key === p.college)).length
		},
		needs: needSections,
		votes,
		radar: {
			respondents: view.respondents,
			rows: stats.map((s, i) => ({ need: needName(s.need), color: needs[i].style.color, mean: s.mean, spread: s.spread, count: s.count, comments: commentsOn(s.need) }))
		},
		radarByCollege,
		radarHiddenColleges,
		actors: actors.map((a) => ({
			id: a.id,
			name: a.name,
			category: t(`category.${a.category}` as MessageKey),
			categoryKey: a.category,
			stages: a.stages.map((s) => t(`stage.${s}` as MessageKey)),
			needs: a.needs.map(needName),
			influence: a.influence,
			interest: a.interest,
			placed: a.placed !== false,
			quadrant: t(`quadrant.${quadrant(a)}` as MessageKey),
			stance: a.stance ? t(`stance.${a.stance}` as MessageKey) : '',
			note: a.note
		})),
		actorsByCategory: ACTOR_CATEGORIES.map((c) => ({ category: t(`category.${c}` as MessageKey), count: actors.filter((a) => a.category === c).length })).filter(
			(c) => c.count > 0
		),
		lanes: laneLayout(actors, lang).lanes.map((l) => ({ stage: t(`stage.${l.stage}` as MessageKey), actors: l.actors.map((a) => a.name) })),
		missingCategories: missingCategories(actors).map((c) => t(`category.${c}` as MessageKey)),
		relations: view.relations.map((r) => relationSentence(r, actors, t)),
		links: view.relations.map((r) => ({ from: r.from, to: r.to, kind: r.kind })),
		actions: actions.map((a) => ({
			title: a.title || t('action.untitled'),
			status: t(`synthesis.status.${a.status}`),
			statusKey: a.status,
			// The lead organisation, else whoever committed as lead (a person in their own name).
			lead: a.lead
				? nameOf(a.lead)
				: commitments
						.filter((c) => c.actionId === a.id && c.role === 'lead')
						.map((c) => committer(c, (id) => actorName.get(id), (id) => personName.get(id), t))
						.join(', '),
			partners: a.partners.map(nameOf),
			needs: a.needs.filter((n) => labelOf.has(n)).map(needName),
			due: a.due ?? '',
			overdue: isOverdue(a, day),
			objective: a.objective,
			detail: a.detail,
			commitments: commitments
				.filter((c) => c.actionId === a.id)
				.map((c) => ({
					who: committer(c, (id) => actorName.get(id), (id) => personName.get(id), t),
					role: t(`commit.role.${c.role}` as MessageKey),
					brings: c.brings.map((b) => t(`commit.bring.${b}` as MessageKey)),
					text: c.text
				})),
			dots: actionDots[a.id] ?? 0
		})),
		coverage: {
			needs: needs.map((n) => needName(n.key)),
			rows: actions.map((a) => ({ action: a.title || t('action.untitled'), answers: needKeys.map((n) => a.needs.includes(n)) })),
			uncoveredNeeds: covered.uncoveredNeeds.map(needName),
			withoutLead: covered.withoutLead.map((id) => actions.find((a) => a.id === id)?.title || t('action.untitled')),
			idleActors: covered.idleActors.map((id) => actorName.get(id) ?? '')
		},
		conclusions: view.control.read((doc) => doc.getText(CONTROL.conclusions).toString())
	};
}
