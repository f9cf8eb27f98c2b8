import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openWorkshop, showOnScreen } from './workshop';

async function post(p: Page, text: string) {
	await p.getByRole('textbox', { name: 'Votre contribution' }).fill(text);
	await p.getByRole('button', { name: 'Publier' }).tap();
	await expect(p.getByText(text)).toBeVisible();
}

test('a dot vote: budget on the phones, hidden results, reveal, ranking on the projector', async ({ browser }) => {
	const w = await openWorkshop(browser, 'Priorités');
	const { console_, screen } = w;
	const [a, b] = await Promise.all([w.join(), w.join()]);
	for (const text of ['Une légumerie', 'Un marché paysan', 'Des jardins partagés', 'Un magasin de producteurs']) await post(a, text);
	// No vote yet: no dots to give.
	await expect(a.getByRole('button', { name: /Ajouter un point/ })).toHaveCount(0);

	await console_.getByLabel('Points par personne').fill('3');
	await console_.getByLabel('Points par personne').blur();
	await console_.getByRole('button', { name: 'Ouvrir le vote' }).click();
	await showOnScreen(console_, 'Votes');

	await expect(a.getByTestId('vote-banner')).toHaveText(/il vous reste 3 points sur 3/);
	await a.getByRole('button', { name: 'Ajouter un point à « Une légumerie »' }).tap();
	// One dot per contribution unless the facilitator allows stacking.
	await expect(a.getByRole('button', { name: 'Ajouter un point à « Une légumerie »' })).toBeDisabled();
	await a.getByRole('button', { name: 'Ajouter un point à « Un marché paysan »' }).tap();
	await a.getByRole('button', { name: 'Ajouter un point à « Des jardins partagés »' }).tap();
	await expect(a.getByTestId('vote-banner')).toHaveText(/vos 3 points sont répartis/);
	await expect(a.getByRole('button', { name: 'Ajouter un point à « Un magasin de producteurs »' })).toBeDisabled();
	// Taking one back frees it.
	await a.getByRole('button', { name: 'Retirer un point de « Des jardins partagés »' }).tap();
	await a.getByRole('button', { name: 'Ajouter un point à « Un magasin de producteurs »' }).tap();

	await b.getByRole('button', { name: 'Ajouter un point à « Un marché paysan »' }).tap();
	await b.getByRole('button', { name: 'Ajouter un point à « Une légumerie »' }).tap();

	// Hidden on the projector until the reveal; the count of voters is live.
	const results = screen.getByTestId('vote-results');
	await expect(results).toContainText('2 personnes ont voté');
	await expect(results).toContainText('Les résultats s’afficheront quand l’animation les révélera.');
	await expect(results.getByTestId('result')).toHaveCount(0);
	const axe = await new AxeBuilder({ page: a }).analyze();
	expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

	await console_.getByRole('button', { name: 'Clore le vote' }).click();
	await expect(a.getByRole('button', { name: /Ajouter un point/ })).toHaveCount(0);
	// The phones are told why their dots are gone.
	await expect(b.getByText('Le vote est clos. Merci !')).toBeVisible();
	await console_.getByRole('button', { name: 'Révéler les résultats' }).click();
	await expect(results.getByTestId('result')).toHaveCount(3);
	await expect(results.getByTestId('result').first()).toContainText('Une légumerie');
	await expect(results.getByTestId('result-dots')).toHaveText(['2 points', '2 points', '1 point']);
	await expect(results.getByTestId('result').nth(2)).toContainText('Un magasin de producteurs');
	// Phones see the totals too once revealed.
	await expect(b.getByTestId('dot-total').first()).toBeVisible();

	await screen.screenshot({ path: 'tests/artifacts/projector-votes.png' });
	await console_.screenshot({ path: 'tests/artifacts/console-votes.png' });
	await w.close();
});
