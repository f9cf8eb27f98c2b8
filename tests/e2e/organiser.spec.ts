import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ORGANISER_TOKEN_E2E } from '../../playwright.config';
import { openWorkshop, say } from './workshop';

test('the organisers’ dashboard: sessions of this device and, with the organiser code, every session, each exported in one click', async ({ browser }) => {
	const w = await openWorkshop(browser, 'Atelier de la vallée du Célé', { width: 1366, height: 768 });
	const phone = await w.join();
	await say(phone, 'Une cantine bio');
	const page = await w.laptop.newPage();
	await page.goto('/');
	await page.getByRole('link', { name: 'Tableau de bord des organisateurs' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tableau de bord des organisateurs');

	// Run from this device: the console remembered it.
	const here = page.getByRole('region', { name: 'Sur cet appareil' });
	const row = here.getByTestId('my-session').filter({ hasText: 'Atelier de la vallée du Célé' });
	const [word] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Word de « Atelier de la vallée du Célé »' }).click()]);
	expect(word.suggestedFilename()).toMatch(/^atelier-de-la-vallee-du-cele-\d{4}-\d{2}-\d{2}\.docx$/);

	// Every session of the server, with the organiser code.
	const all = page.getByRole('region', { name: 'Toutes les séances du serveur' });
	await all.getByLabel('Code organisateur').fill('pas-le-bon-code');
	await all.getByRole('button', { name: 'Afficher' }).click();
	await expect(all.getByRole('alert')).toHaveText('Ce n’est pas le code organisateur de ce serveur.');
	await all.getByLabel('Code organisateur').fill(ORGANISER_TOKEN_E2E);
	await all.getByRole('button', { name: 'Afficher' }).click();
	const line = all.getByTestId('server-session').filter({ hasText: 'Atelier de la vallée du Célé' });
	await expect(line.getByRole('cell').nth(1)).toHaveText('1');
	await page.screenshot({ path: 'tests/artifacts/organiser.png' });
	const axe = await new AxeBuilder({ page }).analyze();
	expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
	const [pdf] = await Promise.all([page.waitForEvent('download'), line.getByRole('button', { name: 'PDF de « Atelier de la vallée du Célé »' }).click()]);
	expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
	// Kept for this tab: a reload still shows the list, "forget" hides it.
	await page.reload();
	await expect(all.getByTestId('server-session').first()).toBeVisible();
	await all.getByRole('button', { name: 'Oublier le code' }).click();
	await expect(all.getByLabel('Code organisateur')).toBeVisible();
	await w.close();
});
