/**
 * A realistic workshop of a French territory, written straight into a session's two documents:
 * people with their colleges, contributions under every need (some grouped, one said twice),
 * dots and ratings, actors of every category with relations, actions with leads, partners and
 * commitments. Tests and the export benchmark read it; a newcomer can try it.
 */
import * as Y from 'yjs';
import { generateKeyBetween } from 'fractional-indexing';
import { CONTROL } from '$lib/schema';
import { addContribution, assignCluster, castDot, createCluster, markDuplicate, registerParticipant, setCollege, setRating, setRatingComment, setVote } from '$lib/needs/mutations';
import { addActor, addRelation, placeActor } from '$lib/actors/mutations';
import { actionText, addAction, addCommitment, setActionField, toggleActionList } from '$lib/actions/mutations';

const PEOPLE = [
	['Camille', 'local_authority'],
	['Jeanne', 'local_authority'],
	['Karim', 'local_authority'],
	['Lucie', 'civil_society'],
	['Mathieu', 'civil_society'],
	['Nadia', 'civil_society'],
	['Paul', 'food_economy'],
	['Sophie', 'food_economy']
] as const;

const SAID: [need: string, text: string][] = [
	['food', 'Des légumes bio locaux à la cantine deux fois par semaine'],
	['food', 'Un magasin de producteurs ouvert le samedi'],
	['food', 'Des paniers solidaires pour les familles modestes'],
	['health', 'Moins de produits transformés dans les repas des enfants'],
	['health', 'Des ateliers cuisine à la maison de santé'],
	['work', 'Des emplois d’insertion au maraîchage'],
	['work', 'Former les cuisiniers à cuisiner les légumes bruts'],
	['equity', 'Une tarification sociale à la cantine'],
	['equity', 'Des bons d’achat pour le marché de plein vent'],
	['future', 'Protéger les terres agricoles du PLUi'],
	['future', 'Installer de jeunes maraîchers sur des terres communales']
];

/** Name, category, stages, influence, interest, stance: placed so that no two names cover each other on the grid. */
const ACTORS = [
	['Mairie de Figeac', 'local_authority', ['consumption'], 0.85, 0.75, 'ally'],
	['Cuisine centrale du Grand Figeac', 'catering', ['consumption', 'processing'], 0.62, 0.8, 'active_ally'],
	['Jardins de Cocagne du Lot', 'ess', ['production', 'awareness'], 0.28, 0.88, 'active_ally'],
	['Ferme du Bocage', 'farmer', ['production', 'sale'], 0.22, 0.62, 'ally'],
	['Légumerie du Lot', 'processor', ['processing', 'logistics'], 0.38, 0.7, 'ally'],
	['Biocoop Figeac', 'distributor', ['distribution', 'sale'], 0.45, 0.45, 'neutral'],
	['Région Occitanie', 'funder', [], 0.95, 0.4, 'ally'],
	['Chambre d’agriculture du Lot', 'institution', ['production'], 0.72, 0.22, 'neutral'],
	['Familles rurales', 'association', ['awareness'], 0.15, 0.35, 'ally'],
	['DDT du Lot', 'state_service', ['environment'], 0.6, 0.15, 'neutral'],
	['Parents d’élèves', 'citizen', ['consumption'], 0.1, 0.85, 'active_ally']
] as const;

export interface SampleOptions {
	/** How many of each (a real workshop by default; the export benchmark asks for 1,000 / 200 / 200). */
	size?: { contributions?: number; actors?: number; actions?: number };
	now?: number;
}

/** The nth of a list that repeats, numbered from its second round: "Ferme du Bocage (2)". */
const nth = <T>(list: readonly T[], i: number): [T, string] => [list[i % list.length], i < list.length ? '' : ` (${Math.floor(i / list.length) + 1})`];

