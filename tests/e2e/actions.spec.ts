import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { addActorThroughForm, openWorkshop, showOnScreen } from './workshop';

const serious = (r: Awaited<ReturnType<AxeBuilder['analyze']>>) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);

async function newActionOnPhone(p: Page, title: string) {
	await p.getByRole('textbox', { name: 'Nouvelle action' }).fill(title);
	await p.getByRole('button', { name: 'Nouvelle action' }).tap();
	await expect(p.getByRole('button', { name: `Ouvrir « ${title} »` })).toBeVisible();
}

test('an action sheet co-written from two phones, linked to needs and actors, with commitments; the coverage matrix shows the gaps', async ({ browser }) => {
	const w = await openWorkshop(browser, 'Plan d’action');
	const { console_, screen } = w;
	const [ana, ben] = await Promise.all([w.join(), w.join()]);
	// Two actors first, from the laptop (the actor map).
	await showOnScreen(console_, 'Influence');
	await addActorThroughForm(console_, { name: 'Mairie de Figeac', category: 'Collectivité' });
	await addActorThroughForm(console_, { name: 'Ferme du Bocage', category: 'Agriculteur·rice' });
	await showOnScreen(console_, 'Actions');
	await expect(screen.getByTestId('action-board')).toBeVisible();

	// The laptop adds one action; an empty title is refused.
	await console_.getByRole('button', { name: 'Nouvelle action' }).click();
	await expect(console_.getByTestId('action-board').getByRole('alert')).toHaveText('Donnez un titre à l’action.');
	await console_.getByRole('textbox', { name: 'Nouvelle action' }).fill('Une légumerie partagée');
	await console_.getByRole('button', { name: 'Nouvelle action' }).click();
	await expect(screen.getByTestId('action-card')).toHaveCount(1);

	for (const p of [ana, ben]) await p.getByRole('button', { name: 'Actions', exact: true }).tap();
	await newActionOnPhone(ana, 'Des repas bio à la cantine');

	// Both phones open the same sheet: each sees the other is there, and both type at once.
	for (const p of [ana, ben]) await p.getByRole('button', { name: 'Ouvrir « Des repas bio à la cantine »' }).tap();
	await expect(ana.getByTestId('action-editors')).toBeVisible();
	const description = (p: Page) => p.getByTestId('action-detail').getByLabel('Description');
	await description(ana).click();
	await description(ana).pressSequentially('Servir des produits locaux');
	await expect(description(ben)).toHaveValue('Servir des produits locaux');
	// Then both type at once, Ana at the end and Ben at the start: no character is lost and
	// each keeps their cursor while the other's words arrive.
	await description(ben).click();
	await ben.keyboard.press('Control+Home');
	await description(ana).click();
	await ana.keyboard.press('Control+End');
	await Promise.all([description(ana).pressSequentially(' chaque jeudi', { delay: 20 }), description(ben).pressSequentially('Au collège : ', { delay: 20 })]);
	for (const p of [ana, ben]) await expect(description(p)).toHaveValue('Au collège : Servir des produits locaux chaque jeudi');
	// Both type into the same empty field at the same spot: each one's words stay whole.
	const objective = (p: Page) => p.getByTestId('action-detail').getByLabel('Objectif');
	for (const p of [ana, ben]) await p.getByTestId('action-detail').getByText('Fiche action (facultatif)').tap();
	await objective(ana).click();
	await objective(ben).click();
	await Promise.all([objective(ana).pressSequentially('Nourrir', { delay: 25 }), objective(ben).pressSequentially('Former', { delay: 25 })]);
	await expect.poll(() => objective(ana).inputValue()).toMatch(/^(NourrirFormer|FormerNourrir)$/);
	await expect(objective(ben)).toHaveValue(await objective(ana).inputValue());

	// Ana links it: two needs, the town hall as lead, a new actor created from the sheet as partner.
	const sheet = ana.getByTestId('action-detail');
	await sheet.getByRole('checkbox', { name: 'Se nourrir' }).check();
	await sheet.getByRole('checkbox', { name: 'Santé' }).check();
	await sheet.getByLabel('Porteur').selectOption({ label: 'Mairie de Figeac' });
	await sheet.getByRole('button', { name: 'Nouvel acteur' }).tap();
	const newActor = ana.getByTestId('new-actor');
	await newActor.getByLabel('Nom').fill('Cuisine centrale');
	await newActor.getByLabel('Catégorie').selectOption({ label: 'Restauration collective' });
	await newActor.getByRole('button', { name: 'Ajouter', exact: true }).tap();
	await expect(sheet.getByRole('checkbox', { name: 'Cuisine centrale' })).toBeChecked();
	// A due date in the past is flagged.
	await sheet.getByLabel('Échéance').fill('2020-01-15');
	await expect(sheet.getByText('Échéance dépassée')).toBeVisible();
	await ana.screenshot({ path: 'tests/artifacts/phone-action-sheet.png' });
	expect(serious(await new AxeBuilder({ page: ana }).analyze())).toEqual([]);

	// Ben commits the farm as partner, bringing land and a sales outlet.
	const benSheet = ben.getByTestId('action-detail');
	// On a phone, committing comes first, right under the title and description.
	const commitAt = (await benSheet.getByRole('button', { name: 'Je m’engage' }).boundingBox())!;
	const columnAt = (await benSheet.getByLabel('Colonne').boundingBox())!;
	expect(commitAt.y).toBeLessThan(columnAt.y);
	await benSheet.getByRole('button', { name: 'Je m’engage' }).tap();
	const form = benSheet.getByTestId('commit-form');
	await form.getByRole('radio', { name: 'Partenaire' }).check();
	await form.getByLabel('Pour quelle structure ?').selectOption({ label: 'Ferme du Bocage' });
	await form.getByRole('checkbox', { name: 'Du foncier' }).check();
	await form.getByRole('checkbox', { name: 'Un débouché' }).check();
	await form.getByRole('button', { name: 'M’engager' }).tap();
	await expect(benSheet.getByText('Engagement enregistré. Merci !')).toBeVisible();
	await expect(sheet.getByTestId('commitment')).toHaveText(/Ferme du Bocage — Partenaire\s*Du foncier, Un débouché/);
	for (const p of [ana, ben]) await p.getByTestId('action-detail').getByRole('button', { name: 'Fermer' }).tap();

	// The projector's board shows the card with its lead and commitment; then the coverage matrix.
	const card = screen.getByTestId('action-card').filter({ hasText: 'Des repas bio à la cantine' });
	await expect(card).toContainText('Mairie de Figeac');
	await expect(card).toContainText('1 engagement');
	await expect(card.locator('.committed')).toContainText('Ferme du Bocage');
	await screen.screenshot({ path: 'tests/artifacts/projector-actions.png' });
	await showOnScreen(console_, 'Couverture');
	const matrix = screen.getByTestId('coverage');
	await expect(matrix.getByTestId('coverage-row')).toHaveCount(2);
	await expect(matrix.locator('[data-testid="coverage-total"][data-need="food"]')).toHaveText('1');
	await expect(matrix.locator('[data-testid="coverage-total"][data-need="work"]')).toContainText('Aucune');
	await expect(matrix.getByTestId('without-lead')).toContainText('Une légumerie partagée');
	await expect(matrix.getByTestId('idle-actors')).not.toContainText('Ferme du Bocage');
	await screen.screenshot({ path: 'tests/artifacts/projector-coverage.png' });
	expect(serious(await new AxeBuilder({ page: screen }).analyze())).toEqual([]);
	await w.close();
});

