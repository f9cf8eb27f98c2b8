/**
 * The one schema module: names of the Yjs documents and types, and a zod schema for every
 * entity read out of them. Isomorphic (no Svelte, DOM or Node imports): the UI, the server,
 * the exports and the tests all read it. The names here are a public contract
 * (../shared/DESIGN.md): they are never renamed. Written with `zod/mini` (the same checks as
 * `zod`, as functions): the phone reads every entity through these schemas, and the classic
 * API weighed 22 KB of its download against 9 KB.
 */
import * as z from 'zod/mini';
import type * as Y from 'yjs';
import { JOIN_CODE, JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, NAME_MAX, normaliseJoinCode } from './join-code';

export { JOIN_CODE, JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, NAME_MAX, normaliseJoinCode };

/** The two documents of a session. `control` is written by the facilitator only. */
export const DOC_NAMES = ['board', 'control'] as const;
export type DocName = (typeof DOC_NAMES)[number];

/** Top-level `Y.Map`s of the `board` document, keyed by entity id. */
export const BOARD = {
	contributions: 'contributions',
	clusters: 'clusters',
	votes: 'votes',
	ratings: 'ratings',
	actors: 'actors',
	relations: 'relations',
	actions: 'actions',
	commitments: 'commitments',
	participants: 'participants',
	/** participantId → `Y.Map` of need → short comment on that need's rating */
	ratingComments: 'ratingComments',
	/** participantId → when they raised their hand (ms); lowered = absent */
	hands: 'hands'
} as const;

/** Top-level `Y.Map`s of the `control` document. */
export const CONTROL = {
	/** title, territory, language of the session */
	session: 'session',
	/** entity id → `true` while the facilitator hides it */
	hidden: 'hidden',
	/** need key → `Y.Map` of its settings (label, enabled, order); see `needConfigSchema` */
	needs: 'needs',
	/** room-wide switches decided by the facilitator; see `settingsSchema` */
	settings: 'settings',
	/** the dot vote: open or not, budget, reveal; see `voteSchema` */
	vote: 'vote',
	/** college key → `Y.Map` (label, enabled, order), like `needs`; see `collegeConfigSchema` */
	colleges: 'colleges',
	/** the workshop timer, in server time; see `timerSchema` */
	timer: 'timer',
	/** step id → `Y.Map` (activity, title, minutes, rank); see `agendaStepSchema` */
	agenda: 'agenda',
	/** the facilitator's conclusions for the synthesis: a top-level `Y.Text` */
	conclusions: 'conclusions'
} as const;

/** The five correlated needs of the seed text. Keys are fixed; labels live in the catalogue. */
export const NEED_KEYS = ['food', 'health', 'work', 'equity', 'future'] as const;
export type NeedKey = (typeof NEED_KEYS)[number];

/** At most this many needs in a session: beyond, the phone tabs and the board stop being readable. */
export const NEEDS_MAX = 10;
export const NEED_LABEL_MAX = 40;

/**
 * How the facilitator set up one need in the control document. A default need with no entry
 * is enabled with its catalogue label; `label` replaces the catalogue label in every language.
 */
export const needConfigSchema = z.object({
	label: z.optional(z.string().check(z.trim(), z.maxLength(NEED_LABEL_MAX))),
	enabled: z._default(z.boolean(), true),
	order: z._default(z.number(), 0),
	/** Added needs: which colour of the palette, fixed when added so reordering keeps it. */
	palette: z.optional(z.int().check(z.minimum(0)))
});
export type NeedConfig = z.infer<typeof needConfigSchema>;

/** Room-wide switches. Names are hidden by default: many rooms speak more freely that way. */
/**
 * Colleges: the groups a territorial dialogue brings together. A participant may say which one
 * they come from; results can then be split by college, never showing a group too small to
 * keep its members anonymous.
 */
export const DEFAULT_COLLEGES = ['local_authority', 'food_economy', 'research', 'civil_society'] as const;
export const COLLEGES_MAX = 8;
/** A college's results are shown only when at least this many of its members answered. */
export const COLLEGE_MIN_GROUP = 3;
export const collegeConfigSchema = z.object({
	label: z.optional(z.string().check(z.trim(), z.maxLength(NEED_LABEL_MAX))),
	enabled: z._default(z.boolean(), true),
	order: z._default(z.number(), 0)
});

/** The boards a phone works on, each of which the facilitator may lock. */
export const BOARDS = ['needs', 'rate', 'actors', 'actions'] as const;
export type BoardName = (typeof BOARDS)[number];

/** Whether a control document says the session is frozen (read by the server too). */
export function isFrozen(control: Y.Doc): boolean {
	return control.getMap(CONTROL.settings).get('frozen') === true;
}

