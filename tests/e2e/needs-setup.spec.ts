import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { consoleTab } from './workshop';

const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

test('the facilitator renames, adds, reorders and switches off needs; phones and projector follow', async ({ browser }) => {
	const laptop = await browser.newContext({ viewport: { width: 1366, height: 768 } });
	const console_ = await laptop.newPage();
	const res = await console_.request.post('/api/sessions', { data: { title: 'Besoins du territoire' } });
	const s = await res.json();
	await console_.goto(s.facilitatorUrl);
	await expect(console_.getByTestId('connection')).toHaveAttribute('data-status', 'connected');

	const ctx = await browser.newContext(phone);
	const p = await ctx.newPage();
	await p.goto(`/j/${s.joinCode}`);
	await p.getByLabel('Votre prénom (facultatif)').fill('Jeanne');
	await p.getByRole('button', { name: 'Rejoindre' }).tap();
	await p.getByRole('textbox', { name: 'Votre contribution' }).fill('Des repas équilibrés');
	await p.getByRole('button', { name: 'Publier' }).tap();

	await consoleTab(console_, 'Réglages');
	await console_.getByRole('button', { name: 'Configurer les besoins' }).click();
	const dialog = console_.getByRole('dialog', { name: 'Les besoins de la séance' });
	await expect(dialog).toBeVisible();
	const axe = await new AxeBuilder({ page: console_ }).include('dialog').analyze();
	expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

	// Rename: refused when it duplicates another need, kept otherwise.
	const food = dialog.getByRole('textbox', { name: 'Nom du besoin « Se nourrir »' });
	await food.fill('santé');
	await food.press('Enter');
	await expect(dialog.getByRole('alert')).toHaveText('Ce besoin existe déjà.');
	await expect(food).toHaveValue('Se nourrir');
	await food.fill('Alimentation');
	await food.press('Enter');
	// Switch health off; add a suggested need and a new one; an empty one is refused.
	await dialog.getByRole('checkbox', { name: 'Afficher « Santé »' }).uncheck();
	await dialog.getByRole('button', { name: 'Ajouter « Biodiversité »' }).click();
	await dialog.getByRole('button', { name: 'Ajouter', exact: true }).click();
	await expect(dialog.getByRole('alert')).toHaveText('Donnez un nom au besoin.');
	await dialog.getByLabel('Nouveau besoin').fill('Mobilité');
	await dialog.getByRole('button', { name: 'Ajouter', exact: true }).click();
	await dialog.getByRole('button', { name: 'Monter « Mobilité »' }).click();
	await console_.screenshot({ path: 'tests/artifacts/console-needs-dialog.png' });
	await dialog.getByRole('button', { name: 'Fermer' }).click();

	// The console's board follows.
	const board = console_.getByTestId('needs-board');
	await expect(board.getByRole('heading')).toHaveText(['Alimentation', 'Travail et insertion', 'Équité sociale', 'Générations futures', 'Mobilité', 'Biodiversité']);

	// The phone: renamed tab, no health tab, the new needs usable; nothing was lost.
	await expect(p.getByRole('button', { name: /^Alimentation/ })).toBeVisible();
	await expect(p.getByRole('button', { name: /^Santé/ })).toHaveCount(0);
	await p.getByRole('button', { name: /^Mobilité/ }).tap();
	await p.getByRole('textbox', { name: 'Votre contribution' }).fill('Un minibus vers le marché');
	await p.getByRole('button', { name: 'Publier' }).tap();
	await expect(board.locator('[data-need="mobilite"]').getByText('Un minibus vers le marché')).toBeVisible();
	await p.getByRole('button', { name: /^Alimentation/ }).tap();
	await expect(p.getByText('Des repas équilibrés')).toBeVisible();

	// Names: hidden by default, shown to the room when the facilitator says so.
	await expect(board.getByText('Jeanne')).toHaveCount(0);
	await console_.getByRole('checkbox', { name: 'Afficher les prénoms à côté des contributions' }).check();
	await expect(board.getByText('Jeanne').first()).toBeVisible();

	const screen = await laptop.newPage();
	await screen.setViewportSize({ width: 1920, height: 1080 });
	await screen.goto(s.projectorUrl);
	const wall = screen.getByTestId('needs-board');
	await expect(wall.getByRole('heading')).toHaveText(['Alimentation', 'Travail et insertion', 'Équité sociale', 'Générations futures', 'Mobilité', 'Biodiversité']);
	await expect(wall.getByText('Jeanne').first()).toBeVisible();
	await screen.screenshot({ path: 'tests/artifacts/projector-needs.png' });

	await console_.screenshot({ path: 'tests/artifacts/console-needs.png' });
	await p.screenshot({ path: 'tests/artifacts/phone-needs.png' });
	await Promise.all([laptop.close(), ctx.close()]);
});