test('cards move on the laptop and on phones, the same everywhere; a vote on actions; an action deleted while someone edits it is given back', async ({ browser }) => {
	const w = await openWorkshop(browser, 'Déplacer et voter');
	const { console_, screen } = w;
	await showOnScreen(console_, 'Actions');
	for (const title of ['Légumerie', 'Marché paysan', 'Cantine bio']) {
		await console_.getByRole('textbox', { name: 'Nouvelle action' }).fill(title);
		await console_.getByRole('button', { name: 'Nouvelle action' }).click();
	}
	const column = (page: Page, status: string) => page.locator(`[data-testid="action-board"] section[data-status="${status}"]`);
	await expect(column(screen, 'idea').getByTestId('action-card')).toHaveText([/Légumerie/, /Marché paysan/, /Cantine bio/]);

	// The mouse drags "Cantine bio" into "planned".
	await console_.bringToFront();
	const handle = console_.getByRole('button', { name: 'Déplacer « Cantine bio » (glisser, ou Entrée puis Tab)' });
	const from = (await handle.boundingBox())!;
	const to = (await column(console_, 'planned').locator('ul').boundingBox())!;
	await console_.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
	await console_.mouse.down();
	await console_.mouse.move(to.x + to.width / 2, to.y + 30, { steps: 10 });
	await console_.waitForTimeout(250);
	await console_.mouse.move(to.x + to.width / 2 + 2, to.y + 32, { steps: 2 });
	await console_.waitForTimeout(250);
	await console_.mouse.up();
	await expect(column(screen, 'planned').getByTestId('action-card')).toHaveText([/Cantine bio/]);

	// On a phone: one column at a time, move buttons for one hand.
	const [ana, ben] = await Promise.all([w.join(), w.join()]);
	for (const p of [ana, ben]) await p.getByRole('button', { name: 'Actions', exact: true }).tap();
	await ana.getByRole('button', { name: 'Descendre « Légumerie »' }).tap();
	await expect(column(screen, 'idea').getByTestId('action-card')).toHaveText([/Marché paysan/, /Légumerie/]);
	await ana.getByRole('button', { name: 'Déplacer « Marché paysan » vers « Prévues »' }).tap();
	await expect(column(screen, 'planned').getByTestId('action-card')).toHaveText([/Cantine bio/, /Marché paysan/]);
	await ana.getByRole('button', { name: /^Prévues/ }).tap();
	await ana.screenshot({ path: 'tests/artifacts/phone-actions-list.png' });
	expect(serious(await new AxeBuilder({ page: ana }).analyze())).toEqual([]);
	// Two phones move the same card to two places at once (Ben's Wi-Fi drops for the moment, so
	// neither sees the other's move first): one result, everywhere, once Ben is back.
	await ben.getByRole('button', { name: /^Prévues/ }).tap();
	await expect(ben.getByRole('button', { name: 'Déplacer « Cantine bio » vers « Idées »' })).toBeVisible();
	await ben.context().setOffline(true);
	await ana.getByRole('button', { name: 'Déplacer « Cantine bio » vers « En cours »' }).tap();
	await ben.getByRole('button', { name: 'Déplacer « Cantine bio » vers « Idées »' }).tap();
	await ben.context().setOffline(false);
	await expect(ben.getByTestId('connection')).toHaveAttribute('data-status', 'connected', { timeout: 15_000 });
	const status = async (p: Page) => p.locator('[data-testid="action-board"] [data-testid="action-card"]').filter({ hasText: 'Cantine bio' }).getAttribute('data-status');
	// Wait until the two moves have crossed, then every screen says the same.
	await ana.waitForTimeout(500);
	const settled = await status(screen);
	expect(['doing', 'idea']).toContain(settled);
	await expect.poll(() => status(console_)).toBe(settled);
	const onPhone = async (p: Page) => {
		await p.getByRole('button', { name: settled === 'doing' ? /^En cours/ : /^Idées/ }).tap();
		return p.getByRole('button', { name: 'Ouvrir « Cantine bio »' }).count();
	};
	expect(await onPhone(ana)).toBe(1);
	expect(await onPhone(ben)).toBe(1);

	// A vote on actions, revealed on the projector.
	await console_.getByLabel('On vote sur').selectOption({ label: 'les actions' });
	await console_.getByRole('button', { name: 'Ouvrir le vote' }).click();
	await ana.getByRole('button', { name: /^Idées/ }).tap();
	await ana.getByRole('button', { name: 'Ajouter un point à « Légumerie »' }).tap();
	await ben.getByRole('button', { name: /^Idées/ }).tap();
	await ben.getByRole('button', { name: 'Ajouter un point à « Légumerie »' }).tap();
	await console_.getByRole('button', { name: 'Clore le vote' }).click();
	await console_.getByRole('button', { name: 'Révéler les résultats' }).click();
	await showOnScreen(console_, 'Votes');
	const results = screen.getByTestId('vote-results');
	await expect(results.getByRole('heading')).toHaveText('Les actions les plus soutenues');
	await expect(results.getByTestId('result').first()).toContainText('Légumerie');
	await expect(results.getByTestId('result-dots').first()).toHaveText('2 points');
	await showOnScreen(console_, 'Actions');

	// Ben is writing in "Légumerie" when the facilitator deletes it: Ben is told, and gets it back.
	// A participant may co-write the facilitator's action, not delete it.
	await ben.getByRole('button', { name: 'Ouvrir « Légumerie »' }).tap();
	await ben.getByTestId('action-detail').getByLabel('Description').fill('Une légumerie au lycée agricole');
	await expect(ben.getByTestId('action-detail').getByRole('button', { name: 'Supprimer l’action' })).toHaveCount(0);
	await console_.getByRole('button', { name: 'Ouvrir « Légumerie »' }).click();
	await console_.getByTestId('action-detail').getByRole('button', { name: 'Supprimer l’action' }).click();
	await console_.getByTestId('action-detail').getByRole('button', { name: 'Oui, supprimer' }).click();
	const gone = ben.getByTestId('action-gone');
	await expect(gone).toContainText('Cette action vient d’être supprimée par quelqu’un d’autre.');
	await expect(gone).toContainText('Une légumerie au lycée agricole');
	await ben.screenshot({ path: 'tests/artifacts/phone-action-gone.png' });
	await gone.getByRole('button', { name: 'La recréer avec ce texte' }).tap();
	await expect(ben.getByTestId('action-detail').getByLabel('Description')).toHaveValue('Une légumerie au lycée agricole');
	await expect(screen.getByTestId('action-card').filter({ hasText: 'Légumerie' })).toHaveCount(1);
	await ben.screenshot({ path: 'tests/artifacts/phone-actions.png' });
	expect(serious(await new AxeBuilder({ page: console_ }).analyze())).toEqual([]);
	await w.close();
});

test('a keyboard alone moves an action card to the next column through its handle', async ({ browser }) => {
	const w = await openWorkshop(browser, 'Clavier');
	const { console_ } = w;
	await showOnScreen(console_, 'Actions');
	await console_.getByRole('textbox', { name: 'Nouvelle action' }).fill('Un verger partagé');
	await console_.getByRole('button', { name: 'Nouvelle action' }).click();
	await console_.bringToFront();
	await console_.getByRole('button', { name: 'Déplacer « Un verger partagé » (glisser, ou Entrée puis Tab)' }).focus();
	await console_.keyboard.press('Enter');
	const planned = console_.locator('[data-testid="action-board"] section[data-status="planned"]');
	const arrived = () => planned.evaluate((el) => el.contains(document.activeElement) && document.activeElement?.tagName === 'LI');
	for (let i = 0; i < 8 && !(await arrived()); i++) await console_.keyboard.press('Tab');
	expect(await arrived()).toBe(true);
	await console_.keyboard.press('Enter');
	await expect(planned.getByTestId('action-card')).toHaveText([/Un verger partagé/]);
	await expect(w.screen.locator('[data-testid="action-board"] section[data-status="planned"]').getByTestId('action-card')).toHaveCount(1);
	await w.close();
});
