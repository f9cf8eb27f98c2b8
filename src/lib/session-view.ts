/**
 * What a session's two documents say, read out with the shared schemas: the needs, the
 * contributions and how the vote counts, the actors, the actions. The live client (pages) and the
 * server (exports) read the same way; only where the documents come from differs.
 */
import type * as Y from 'yjs';
import {
	BOARD,
	CONTROL,
	actionSchema,
	actorSchema,
	commitmentSchema,
	ACTION_STATUSES,
	type Action,
	type Commitment,
	relationSchema,
	type Actor,
	type Relation,
	clusterSchema,
	contributionSchema,
	type Cluster,
	participantSchema,
	readEntities,
	sessionMetaSchema,
	settingsSchema,
	voteSchema,
	timerSchema,
	agendaStepSchema,
	type AgendaStep,
	type Timer,
	type Settings,
	type Vote,
	type Contribution,
	type Entity,
	type Participant,
	type Role,
	type SessionMeta
} from '$lib/schema';
import { liveRelations } from '$lib/actors/actors';
import { byRank } from '$lib/actions/actions';
import { orderedSteps } from '$lib/facilitation/agenda';
import { sessionNeeds, type NeedView } from '$lib/needs/needs';
import { parseRatings, ratingStats, respondents, type NeedRating, type Ratings } from '$lib/needs/ratings';
import { duplicateRoots, foldVotes } from '$lib/needs/duplicates';
import { tally, type Tally, type VoteData } from '$lib/needs/votes';
import { visibleContributions } from '$lib/needs/needs';
import { sessionColleges, type CollegeView } from '$lib/colleges/colleges';

/** Reads a document; a live one also re-runs the reader when the document changes. */
export interface DocReader {
	read<T>(fn: (doc: Y.Doc) => T): T;
}

/** A document read once, as it is (the server's exports). */
export function plainReader(doc: Y.Doc): DocReader {
	return { read: (fn) => fn(doc) };
}

export class SessionView {
	constructor(
		readonly board: DocReader,
		readonly control: DocReader
	) {}

	get meta(): SessionMeta {
		return this.control.read((doc) => {
			const parsed = sessionMetaSchema.safeParse(doc.getMap(CONTROL.session).toJSON());
			return parsed.success ? parsed.data : { title: '', territory: '', language: 'fr' };
		});
	}

	/** Every need of the session (enabled or not), in the facilitator's order. */
	get needs(): NeedView[] {
		return this.control.read((doc) => sessionNeeds(doc.getMap(CONTROL.needs).toJSON()));
	}

	/** The needs the room sees. */
	get shownNeeds(): NeedView[] {
		return this.needs.filter((n) => n.enabled);
	}

	get settings(): Settings {
		return this.control.read((doc) => {
			const parsed = settingsSchema.safeParse(doc.getMap(CONTROL.settings).toJSON());
			return parsed.success ? parsed.data : settingsSchema.parse({});
		});
	}

	/** Every college of the session (offered or not), in order. */
	get colleges(): CollegeView[] {
		return this.control.read((doc) => sessionColleges(doc.getMap(CONTROL.colleges).toJSON()));
	}

	/** participantId → college key, for those who said. */
	get collegeOf(): Map<string, string> {
		return new Map(this.participants.filter((p) => p.college).map((p) => [p.id, p.college!]));
	}

	/** Ids the facilitator hid: still in the data, shown to nobody but the facilitator. */
	get hidden(): Set<string> {
		return this.control.read((doc) => {
			const out = new Set<string>();
			doc.getMap(CONTROL.hidden).forEach((v, k) => v === true && out.add(k));
			return out;
		});
	}

	get contributions(): Entity<Contribution>[] {
		return this.board.read((doc) => readEntities(doc.getMap(BOARD.contributions), contributionSchema));
	}

	/** The dot vote's settings (closed, 5 dots, no stacking, hidden results by default). */
	get vote(): Vote {
		return this.control.read((doc) => {
			const parsed = voteSchema.safeParse(doc.getMap(CONTROL.vote).toJSON());
			return parsed.success ? parsed.data : voteSchema.parse({});
		});
	}

	/** The agenda's steps, in order. */
	get agenda(): Entity<AgendaStep>[] {
		return orderedSteps(this.control.read((doc) => readEntities(doc.getMap(CONTROL.agenda), agendaStepSchema)));
	}

	/** The step the room is on, and where it is in the agenda (n counts from 1). */
	get step(): { step: Entity<AgendaStep>; n: number; total: number } | null {
		const steps = this.agenda;
		const i = steps.findIndex((s) => s.id === this.settings.currentStep);
		return i < 0 ? null : { step: steps[i], n: i + 1, total: steps.length };
	}

	/** The workshop timer (stopped at zero when never set). */
	get timer(): Timer {
		return this.control.read((doc) => {
			const parsed = timerSchema.safeParse(doc.getMap(CONTROL.timer).toJSON());
			return parsed.success ? parsed.data : timerSchema.parse({});
		});
	}