export const SCREENS = ['needs', 'radar', 'votes', 'grid', 'graph', 'lanes', 'actions', 'coverage'] as const;
export const ACTOR_SCREENS = ['grid', 'graph', 'lanes'] as const;
export type Screen = (typeof SCREENS)[number];

export const settingsSchema = z.object({
	showNames: z._default(z.boolean(), false),
	/** What the projector shows. */
	screen: z._default(z.enum(SCREENS), 'needs'),
	/** Phones ask which college a participant comes from (off until the facilitator wants it). */
	askCollege: z._default(z.boolean(), false),
	/** Results (radar, vote) are split by college on the projector. */
	collegeLens: z._default(z.boolean(), false),
	/** Participants may group contributions into clusters too (not only the facilitator). */
	participantsCluster: z._default(z.boolean(), false),
	/** The actor whose links the relation graph highlights, on every screen ('' for none). */
	graphFocus: z._default(z.string().check(z.maxLength(64)), ''),
	/** The whole session frozen: the server itself drops every participant change. */
	frozen: z._default(z.boolean(), false),
	/** Boards the phones may read but not change. */
	locked: z.catch(z._default(z.array(z.enum(BOARDS)), []), []),
	/** The agenda step the room is on ('' before the first). */
	currentStep: z._default(z.string().check(z.maxLength(64)), ''),
	/** Phones stay on the current step's board (no looking back). */
	requireFocus: z._default(z.boolean(), false),
	/** The sample workshop of the home page: the console says so, and what to try. */
	sample: z._default(z.boolean(), false)
});
export type Settings = z.infer<typeof settingsSchema>;

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Longest contribution a participant may post: a sticky note, not an essay. */
export const CONTRIBUTION_MAX = 280;
export const TITLE_MAX = 120;

export const ACTOR_CATEGORIES = [
	'local_authority',
	'state_service',
	'farmer',
	'processor',
	'distributor',
	'catering',
	'ess',
	'association',
	'funder',
	'institution',
	'citizen',
	'other'
] as const;
export const FOOD_CHAIN_STAGES = [
	'production',
	'processing',
	'logistics',
	'distribution',
	'sale',
	'consumption',
	'awareness',
	'environment'
] as const;
export const RELATION_KINDS = ['cooperation', 'supply', 'funding', 'conflict', 'information'] as const;
export const ACTION_STATUSES = ['idea', 'planned', 'doing', 'done'] as const;
export const COMMITMENT_ROLES = ['lead', 'partner', 'contributor'] as const;

/** A need key: one of the five defaults or one the facilitator added (short, slug-like). */
const needKey = z.string().check(z.regex(/^[a-z0-9_-]{1,32}$/));
const id = z.string().check(z.minLength(1), z.maxLength(64));
const ms = z.int().check(z.nonnegative());

export const contributionSchema = z.object({
	need: needKey,
	text: z.string().check(z.trim(), z.minLength(1), z.maxLength(CONTRIBUTION_MAX * 4)),
	authorId: id,
	createdAt: ms,
	clusterId: z.optional(id),
	/** The contribution this one says the same as: it is folded under it and its dots count there. */
	sameAs: z.optional(id)
});
export type Contribution = z.infer<typeof contributionSchema>;

export const CLUSTER_LABEL_MAX = 80;
export const clusterSchema = z.object({
	need: needKey,
	label: z.string().check(z.maxLength(200)),
	/** When it was made (ms), for a stable order; older entries may lack it. */
	createdAt: z.optional(ms)
});
export type Cluster = z.infer<typeof clusterSchema>;

export const participantSchema = z.object({
	name: z.string().check(z.maxLength(NAME_MAX)),
	college: z.optional(z.string().check(z.maxLength(60))),
	joinedAt: ms
});
export type Participant = z.infer<typeof participantSchema>;

const unit = z.number().check(z.minimum(0), z.maximum(1));
export const ACTOR_STANCES = ['active_ally', 'ally', 'neutral', 'opponent', 'active_opponent'] as const;
export const ACTOR_NAME_MAX = 80;
export const ACTOR_NOTE_MAX = 500;
/** Known values of a list kept, unknown ones (from a newer client) left out rather than failing. */
const known = <T extends readonly string[]>(values: T) =>
	z.pipe(
		z._default(z.array(z.string()), []),
		z.transform((list: string[]) => [...new Set(list)].filter((v): v is T[number] => (values as readonly string[]).includes(v)))
	);
