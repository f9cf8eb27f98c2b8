import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CONTROL } from '$lib/schema';
import { SessionView, plainReader } from '$lib/session-view';
import { fillSampleWorkshop } from '$lib/sample/sample-workshop';
import { buildSynthesis } from './synthesis';
import { toMarkdown } from './markdown';
import { synthesisBlocks } from './blocks';
import { addCommitment } from '$lib/actions/mutations';

function session(title: string, language: 'fr' | 'en', fill = true) {
	const control = new Y.Doc();
	const board = new Y.Doc();
	const meta = control.getMap(CONTROL.session);
	meta.set('title', title);
	meta.set('territory', 'Grand Figeac');
	meta.set('language', language);
	if (fill) fillSampleWorkshop({ control, board }, { now: Date.UTC(2026, 10, 29, 12) });
	return new SessionView(plainReader(board), plainReader(control));
}

const now = Date.UTC(2026, 10, 29, 12);
const nb = '\u00a0';

describe('the synthesis of a session', () => {
	it('reads every part of a workshop: people, needs, votes, radar, actors, actions, coverage, conclusions', () => {
		const s = buildSynthesis({ view: session('Atelier alimentation', 'fr'), createdAt: now - 3 * 3600_000, lastChangeAt: now - 60_000, now });
		expect(s.participants.count).toBe(8);
		expect(s.participants.withoutCollege).toBe(0);
		expect([...s.participants.colleges].sort((a, b) => a.label.localeCompare(b.label))).toEqual([
			{ label: 'Collectivités', count: 3 },
			{ label: 'Économie alimentaire', count: 2 },
			{ label: 'Société civile', count: 3 }
		]);
		expect(s.minutes).toBe(94);
		// Working time needs some work done: an empty session says nothing rather than "0 minutes".
		expect(buildSynthesis({ view: session('Vide', 'fr', false), createdAt: now, lastChangeAt: now, now }).minutes).toBeNull();
		const food = s.needs.find((n) => n.key === 'food')!;
		expect(food.label).toBe('Se nourrir');
		// The duplicate is folded under the one it repeats; the cluster comes first.
		expect(food.groups[0]).toEqual({
			label: 'Cantines',
			items: [
				{ text: 'Des légumes bio locaux à la cantine deux fois par semaine', times: 2 },
				{ text: 'Des paniers solidaires pour les familles modestes', times: 1 }
			]
		});
		expect(food.count).toBe(3);
		const vote = s.votes.find((v) => v.target === 'contributions')!;
		expect(vote.voters).toBe(8);
		expect(vote.ranked.reduce((a, r) => a + r.dots, 0)).toBe(24);
		expect(vote.ranked[0].place).toBe(1);
		expect(s.radar.respondents).toBe(8);
		expect(s.radar.rows).toHaveLength(5);
		expect(s.radarByCollege.map((c) => c.college).sort()).toEqual(['Collectivités', 'Société civile']); // 2 food-economy people stay anonymous
		// …and the report says why their column is missing, rather than drop it silently.
		expect(s.radarHiddenColleges).toEqual(['Économie alimentaire']);
		expect(toMarkdown(synthesisBlocks(s))).toMatch(/Non montrés \(moins de 3\sréponses\)\s: Économie alimentaire\./);
		expect(s.actors).toHaveLength(11);
		expect(s.actors.find((a) => a.name === 'Région Occitanie')).toMatchObject({ category: 'Financeur', quadrant: 'À satisfaire' });
		expect(s.missingCategories).toEqual([]);
		expect(s.relations).toContain('Ferme du Bocage approvisionne Légumerie du Lot');
		const canteen = s.actions.find((a) => a.title === 'Légumes bio locaux à la cantine')!;
		expect(canteen).toMatchObject({ status: 'Prévue', lead: 'Cuisine centrale du Grand Figeac', partners: ['Légumerie du Lot', 'Ferme du Bocage'], needs: ['Se nourrir', 'Santé'], due: '2027-09-01' });
		expect(canteen.commitments).toEqual([{ who: 'Légumerie du Lot', role: 'Partenaire', brings: ['Des compétences'], text: 'Nous préparons les légumes pour la cuisine' }]);
		expect(s.coverage.uncoveredNeeds).toEqual([]);
		expect(s.coverage.withoutLead).toEqual(['Tarif social à la cantine']);
		expect(s.conclusions).toMatch(/^La salle veut commencer par la cantine/);
	});

	it('writes Markdown in the session language, with French spacing and participants’ words escaped', () => {
		const view = session('Atelier *alimentation*', 'fr');
		view.board.read((doc) => doc.getMap('contributions').forEach((entry) => {
			if (entry instanceof Y.Map && entry.get('text') === 'Un magasin de producteurs ouvert le samedi') entry.set('text', 'Un magasin | ouvert <b>le samedi</b>, pourquoi pas?');
		}));
		const md = toMarkdown(synthesisBlocks(buildSynthesis({ view, createdAt: now, lastChangeAt: now, now })));
		expect(md).toMatch(/^# Atelier \\\*alimentation\\\*\n/);
		expect(md).toContain('## Les besoins');
		expect(md).toContain('### Se nourrir (3 contributions)');
		expect(md).toContain('**Cantines**');
		expect(md).toContain('**Hors groupe**\n\n- Un magasin');
		expect(md).toContain('- Des légumes bio locaux à la cantine deux fois par semaine _(dit 2 fois)_');
		expect(md).toContain(`- Un magasin \\| ouvert \\<b\\>le samedi\\</b\\>, pourquoi pas${nb}?`);
		expect(md).toContain(`### Qui manque${nb}?`);
		expect(md).toContain(`| Cuisine centrale du Grand Figeac | Restauration collective | Consommation, restauration${nb}; Transformation |`);
		expect(md).toContain('1er septembre 2027');
		expect(md).toContain(`### Ce que les gens ont dit\n\n**Se nourrir**\n\n- Trop peu de producteurs bio${nb}: il faut aller à Aurillac`);
		expect(md).toContain('| Légumes bio locaux à la cantine | Prévue | Cuisine centrale du Grand Figeac |');
		expect(md).toContain(`- **Actions sans porteur**${nb}: Tarif social à la cantine`);
		expect(md).toContain(`## Conclusions\n\nLa salle veut commencer par la cantine${nb}: une école pilote`);
	});

	it('says "nothing yet" for an empty session instead of failing, in English too', () => {
		const md = toMarkdown(synthesisBlocks(buildSynthesis({ view: session('Empty', 'en', false), createdAt: now, lastChangeAt: null, now })));
		expect(md).toContain('## Needs');
		expect(md).toContain('### Food (no contribution)\n\n_Nothing yet._');
		expect(md).toContain('## Actions\n\n_Nothing yet._');
		expect(md).toContain('## Conclusions\n\n_Nothing yet._');
		expect(md).not.toContain('\u00a0');
	});
});

describe('commitments in a person’s own name', () => {
	it('say who, and a lead in their own name leads the action', () => {
		const control = new Y.Doc();
		const board = new Y.Doc();
		control.getMap(CONTROL.session).set('title', 'Atelier');
		control.getMap(CONTROL.session).set('language', 'fr');
		fillSampleWorkshop({ control, board }, { now });
		const view = new SessionView(plainReader(board), plainReader(control));
		const tarif = view.actions.find((a) => a.title === 'Tarif social à la cantine')!;
		expect(tarif.lead).toBeUndefined();
		addCommitment(board, { actionId: tarif.id, participantId: 'sample-person-0', role: 'lead' });
		const s = buildSynthesis({ view: new SessionView(plainReader(board), plainReader(control)), createdAt: now - 3600_000, lastChangeAt: now, now });
		const action = s.actions.find((a) => a.title === 'Tarif social à la cantine')!;
		expect(action.commitments.map((c) => c.who)).toContain('Camille, à titre personnel');
		expect(action.lead).toBe('Camille, à titre personnel');
		expect(s.coverage.withoutLead).not.toContain('Tarif social à la cantine');
	});
});

describe('conclusions', () => {
	it('keep each line the facilitator typed as a paragraph', () => {
		const control = new Y.Doc();
		const board = new Y.Doc();
		control.getMap(CONTROL.session).set('title', 'Atelier');
		control.getText(CONTROL.conclusions).insert(0, 'Commencer par une école pilote.\nRevoir le tarif social en juin.');
		const s = buildSynthesis({ view: new SessionView(plainReader(board), plainReader(control)), createdAt: now, lastChangeAt: now, now });
		expect(toMarkdown(synthesisBlocks(s))).toContain('Commencer par une école pilote.\n\nRevoir le tarif social en juin.');
	});
});