	/** target id → participantId → dots, as stored (the tally decides what counts). */
	get votes(): VoteData {
		return this.board.read((doc) => {
			const out: VoteData = {};
			for (const [target, byParticipant] of Object.entries(doc.getMap(BOARD.votes).toJSON())) {
				if (byParticipant && typeof byParticipant === 'object') out[target] = byParticipant as Record<string, number>;
			}
			return out;
		});
	}

	/**
	 * What can receive dots in a vote on `target`: contributions the room sees (not hidden, under
	 * a shown need), oldest first; the clusters holding at least one of them; or the actions.
	 */
	targetsOf(target: Vote['target']): string[] {
		const shown = new Set(this.shownNeeds.map((n) => n.key));
		const folded = this.duplicates;
		const visible = visibleContributions(this.contributions, this.hidden).filter((c) => shown.has(c.need) && !folded.has(c.id));
		if (target === 'contributions') return visible.map((c) => c.id);
		if (target === 'actions') return this.actions.map((a) => a.id);
		const used = new Set(visible.map((c) => c.clusterId));
		return this.clusters
			.filter((k) => used.has(k.id) && shown.has(k.need))
			.sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0) || a.id.localeCompare(b.id))
			.map((k) => k.id);
	}

	/** What the open (or last) vote is on. */
	get voteTargets(): string[] {
		return this.targetsOf(this.vote.target);
	}

	/** A vote on `target` as it counts, the same on every device (the current one by default). */
	tallyOf(target: Vote['target'] = this.vote.target): Tally {
		return tally(foldVotes(this.votes, this.duplicates), this.vote, this.targetsOf(target));
	}

	get tally(): Tally {
		return this.tallyOf();
	}

	/** Contributions folded under another that says the same: duplicate id → that one's id. */
	get duplicates(): Map<string, string> {
		return duplicateRoots(this.contributions, this.hidden);
	}

	/** participantId → need → 1..5, invalid entries left out. */
	get ratings(): Ratings {
		return this.board.read((doc) => parseRatings(doc.getMap(BOARD.ratings).toJSON()));
	}

	/** The room's ratings of the shown needs, as the radar draws them. */
	get ratingStats(): NeedRating[] {
		return ratingStats(this.ratings, this.shownNeeds.map((n) => n.key));
	}

	/** How many people rated at least one shown need. */
	get respondents(): number {
		return respondents(this.ratings, this.shownNeeds.map((n) => n.key));
	}

	/** This participant's comments on their ratings, by need. */
	commentsOf(participantId: string): Record<string, string> {
		return this.board.read((doc) => {
			const mine = doc.getMap(BOARD.ratingComments).get(participantId);
			const plain = mine && typeof mine === 'object' && 'toJSON' in mine ? (mine as { toJSON(): unknown }).toJSON() : {};
			return Object.fromEntries(Object.entries(plain as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
		});
	}

	get clusters(): Entity<Cluster>[] {
		return this.board.read((doc) => readEntities(doc.getMap(BOARD.clusters), clusterSchema));
	}

	/** The session's actor registry, by name. */
	get actors(): Entity<Actor>[] {
		return this.board
			.read((doc) => readEntities(doc.getMap(BOARD.actors), actorSchema))
			.sort((a, b) => a.name.localeCompare(b.name, this.meta.language, { sensitivity: 'base' }) || a.id.localeCompare(b.id));
	}

	/** Relations whose two actors exist, oldest first (one to a deleted actor is never shown). */
	get relations(): Entity<Relation>[] {
		const all = this.board.read((doc) => readEntities(doc.getMap(BOARD.relations), relationSchema));
		return liveRelations(all, this.actors).sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0) || a.id.localeCompare(b.id));
	}

	/** Actions' ties to actors (lead, partners): what deleting an actor would touch. */
	get actionTies(): { lead?: string; partners: string[] }[] {
		return this.actions.map((a) => ({ lead: a.lead, partners: a.partners }));
	}

	/** Every action, in board order (column, then rank). */
	get actions(): Entity<Action>[] {
		const all = this.board.read((doc) => readEntities(doc.getMap(BOARD.actions), actionSchema));
		return ACTION_STATUSES.flatMap((s) => all.filter((a) => a.status === s).sort(byRank));
	}

	get commitments(): Entity<Commitment>[] {
		const actions = new Set(this.actions.map((a) => a.id));
		return this.board
			.read((doc) => readEntities(doc.getMap(BOARD.commitments), commitmentSchema))
			.filter((c) => actions.has(c.actionId))
			.sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0) || a.id.localeCompare(b.id));
	}

	get participants(): Entity<Participant>[] {
		return this.board.read((doc) => readEntities(doc.getMap(BOARD.participants), participantSchema));
	}
}
