import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { PHONE } from './workshop';

test('a newcomer tries the sample workshop from the home page: a filled console, and a phone that joins sees the same boards', async ({ browser }) => {
	const laptop = await browser.newContext({ viewport: { width: 1366, height: 768 } });
	const page = await laptop.newPage();
	await page.goto('/');
	const sample = page.getByRole('region', { name: 'Pas encore d’atelier ?' });
	const axe = await new AxeBuilder({ page }).analyze();
	expect(axe.violations).toEqual([]);
	await sample.getByRole('button', { name: 'Essayer un atelier exemple' }).click();

	// The console says it is a sample and what to try; the room is on the actors step, its actors there.
	await expect(page).toHaveURL(/\/s\/[^/]+\/facilitate/);
	const note = page.getByRole('region', { name: 'Séance exemple : une matinée de travail déjà faite' });
	await expect(note).toBeVisible();
	const code = (await page.getByTestId('join-code').first().textContent())!.replace(/\s/g, '');
	expect(code).toMatch(/^[A-Z0-9]{6}$/);
	await expect(note).toContainText(`le code ${code}`);
	await expect(page.getByText('Jardins de Cocagne du Lot').filter({ visible: true }).first()).toBeVisible();
	await page.getByRole('tab', { name: 'Animer' }).click();
	await expect(page.getByText('Étape 6 sur 7').first()).toBeVisible();
	await page.screenshot({ path: 'tests/artifacts/sample-console.png' });
	await note.getByRole('button', { name: 'Fermer la présentation de la séance exemple' }).click();
	await expect(note).toHaveCount(0);

	// A phone joins it like any session and reads the same board.
	const phoneContext = await browser.newContext(PHONE);
	const phone = await phoneContext.newPage();
	await phone.goto(`/j/${code}`);
	await phone.getByRole('button', { name: 'Rejoindre' }).tap();
	await expect(phone.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
	await expect(phone.getByText('Atelier exemple : une cantine bio et locale').first()).toBeVisible();
	await expect(phone.getByText('Ferme du Bocage').filter({ visible: true }).first()).toBeVisible();

	// The last step of the agenda leads to the report.
	await page.getByRole('button', { name: /^Étape suivante :/ }).click();
	await expect(page.getByText('Étape 7 sur 7').first()).toBeVisible();
	await expect(page.getByText('Dernière étape')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Ouvrir le compte rendu' })).toHaveAttribute('href', /\/synthesis/);

	// Back on the laptop's home page: its sample is offered to resume, and a fresh one replaces it
	// (a second click used to add a second row to "my sessions", and so on).
	const firstId = /\/s\/([^/]+)\//.exec(page.url())![1];
	await page.goto('/');
	const mine = page.getByRole('region', { name: 'Mes séances sur cet appareil' });
	await expect(mine.getByRole('listitem')).toHaveCount(1);
	await sample.getByRole('link', { name: 'Reprendre mon atelier exemple' }).click();
	await expect(page).toHaveURL(new RegExp(`/s/${firstId}/facilitate`));
	await page.goto('/');
	await page.screenshot({ path: 'tests/artifacts/sample-home-resume.png' });
	await expect(sample.getByRole('button', { name: 'Repartir d’un exemple neuf' })).toHaveAccessibleDescription('Le précédent, et ce que vous y avez changé, est supprimé.');
	await sample.getByRole('button', { name: 'Repartir d’un exemple neuf' }).click();
	await expect(page).toHaveURL(/\/s\/[^/]+\/facilitate/);
	expect(page.url()).not.toContain(firstId);
	await page.goto('/');
	await expect(mine.getByRole('listitem')).toHaveCount(1);
	expect((await page.request.post('/api/join', { data: { code } })).status()).toBe(404);

	// On a phone, the home page offers it too, in reach of a thumb.
	const home = await phoneContext.newPage();
	await home.goto('/');
	const button = home.getByRole('button', { name: 'Essayer un atelier exemple' });
	await button.scrollIntoViewIfNeeded();
	const box = (await button.boundingBox())!;
	expect(box.width).toBeGreaterThan(300);
	expect(box.height).toBeGreaterThanOrEqual(48);
	expect(await home.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await home.screenshot({ path: 'tests/artifacts/sample-home-phone.png', fullPage: true });
	await Promise.all([laptop.close(), phoneContext.close()]);
});