export const actorSchema = z.object({
	name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
	category: z.catch(z.enum(ACTOR_CATEGORIES), 'other'),
	stages: known(FOOD_CHAIN_STAGES),
	influence: z._default(z.catch(unit, 0.5), 0.5),
	interest: z._default(z.catch(unit, 0.5), 0.5),
	/** false: it sits where it landed and nobody has placed it yet (older entries lack it: placed). */
	placed: z.catch(z.optional(z.boolean()), undefined),
	needs: z.catch(z._default(z.array(needKey), []), []),
	note: z._default(z.string().check(z.maxLength(2000)), ''),
	stance: z.catch(z.optional(z.enum(ACTOR_STANCES)), undefined),
	createdBy: z.optional(id),
	createdAt: z.optional(ms)
});
export type Actor = z.infer<typeof actorSchema>;
export type ActorCategory = (typeof ACTOR_CATEGORIES)[number];
export type FoodChainStage = (typeof FOOD_CHAIN_STAGES)[number];
export type ActorStance = (typeof ACTOR_STANCES)[number];
export type RelationKind = (typeof RELATION_KINDS)[number];

export const relationSchema = z.object({
	from: id,
	to: id,
	kind: z.enum(RELATION_KINDS),
	note: z._default(z.string().check(z.maxLength(2000)), ''),
	/** A formal tie (contract, convention, membership) or an informal one. */
	formal: z._default(z.boolean(), false),
	createdAt: z.optional(ms)
});
export type Relation = z.infer<typeof relationSchema>;

export const ACTION_TITLE_MAX = 140;
/** The French "fiche action": optional co-written fields beyond the title and description. */
export const ACTION_SHEET_FIELDS = ['objective', 'results', 'resources', 'indicators'] as const;
export type ActionSheetField = (typeof ACTION_SHEET_FIELDS)[number];
/** Co-written text fields of an action, each a `Y.Text`. */
export const ACTION_TEXTS = ['title', 'detail', ...ACTION_SHEET_FIELDS] as const;
export type ActionText = (typeof ACTION_TEXTS)[number];

const longText = z._default(z.string().check(z.maxLength(20000)), '');
export const actionSchema = z.object({
	title: z.string().check(z.maxLength(2000)),
	detail: longText,
	status: z.catch(z.enum(ACTION_STATUSES), 'idea'),
	rank: z.catch(z.string().check(z.minLength(1)), 'a0'),
	needs: z.catch(z._default(z.array(needKey), []), []),
	lead: z.catch(z.optional(id), undefined),
	partners: z.catch(z._default(z.array(id), []), []),
	due: z.catch(z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))), undefined),
	createdBy: z.optional(id),
	objective: longText,
	results: longText,
	resources: longText,
	indicators: longText,
	createdAt: z.optional(ms)
});
export type Action = z.infer<typeof actionSchema>;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** What an organisation brings to an action it commits to. */
export const CONTRIBUTION_KINDS = ['time', 'land', 'funding', 'outlet', 'skills'] as const;
export const commitmentSchema = z.object({
	actionId: id,
	participantId: id,
	role: z.catch(z.enum(COMMITMENT_ROLES), 'contributor'),
	text: z._default(z.string().check(z.maxLength(2000)), ''),
	/** The organisation, from the actor map. */
	actorId: z.optional(id),
	brings: known(CONTRIBUTION_KINDS),
	createdAt: z.optional(ms)
});
export type Commitment = z.infer<typeof commitmentSchema>;
export type CommitmentRole = (typeof COMMITMENT_ROLES)[number];

/** What a step of the agenda has the room do: it decides the projector's screen and the phones' board. */
export const ACTIVITIES = ['needs', 'vote', 'rate', 'actors', 'relations', 'lanes', 'actions', 'coverage', 'other'] as const;
export type Activity = (typeof ACTIVITIES)[number];
export const STEP_TITLE_MAX = 80;
export const agendaStepSchema = z.object({
	activity: z.catch(z.enum(ACTIVITIES), 'other'),
	title: z.string().check(z.trim(), z.minLength(1), z.maxLength(STEP_TITLE_MAX * 2)),
	minutes: z.catch(z.int().check(z.minimum(0), z.maximum(240)), 0),
	rank: z.catch(z.string().check(z.minLength(1)), 'a0'),
	/** A template's step nobody renamed: each device shows it in its own language (`title` is its words when added). */
	titleKey: z.catch(z.optional(z.string().check(z.maxLength(64))), undefined)
});
export type AgendaStep = z.infer<typeof agendaStepSchema>;

/** A timer runs from 1 minute to 4 hours. */
export const TIMER_MAX_MINUTES = 240;
/**
 * The workshop timer (control document). Running: it ends at `endsAt` (server ms). Paused or
 * not started: `remaining` ms are left. `duration` is what it was set to.
 */
