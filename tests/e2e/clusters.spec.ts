import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { consoleTab, openWorkshop, say, showOnScreen } from './workshop';

test('the facilitator groups contributions into named clusters, renames and undoes them; the projector follows', async ({ browser }) => {
	const w = await openWorkshop(browser, 'Regrouper');
	const { console_, screen } = w;
	const p = await w.join();
	for (const text of ['Cantine bio', 'Repas locaux à l’école', 'Marché du samedi']) await say(p, text);
	const food = console_.locator('[data-need="food"]');
	await expect(food.getByTestId('contribution')).toHaveCount(3);

	// With the keyboard-friendly menu: a new group, then a second contribution into it.
	await food.getByRole('combobox', { name: 'Groupe de « Cantine bio », ou même idée qu’une autre' }).selectOption({ label: '+ Nouveau groupe' });
	const cluster = food.getByTestId('cluster');
	await expect(cluster).toHaveCount(1);
	await food.getByRole('combobox', { name: 'Groupe de « Repas locaux à l’école », ou même idée qu’une autre' }).selectOption({ label: 'Groupe 1' });
	await expect(cluster.getByTestId('contribution')).toHaveCount(2);
	await cluster.getByRole('textbox', { name: 'Nom du groupe « Groupe 1 »' }).fill('Restauration collective');
	await cluster.getByRole('textbox', { name: 'Nom du groupe « Groupe 1 »' }).press('Enter');

	const wall = screen.locator('[data-need="food"]');
	await expect(wall.getByTestId('cluster')).toHaveAccessibleName('Restauration collective');
	await expect(wall.getByTestId('cluster').getByTestId('contribution')).toHaveCount(2);
	await screen.screenshot({ path: 'tests/artifacts/projector-clusters.png' });
	await console_.screenshot({ path: 'tests/artifacts/console-clusters.png' });
	const axe = await new AxeBuilder({ page: console_ }).analyze();
	expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

	// The phone sees the group too, and a vote on groups gives dots to the group itself.
	await expect(p.getByTestId('phone-cluster').getByRole('heading', { name: 'Restauration collective' })).toBeVisible();
	await console_.getByLabel('On vote sur').selectOption({ label: 'les groupes' });
	await console_.getByRole('button', { name: 'Ouvrir le vote' }).click();
	await expect(console_.getByLabel('On vote sur')).toBeDisabled();
	await expect(p.getByRole('button', { name: 'Ajouter un point à « Cantine bio »' })).toHaveCount(0);
	await p.getByRole('button', { name: 'Ajouter un point à « Restauration collective »' }).tap();
	await console_.getByRole('button', { name: 'Clore le vote' }).click();
	await console_.getByRole('button', { name: 'Révéler les résultats' }).click();
	await showOnScreen(console_, 'Votes');
	const results = screen.getByTestId('vote-results');
	await expect(results.getByRole('heading')).toHaveText('Les groupes les plus soutenus');
	await expect(results.getByTestId('result')).toHaveCount(1);
	await expect(results.getByTestId('result')).toContainText('Restauration collective');
	await expect(results.getByTestId('result')).toContainText('2 contributions');
	await expect(results.getByTestId('result-dots')).toHaveText('1 point');
	await showOnScreen(console_, 'Contributions');

	// Undo the group: its contributions stay, loose.
	await cluster.getByRole('button', { name: 'Défaire le groupe « Restauration collective » (ses contributions restent)' }).click();
	await expect(food.getByTestId('cluster')).toHaveCount(0);
	await expect(food.getByTestId('contribution')).toHaveCount(3);
	await expect(wall.getByTestId('cluster')).toHaveCount(0);

	// Drag and drop with the mouse: a card's handle onto "new group", then another card into it.
	// A page in the background gets one animation frame a second: bring the console forward.
	await console_.bringToFront();
	const dragTo = async (text: string, target: import('@playwright/test').Locator) => {
		const handle = food.getByRole('button', { name: `Déplacer « ${text} » (glisser, ou Entrée puis flèches)` });
		const from = (await handle.boundingBox())!;
		const to = (await target.boundingBox())!;
		await console_.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
		await console_.mouse.down();
		await console_.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
		// Dwell over the target as a hand would, so the library registers the zone under it.
		await console_.waitForTimeout(250);
		await console_.mouse.move(to.x + to.width / 2 + 2, to.y + to.height / 2 + 2, { steps: 2 });
		await console_.waitForTimeout(250);
		await console_.mouse.up();
	};
	await dragTo('Marché du samedi', food.getByRole('list', { name: 'Déposer ici pour faire un nouveau groupe' }));
	await expect(food.getByTestId('cluster')).toHaveCount(1);
	await expect(food.getByTestId('cluster').getByTestId('contribution')).toHaveText([/Marché du samedi/]);
	await dragTo('Cantine bio', food.getByTestId('cluster').getByRole('list'));
	await expect(food.getByTestId('cluster').getByTestId('contribution')).toHaveCount(2);
	await expect(wall.getByTestId('cluster').getByTestId('contribution')).toHaveCount(2);

	// Participants may group too, once the facilitator allows it.
	const phoneMenu = p.getByRole('combobox', { name: 'Groupe de « Repas locaux à l’école », ou même idée qu’une autre' });
	await expect(phoneMenu).toHaveCount(0);
	await consoleTab(console_, 'Réglages');
	await console_.getByRole('checkbox', { name: 'Les participant·e·s peuvent regrouper les contributions' }).check();
	await phoneMenu.selectOption({ label: 'Groupe 1' });
	await expect(food.getByTestId('cluster').getByTestId('contribution')).toHaveCount(3);
	await w.close();
});

