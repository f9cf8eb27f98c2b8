import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { consoleTab, openWorkshop, say } from './workshop';

test('the facilitator freezes the session and locks one board; phones read, cannot write, and are told why', async ({ browser }) => {
	const w = await openWorkshop(browser, 'Verrous', { width: 1366, height: 768 });
	const { console_ } = w;
	const p = await w.join();
	await say(p, 'Avant le gel');
	await consoleTab(console_, 'Séance');
	const locks = console_.getByRole('region', { name: 'Verrous' });

	await locks.getByRole('checkbox', { name: 'Figer la séance' }).check();
	// Said on every screen the facilitator and the room look at, not only in the Séance tab.
	await expect(console_.locator('header').getByTestId('frozen-badge')).toHaveText('Séance figée');
	await expect(w.screen.getByTestId('frozen-badge')).toHaveText('Séance figée');
	await expect(p.getByTestId('read-only')).toHaveText('L’animation a figé la séance : vous pouvez lire, pas modifier.');
	await expect(p.getByRole('textbox', { name: 'Votre contribution' })).toBeDisabled();
	await expect(p.getByText('Avant le gel')).toBeVisible();
	await expect(p.getByRole('button', { name: /Modifier « Avant le gel »/ })).toHaveCount(0);
	// A hand would not reach the console while frozen: the phone says so instead of pretending.
	await expect(p.getByRole('button', { name: 'Lever la main' })).toBeDisabled();
	await expect(p.getByRole('button', { name: 'Lever la main' })).toHaveAccessibleDescription('Séance figée : pour parler, levez la main dans la salle.');
	await p.screenshot({ path: 'tests/artifacts/phone-frozen.png' });
	expect((await new AxeBuilder({ page: p }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

	await locks.getByRole('checkbox', { name: 'Figer la séance' }).uncheck();
	await expect(p.getByTestId('read-only')).toHaveCount(0);
	await expect(w.screen.getByTestId('frozen-badge')).toHaveCount(0);
	await say(p, 'Après le gel');
	await expect(console_.getByRole('button', { name: 'Déplacer « Après le gel » (glisser, ou Entrée puis flèches)' })).toHaveCount(1);

	// Only the actor map locked: the needs board stays open.
	await locks.getByRole('checkbox', { name: 'Acteurs' }).check();
	await p.getByRole('button', { name: 'Acteurs' }).tap();
	await expect(p.getByTestId('read-only')).toHaveText('L’animation a verrouillé ce tableau : vous pouvez le lire, pas le modifier.');
	await expect(p.getByRole('button', { name: 'Ajouter un acteur' })).toBeDisabled();
	await p.getByRole('button', { name: 'Besoins' }).tap();
	await expect(p.getByTestId('read-only')).toHaveCount(0);
	await expect(p.getByRole('textbox', { name: 'Votre contribution' })).toBeEnabled();
	await console_.screenshot({ path: 'tests/artifacts/console-locks.png' });
	await w.close();
});