export const timerSchema = z.object({
	running: z._default(z.boolean(), false),
	endsAt: z.optional(ms),
	remaining: z._default(ms, 0),
	duration: z._default(ms, 0)
});
export type Timer = z.infer<typeof timerSchema>;

/** Dots a participant may spend in a vote, at most. */
export const VOTE_BUDGET_MAX = 20;

/** The dot vote the facilitator runs (control document). */
export const voteSchema = z.object({
	open: z._default(z.boolean(), false),
	/** Dots each participant may spend. */
	budget: z._default(z.int().check(z.minimum(1), z.maximum(VOTE_BUDGET_MAX)), 5),
	/** Whether several dots may go on one item. */
	stack: z._default(z.boolean(), false),
	/** Results are hidden from the room until the facilitator reveals them. */
	revealed: z._default(z.boolean(), false),
	/** What receives dots: single contributions, or the clusters they were grouped into. */
	target: z._default(z.enum(['contributions', 'clusters', 'actions']), 'contributions')
});
export type Vote = z.infer<typeof voteSchema>;

/** How well a need is met on the territory today: 1 (not at all) to 5 (fully). */
export const RATING_MAX = 5;
export const ratingSchema = z.int().check(z.minimum(1), z.maximum(RATING_MAX));
export const RATING_COMMENT_MAX = 200;

/** What the control document's `session` map holds. */
export const sessionMetaSchema = z.object({
	title: z.string().check(z.maxLength(TITLE_MAX)),
	territory: z._default(z.string().check(z.maxLength(TITLE_MAX)), ''),
	language: z._default(z.enum(LANGUAGES), 'fr')
});
export type SessionMeta = z.infer<typeof sessionMetaSchema>;

export type Entity<T> = T & { id: string };

/**
 * Reads every entry of a top-level map through `schema`, skipping entries that do not parse
 * (written by an older or a buggy client, or by hand): a bad entry must never break a page.
 */
export function readEntities<S extends z.ZodMiniType>(
	map: Y.Map<unknown>,
	schema: S
): Entity<z.infer<S>>[] {
	const out: Entity<z.infer<S>>[] = [];
	map.forEach((value, key) => {
		const plain = toPlain(value);
		const parsed = schema.safeParse(plain);
		if (parsed.success) out.push({ ...(parsed.data as object), id: key } as Entity<z.infer<S>>);
	});
	return out;
}

/** A Y type or a plain value as plain JSON. */
export function toPlain(value: unknown): unknown {
	if (value && typeof value === 'object' && 'toJSON' in value && typeof value.toJSON === 'function') {
		return value.toJSON();
	}
	return value;
}

// ---- HTTP bodies (shared by the API routes and the pages that call them) ----

export const createSessionBody = z.object({
	title: z.string().check(z.trim(), z.minLength(1), z.maxLength(TITLE_MAX)),
	territory: z.optional(z.string().check(z.trim(), z.maxLength(TITLE_MAX))),
	language: z.optional(z.enum(LANGUAGES))
});
export type CreateSessionBody = z.infer<typeof createSessionBody>;


export const joinBody = z.object({
	code: z.pipe(
		z.pipe(z.string().check(z.maxLength(32)), z.transform(normaliseJoinCode)),
		z.string().check(z.regex(JOIN_CODE))
	),
	name: z.optional(z.string().check(z.trim(), z.maxLength(NAME_MAX)))
});
export type JoinBody = z.infer<typeof joinBody>;

export const ROLES = ['facilitator', 'participant', 'projector'] as const;
export type Role = (typeof ROLES)[number];

/** Who may write which document: enforced by the server, mirrored by the UI. */
export function canWrite(role: Role, doc: DocName): boolean {
	if (role === 'facilitator') return true;
	if (role === 'participant') return doc === 'board';
	return false;
}

/**
 * WebSocket close codes the server uses. They follow the stock y-websocket client's convention:
 * 4400–4499 mirror HTTP 4xx and are final (the client stops reconnecting), 4500–4599 mean
 * "try again later" (it reconnects, resyncs, and nothing is lost).
 */
export const CLOSE = {
	badFrame: 4400,
	unauthorized: 4401,
	/** The session was deleted by its facilitator (final). */
	sessionDeleted: 4404,
	documentTooLarge: 4413,
	shuttingDown: 4500,
	sessionFull: 4503,
	/** The phone did not read what the server sent (its buffer passed MAX_SEND_BUFFER_BYTES): it reconnects and resyncs. */
	tooSlow: 4508,
	tooManyUpdates: 4529
} as const;

/** True for the codes after which reconnecting cannot help. */
export function isPermanentClose(code: number): boolean {
	return code >= 4400 && code < 4500;
}
