import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ACTOR_CATEGORIES, FOOD_CHAIN_STAGES, RELATION_KINDS } from '$lib/schema';
import { addActor, addRelation } from '$lib/actors/mutations';
import { connect, synced } from '../helpers';
import { PHONE, showOnScreen } from './workshop';

const NAMES = [
	'Mairie de Figeac', 'Communauté de communes du Grand-Figeac', 'DDT du Lot', 'Ferme du Bocage', 'GAEC des Trois Chênes',
	'Légumerie du Lot', 'Moulin de Capdenac', 'Biocoop Figeac', 'Marché de plein vent', 'Cuisine centrale',
	'Collège Champollion', 'Jardins de Cocagne', 'Restos du Cœur', 'AMAP des Causses', 'Région Occitanie',
	'Chambre d’agriculture', 'Parc naturel des Causses', 'Lycée agricole', 'Épicerie solidaire', 'Association Terre de liens',
	'Plateforme logistique Lot Bio', 'Conseil départemental', 'Centre social', 'France Travail'
];

test('a crowded actor map (24 actors, 30 links) stays readable on the projector', async ({ browser, baseURL }) => {
	const origin = baseURL!;
	const created = await (await fetch(`${origin}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Foule' }) })).json();
	const facilitatorToken = new URL(created.facilitatorUrl, origin).hash.replace('#k=', '');
	// A real Yjs client writes the registry, as 24 phones would.
	const board = connect(origin, created.id, 'board', facilitatorToken);
	await synced(board);
	const ids = NAMES.map((name, i) =>
		addActor(board.doc, { name, category: ACTOR_CATEGORIES[i % 11], stages: [FOOD_CHAIN_STAGES[i % 6]], influence: (i * 37) % 100 / 100, interest: (i * 53) % 100 / 100 })
	);
	for (let i = 0; i < 30; i++) addRelation(board.doc, { from: ids[i % 24], to: ids[(i * 7 + 3) % 24], kind: RELATION_KINDS[i % 5] });

	const laptop = await browser.newContext({ viewport: { width: 1366, height: 900 } });
	const console_ = await laptop.newPage();
	await console_.goto(created.facilitatorUrl);
	await showOnScreen(console_, 'Relations');
	const screen = await laptop.newPage();
	await screen.setViewportSize({ width: 1920, height: 1080 });
	await screen.goto(created.projectorUrl);
	await expect(screen.getByTestId('graph-node')).toHaveCount(24);
	// No two actors drawn on top of each other.
	const centres = await screen.getByTestId('graph-node').evaluateAll((nodes) =>
		nodes.map((n) => {
			const r = n.querySelector('circle')!.getBoundingClientRect();
			return { x: r.x + r.width / 2, y: r.y + r.height / 2, d: r.width };
		})
	);
	for (let i = 0; i < centres.length; i++)
		for (let j = i + 1; j < centres.length; j++) expect(Math.hypot(centres[i].x - centres[j].x, centres[i].y - centres[j].y)).toBeGreaterThan(centres[i].d);
	await screen.screenshot({ path: 'tests/artifacts/projector-actor-graph-crowd.png' });
	await showOnScreen(console_, 'Influence');
	await expect(screen.getByTestId('grid-actor')).toHaveCount(24);
	await screen.screenshot({ path: 'tests/artifacts/projector-actor-grid-crowd.png' });
	await console_.screenshot({ path: 'tests/artifacts/console-actor-grid-crowd.png' });

	// A small phone reads the same registry as a list.
	const phone = await (await browser.newContext(PHONE)).newPage();
	await phone.goto(`/j/${created.joinCode}`);
	await phone.getByRole('button', { name: 'Rejoindre' }).tap();
	await phone.getByRole('button', { name: 'Acteurs' }).tap();
	await expect(phone.getByTestId('actor')).toHaveCount(24);
	expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await phone.screenshot({ path: 'tests/artifacts/phone-actors-crowd.png' });
	const axe = await new AxeBuilder({ page: phone }).analyze();
	expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
	board.destroy();
	await laptop.close();
	await phone.context().close();
});