/** Fills the session's documents; answers the ids of the people it made. */
export function fillSampleWorkshop(docs: { control: Y.Doc; board: Y.Doc }, opts: SampleOptions = {}): string[] {
	const { control, board } = docs;
	const size = { contributions: SAID.length, actors: ACTORS.length, actions: 4, ...opts.size };
	const start = (opts.now ?? Date.now()) - 95 * 60_000;
	const minute = (m: number) => start + m * 60_000;

	const people = PEOPLE.map(([name, college], i) => {
		const id = `sample-person-${i}`;
		registerParticipant(board, { id, name, now: minute(i / 4) });
		setCollege(board, { participantId: id, college });
		return id;
	});

	const said: string[] = [];
	for (let i = 0; i < size.contributions; i++) {
		const [[need, text], suffix] = nth(SAID, i);
		said.push(addContribution(board, { need, text: text + suffix, authorId: people[i % people.length], now: minute(5 + (i % SAID.length) + i / 1000) }));
	}
	// Two grouped, one said twice.
	const canteen = createCluster(board, { need: 'food', label: 'Cantines', contributionId: said[0], now: minute(20) });
	assignCluster(board, said[2], canteen);
	const twice = addContribution(board, { need: 'food', text: 'Du bio local dans les cantines', authorId: people[5], now: minute(21) });
	markDuplicate(board, twice, said[0]);

	// A dot vote on contributions (3 dots each), then ratings of every need.
	setVote(control, { budget: 3, target: 'contributions' });
	people.forEach((p, i) => {
		for (let d = 0; d < 3; d++) castDot(board, { target: said[(i * 2 + d * 3) % SAID.length], participantId: p, delta: 1 });
	});
	people.forEach((p, i) => {
		['food', 'health', 'work', 'equity', 'future'].forEach((need, j) => setRating(board, { participantId: p, need, value: 1 + ((i + j * 2) % 5) }));
	});
	setRatingComment(board, { participantId: people[0], need: 'food', text: 'Trop peu de producteurs bio : il faut aller à Aurillac' });

	const actorIds: string[] = [];
	for (let i = 0; i < size.actors; i++) {
		const [[name, category, stages, influence, interest, stance], suffix] = nth(ACTORS, i);
		const id = addActor(board, { name: name + suffix, category, stages: [...stages], stance, createdBy: people[0], now: minute(40) });
		placeActor(board, id, { influence, interest });
		actorIds.push(id);
	}
	const [mairie, cuisine, cocagne, ferme, legumerie, , region] = actorIds;
	addRelation(board, { from: ferme, to: legumerie, kind: 'supply' });
	addRelation(board, { from: legumerie, to: cuisine, kind: 'supply' });
	addRelation(board, { from: region, to: cocagne, kind: 'funding' });
	addRelation(board, { from: mairie, to: cuisine, kind: 'cooperation' });
	addRelation(board, { from: cocagne, to: cuisine, kind: 'supply' });

	let rank: string | null = null;
	const act = (title: string, status: 'idea' | 'planned' | 'doing' | 'done', needs: string[], lead?: string, partners: string[] = [], due?: string, objective = '') => {
		rank = generateKeyBetween(rank, null);
		const id = addAction(board, { title, status, rank, needs, createdBy: people[1], now: minute(70), texts: { objective } });
		if (lead) setActionField(board, id, 'lead', lead);
		for (const p of partners) toggleActionList(board, id, 'partners', p, true);
		if (due) setActionField(board, id, 'due', due);
		return id;
	};
	const ACTIONS = [
		() => ['Légumes bio locaux à la cantine', 'planned', ['food', 'health'], cuisine, [legumerie, ferme], '2027-09-01', 'Deux repas par semaine avec des légumes du territoire'] as const,
		() => ['Chantier d’insertion en maraîchage', 'doing', ['work', 'equity'], cocagne, [region], '2027-03-31', ''] as const,
		() => ['Tarif social à la cantine', 'idea', ['equity'], undefined, [], undefined, ''] as const,
		() => ['Réserve foncière pour l’installation', 'idea', ['future'], mairie, [], undefined, ''] as const
	];
	const actions: string[] = [];
	for (let i = 0; i < size.actions; i++) {
		const [make, suffix] = nth(ACTIONS, i);
		const [title, status, needs, lead, partners, due, objective] = make();
		actions.push(act(title + suffix, status, [...needs], lead, [...partners], due, objective));
	}
	addCommitment(board, { actionId: actions[0], participantId: people[6], role: 'partner', actorId: legumerie, brings: ['skills'], text: 'Nous préparons les légumes pour la cuisine' });
	addCommitment(board, { actionId: actions[1], participantId: people[3], role: 'contributor', text: 'Je peux aider à trouver des stagiaires' });
	actionText(board, actions[0], 'detail')?.insert(0, 'Commencer par une école pilote à la rentrée.');

	control.getText(CONTROL.conclusions).insert(0, 'La salle veut commencer par la cantine : une école pilote à la rentrée, avec la légumerie.');
	return people;
}