test('a keyboard alone moves a card between groups through its drag handle', async ({ browser }) => {
	const w = await openWorkshop(browser, 'Clavier');
	const { console_ } = w;
	const p = await w.join();
	for (const text of ['Cantine bio', 'Marché du samedi']) await say(p, text);
	const food = console_.locator('[data-need="food"]');
	await expect(food.getByTestId('contribution')).toHaveCount(2);
	await food.getByRole('combobox', { name: 'Groupe de « Cantine bio », ou même idée qu’une autre' }).selectOption({ label: '+ Nouveau groupe' });
	await expect(food.getByTestId('cluster').getByTestId('contribution')).toHaveCount(1);

	// Pick the loose card up by its handle, Shift+Tab into the group's list, put it down.
	await console_.bringToFront();
	const handle = food.getByRole('button', { name: 'Déplacer « Marché du samedi » (glisser, ou Entrée puis flèches)' });
	await handle.focus();
	await console_.keyboard.press('Enter');
	// Shift+Tab walks back through the group's controls to its list; reaching it moves the card in.
	const cluster = food.getByTestId('cluster');
	const inGroup = () => cluster.evaluate((el) => el.contains(document.activeElement) && document.activeElement?.tagName === 'LI');
	for (let i = 0; i < 6 && !(await inGroup()); i++) await console_.keyboard.press('Shift+Tab');
	expect(await inGroup()).toBe(true);
	await console_.keyboard.press('Enter');
	await console_.screenshot({ path: 'tests/artifacts/console-keyboard-drag.png' });
	await expect(cluster.getByTestId('contribution')).toHaveCount(2);
	await expect(cluster.getByRole('button', { name: 'Déplacer « Marché du samedi » (glisser, ou Entrée puis flèches)' })).toHaveCount(1);
	// It is in the document, not only on this screen: a fresh console sees it in the group.
	const again = await w.laptop.newPage();
	await again.goto(w.session.facilitatorUrl);
	await expect(again.locator('[data-need="food"]').getByTestId('cluster').getByTestId('contribution')).toHaveCount(2);
	await w.close();
});

test('a long column scrolls: the "new group" box never covers the cards above it', async ({ browser }) => {
	const w = await openWorkshop(browser, 'Colonne longue');
	const p = await w.join();
	for (const text of [
		'Apprendre aux enfants à cuisiner les légumes frais',
		'Cantine : manger local !',
		'Un marché de producteurs le samedi',
		'Des produits locaux dans les cantines scolaires',
		'Des paniers solidaires pour les familles',
		'Une épicerie sociale au centre-bourg'
	])
		await say(p, text);
	const column = w.console_.locator('[data-need="food"] .scroll');
	await expect(column.getByTestId('contribution')).toHaveCount(6);
	const boxes = await column.evaluate((el) => [...el.children].map((c) => ({ top: c.getBoundingClientRect().top, bottom: c.getBoundingClientRect().bottom, height: (c as HTMLElement).scrollHeight })));
	for (let i = 1; i < boxes.length; i++) expect(boxes[i].top).toBeGreaterThanOrEqual(boxes[i - 1].bottom);
	for (const b of boxes) expect(b.bottom - b.top).toBeGreaterThanOrEqual(b.height - 1);
	await w.close();
});
