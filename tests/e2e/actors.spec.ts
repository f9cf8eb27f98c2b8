import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { addActorThroughForm, linkThroughForm, openWorkshop, showOnScreen } from './workshop';

test('phones build one actor registry: duplicates proposed, relations checked, deletion asked first', async ({ browser }) => {
	const w = await openWorkshop(browser, 'Acteurs');
	const [ana, ben] = await Promise.all([w.join(), w.join()]);
	for (const p of [ana, ben]) await p.getByRole('button', { name: 'Acteurs' }).tap();
	await expect(ana.getByText('Aucun acteur pour l’instant. Qui agit sur le territoire ?')).toBeVisible();

	// Ana adds the town hall, with a category, a stage and a need.
	await ana.getByRole('button', { name: 'Ajouter un acteur' }).tap();
	const form = ana.getByTestId('add-actor');
	await form.getByLabel('Nom').fill('Mairie de Figeac');
	await form.getByLabel('Catégorie').selectOption({ label: 'Collectivité' });
	await form.getByRole('checkbox', { name: 'Consommation, restauration' }).check();
	await form.getByRole('checkbox', { name: 'Se nourrir' }).check();
	await form.getByLabel('Position vis-à-vis du projet').selectOption({ label: 'Allié' });
	await ana.screenshot({ path: 'tests/artifacts/phone-actor-form.png' });
	const axeForm = await new AxeBuilder({ page: ana }).analyze();
	expect(axeForm.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
	await form.getByRole('button', { name: 'Ajouter', exact: true }).tap();
	await expect(ana.getByRole('status').filter({ hasText: '« Mairie de Figeac » ajouté.' })).toBeVisible();

	// Ben types the same name differently: the existing actor is proposed, and a copy refused.
	await expect(ben.getByRole('button', { name: 'Voir « Mairie de Figeac »' })).toBeVisible();
	await ben.getByRole('button', { name: 'Ajouter un acteur' }).tap();
	const benForm = ben.getByTestId('add-actor');
	await benForm.getByLabel('Nom').fill('MAIRIE de figeac');
	await expect(benForm.getByRole('button', { name: 'Ouvrir « Mairie de Figeac »' })).toBeVisible();
	await benForm.getByRole('button', { name: 'Ajouter', exact: true }).tap();
	await expect(benForm.getByRole('alert')).toHaveText('« Mairie de Figeac » est déjà dans la liste.');
	await benForm.getByLabel('Nom').fill('');
	await benForm.getByRole('button', { name: 'Ajouter', exact: true }).tap();
	await expect(benForm.getByRole('alert')).toHaveText('Donnez un nom à l’acteur.');
	await benForm.getByLabel('Nom').fill('Ferme du Bocage');
	await benForm.getByLabel('Catégorie').selectOption({ label: 'Agriculteur·rice' });
	await benForm.getByRole('checkbox', { name: 'Production' }).check();
	await benForm.getByRole('button', { name: 'Ajouter', exact: true }).tap();
	await expect(ana.getByRole('button', { name: 'Voir « Ferme du Bocage »' })).toBeVisible();

	// Relations: to itself refused, then one made, then the same again refused.
	await ben.getByRole('button', { name: 'Relier deux acteurs' }).tap();
	const link = ben.getByTestId('add-relation');
	await link.getByLabel('Acteur', { exact: true }).selectOption({ label: 'Ferme du Bocage' });
	await link.getByRole('radio', { name: 'Approvisionne' }).check();
	await link.getByLabel('Avec', { exact: true }).selectOption({ label: 'Ferme du Bocage' });
	await link.getByRole('button', { name: 'Relier' }).tap();
	await expect(link.getByRole('alert')).toHaveText('Un acteur ne peut pas être relié à lui-même.');
	await link.getByLabel('Avec', { exact: true }).selectOption({ label: 'Mairie de Figeac' });
	await link.getByRole('button', { name: 'Relier' }).tap();
	await expect(ben.getByRole('status').filter({ hasText: 'Lien ajouté.' })).toBeVisible();
	await ben.getByRole('button', { name: 'Relier deux acteurs' }).tap();
	await link.getByLabel('Acteur', { exact: true }).selectOption({ label: 'Ferme du Bocage' });
	await link.getByRole('radio', { name: 'Approvisionne' }).check();
	await link.getByLabel('Avec', { exact: true }).selectOption({ label: 'Mairie de Figeac' });
	await link.getByRole('button', { name: 'Relier' }).tap();
	await expect(link.getByRole('alert')).toHaveText('Ce lien existe déjà.');
	await link.getByRole('button', { name: 'Fermer' }).tap();

	// Ana opens the town hall: its link is there; deleting it says what it touches first.
	await ana.getByRole('button', { name: 'Voir « Mairie de Figeac »' }).tap();
	const detail = ana.getByTestId('actor-detail');
	await expect(detail.getByTestId('actor-relation')).toHaveText(/Ferme du Bocage approvisionne Mairie de Figeac/);
	await ana.screenshot({ path: 'tests/artifacts/phone-actor-detail.png' });
	await detail.getByRole('button', { name: 'Supprimer « Mairie de Figeac »' }).tap();
	await expect(detail.getByRole('alertdialog')).toContainText('1 relation sera supprimée.');
	await detail.getByRole('button', { name: 'Oui, supprimer' }).tap();
	await expect(ben.getByRole('button', { name: 'Voir « Mairie de Figeac »' })).toHaveCount(0);
	await expect(ben.getByRole('button', { name: 'Voir « Ferme du Bocage »' })).toContainText('aucun lien');
	await ben.screenshot({ path: 'tests/artifacts/phone-actors.png' });
	await w.close();
});

test('the laptop places actors on the grid by mouse and keyboard while phones add more; the projector follows the grid, graph and lanes', async ({ browser }) => {
	const w = await openWorkshop(browser, 'Carte des acteurs');
	const { console_, screen } = w;
	await showOnScreen(console_, 'Influence');
	await expect(screen.getByTestId('actor-grid')).toBeVisible();
	const [ana, ben] = await Promise.all([w.join(), w.join()]);
	for (const p of [ana, ben]) await p.getByRole('button', { name: 'Acteurs' }).tap();

	// Phones and the laptop add actors at the same time.
	await Promise.all([
		(async () => {
			await addActorThroughForm(ana, { name: 'Mairie de Figeac', category: 'Collectivité', stages: ['Consommation, restauration'] });
			await addActorThroughForm(ana, { name: 'Ferme du Bocage', category: 'Agriculteur·rice', stages: ['Production', 'Vente'] });
			await addActorThroughForm(ana, { name: 'Jardins de Cocagne', category: 'Structure ESS, insertion', stages: ['Production', 'Sensibilisation'] });
		})(),
		(async () => {
			await addActorThroughForm(ben, { name: 'Cuisine centrale', category: 'Restauration collective', stages: ['Consommation, restauration'] });
			await addActorThroughForm(ben, { name: 'Région Occitanie', category: 'Financeur' });
		})(),
		addActorThroughForm(console_, { name: 'Légumerie du Lot', category: 'Transformateur', stages: ['Transformation', 'Logistique'] })
	]);
	await expect(screen.getByTestId('grid-actor')).toHaveCount(6);
	await expect(console_.getByTestId('grid-actor')).toHaveCount(6);

	// Where they landed says nothing yet: dashed, and in no quadrant, until someone places them.
	await expect(screen.locator('[data-testid="grid-actor"].unplaced')).toHaveCount(6);
	await expect(screen.getByTestId('unplaced-legend')).toHaveText('En pointillé : pas encore placé');
	await expect(console_.getByTestId('grid-actor').filter({ hasText: 'Région Occitanie' })).toHaveAttribute('data-quadrant', 'unplaced');

	// The keyboard moves the funder up (more influence) and to the left (less interest)…
	await console_.bringToFront();
	const region = console_.getByRole('button', { name: 'Région Occitanie : pas encore placé. Flèches pour le placer.' });
	await region.focus();
	for (let i = 0; i < 5; i++) await console_.keyboard.press('Shift+ArrowUp');
	for (let i = 0; i < 5; i++) await console_.keyboard.press('Shift+ArrowLeft');
	await expect(console_.getByRole('button', { name: /^Région Occitanie : influence 100 %, intérêt 0 %/ })).toBeVisible();
	await console_.keyboard.press('ArrowDown');
	await console_.keyboard.press('ArrowRight');
	await expect(console_.getByRole('button', { name: /^Région Occitanie : influence 95 %, intérêt 5 %/ })).toBeVisible();
	await expect(screen.getByTestId('grid-actor').filter({ hasText: 'Région Occitanie' })).toHaveAttribute('data-quadrant', 'keepSatisfied');
	// …and the mouse drags the central kitchen into the bottom right corner (keep informed).
	const kitchen = console_.getByRole('button', { name: /^Cuisine centrale : / });
	const plot = (await console_.locator('.plot').boundingBox())!;
	// Grab it where no other actor covers it, as a hand would.
	const grip = await kitchen.evaluate((el) => {
		const r = el.getBoundingClientRect();
		for (let x = r.left + 6; x < r.right; x += 8) {
			const y = r.top + r.height / 2;
			if (el.contains(document.elementFromPoint(x, y))) return { x, y };
		}
		return null;
	});
	expect(grip).not.toBeNull();
	await console_.mouse.move(grip!.x, grip!.y);
	await console_.mouse.down();
	await console_.mouse.move(plot.x + plot.width - 20, plot.y + plot.height - 10, { steps: 12 });
	await console_.mouse.up();
	await expect(console_.getByRole('button', { name: /^Cuisine centrale : influence 0 %, intérêt 100 %/ })).toBeVisible();
	await expect(screen.getByTestId('grid-actor').filter({ hasText: 'Cuisine centrale' })).toHaveAttribute('data-quadrant', 'keepInformed');
	// Two people at two laptops move two actors at the same moment: each sees the other's move.
	const second = await w.laptop.newPage();
	await second.goto(w.session.facilitatorUrl);
	const press = async (page: typeof second, name: RegExp, key: string) => {
		await page.getByRole('button', { name }).focus();
		for (let i = 0; i < 5; i++) await page.keyboard.press(key);
	};
	await Promise.all([press(console_, /^Ferme du Bocage : /, 'Shift+ArrowDown'), press(second, /^Jardins de Cocagne : /, 'Shift+ArrowRight')]);
	await expect(console_.getByRole('button', { name: /^Jardins de Cocagne : influence \d+ %, intérêt 100 %/ })).toBeVisible();
	await expect(second.getByRole('button', { name: /^Ferme du Bocage : influence 0 %/ })).toBeVisible();
	await second.close();
	// Who is missing: no association, no processor missing any more.
	const missing = console_.getByTestId('missing-categories');
	await expect(missing.locator('[data-category="association"]')).toBeVisible();
	await expect(missing.locator('[data-category="processor"]')).toHaveCount(0);
	await screen.screenshot({ path: 'tests/artifacts/projector-actor-grid.png' });
	await console_.screenshot({ path: 'tests/artifacts/console-actor-grid.png' });
	const axeConsole = await new AxeBuilder({ page: console_ }).analyze();
	expect(axeConsole.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

	// Relations from the phones; the projector draws the graph; selecting an actor lights its links.
	await linkThroughForm(ben, 'Ferme du Bocage', 'Approvisionne', 'Cuisine centrale');
	await linkThroughForm(ana, 'Légumerie du Lot', 'Approvisionne', 'Cuisine centrale');
	await linkThroughForm(ben, 'Région Occitanie', 'Finance', 'Jardins de Cocagne');
	await linkThroughForm(ana, 'Mairie de Figeac', 'Coopère avec', 'Jardins de Cocagne');
	await linkThroughForm(ben, 'Ferme du Bocage', 'En conflit avec', 'Légumerie du Lot');
	await showOnScreen(console_, 'Relations');
	await expect(screen.getByTestId('graph-edge')).toHaveCount(5);
	await console_.getByRole('button', { name: 'Montrer les liens de Cuisine centrale' }).click();
	await expect(screen.locator('[data-testid="graph-edge"][data-lit="true"]')).toHaveCount(2);
	await screen.screenshot({ path: 'tests/artifacts/projector-actor-graph.png' });
	const axeScreen = await new AxeBuilder({ page: screen }).analyze();
	expect(axeScreen.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

	// The lanes: holes where nobody acts.
	await showOnScreen(console_, 'Filière');
	const lanes = screen.getByTestId('actor-lanes');
	await expect(lanes.locator('[data-stage="distribution"]')).toContainText('Personne');
	await expect(lanes.locator('[data-stage="production"]')).toContainText('Ferme du Bocage');
	await expect(lanes.locator('[data-stage="production"]')).toContainText('Jardins de Cocagne');
	await screen.screenshot({ path: 'tests/artifacts/projector-actor-lanes.png' });

	// The list alternative on the laptop opens an actor's card.
	await console_.getByRole('button', { name: 'Liste' }).click();
	await console_.getByRole('button', { name: 'Voir « Cuisine centrale »' }).click();
	await expect(console_.getByTestId('actor-detail').getByTestId('actor-relation')).toHaveCount(2);
	await w.close();
});
