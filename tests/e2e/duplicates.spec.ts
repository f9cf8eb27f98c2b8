import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openWorkshop, say, showOnScreen } from './workshop';

const menu = (text: string) => `Groupe de « ${text} », ou même idée qu’une autre`;

test('two people say the same thing: the facilitator folds one under the other, dots count once, and it can be separated again', async ({ browser }) => {
	const w = await openWorkshop(browser, 'Doublons');
	const { console_, screen } = w;
	const ana = await w.join();
	const ben = await w.join();
	await say(ana, 'Des légumes bio à la cantine');
	await say(ben, 'Manger bio à la cantine');
	await say(ben, 'Un marché de producteurs');

	const food = console_.locator('[data-need="food"]');
	await expect(food.getByTestId('contribution')).toHaveCount(3);
	await food.getByRole('combobox', { name: menu('Manger bio à la cantine') }).selectOption({ label: 'Des légumes bio à la cantine' });

	// One card now, said twice; the words of the second stay readable under it.
	await expect(food.getByTestId('contribution')).toHaveCount(2);
	const kept = food.getByTestId('contribution').filter({ has: console_.getByRole('button', { name: /^Déplacer « Des légumes bio à la cantine »/ }) });
	await expect(kept.getByTestId('same')).toContainText('Dit 2 fois');
	await expect(kept.getByTestId('same-item')).toHaveText(/Manger bio à la cantine/);
	await expect(food.getByRole('button', { name: 'Déplacer « Manger bio à la cantine » (glisser, ou Entrée puis flèches)' })).toHaveCount(0);
	const wall = screen.locator('[data-need="food"]');
	await expect(wall.getByTestId('contribution')).toHaveCount(2);
	await expect(wall.getByTestId('same')).toHaveText('Dit 2 fois');
	// The column counts the cards the room sees.
	await expect(wall.locator('.count')).toHaveText('2');
	await screen.screenshot({ path: 'tests/artifacts/projector-duplicates.png' });

	// Ben's phone shows his words folded under Ana's, marked as his: nothing seems lost.
	const folded = ben.getByTestId('contribution').filter({ hasText: 'Des légumes bio à la cantine' }).getByTestId('same-item');
	await expect(folded).toHaveText(/Manger bio à la cantine\s*\(vous\)/);
	await ben.screenshot({ path: 'tests/artifacts/phone-duplicates.png' });
	const axe = await new AxeBuilder({ page: ben }).analyze();
	expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

	// A vote on contributions: the folded one is not a separate choice.
	await console_.getByRole('button', { name: 'Ouvrir le vote' }).click();
	await expect(ana.getByRole('button', { name: /^Ajouter un point à « Des légumes bio/ })).toBeVisible();
	await expect(ana.getByRole('button', { name: /^Ajouter un point à « Manger bio/ })).toHaveCount(0);
	await ana.getByRole('button', { name: /^Ajouter un point à « Des légumes bio/ }).tap();
	await ben.getByRole('button', { name: /^Ajouter un point à « Des légumes bio/ }).tap();
	await console_.getByRole('button', { name: 'Clore le vote' }).click();
	await console_.getByRole('button', { name: 'Révéler les résultats' }).click();
	await showOnScreen(console_, 'Votes');
	const results = screen.getByTestId('vote-results');
	await expect(results.getByTestId('result')).toHaveCount(1);
	await expect(results.getByTestId('result')).toContainText('Des légumes bio à la cantine');
	await expect(results.getByTestId('result-dots')).toHaveText('2 points');
	await showOnScreen(console_, 'Contributions');

	// Separate: it stands on its own again, everywhere.
	await kept.getByRole('button', { name: 'Séparer « Manger bio à la cantine » (redevient une contribution à part)' }).click();
	await expect(food.getByTestId('contribution')).toHaveCount(3);
	await expect(food.getByTestId('same')).toHaveCount(0);
	await expect(wall.getByTestId('contribution')).toHaveCount(3);
	await expect(ben.getByTestId('contribution').filter({ hasText: 'Manger bio à la cantine' })).toContainText('Vous');
	await w.close();
});
