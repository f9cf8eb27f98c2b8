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

	// The console of a session already worked on: its title, its agenda, the room's contributions.
	await expect(page).toHaveURL(/\/s\/[^/]+\/facilitate/);
	await expect(page.getByText('Atelier exemple : une cantine bio et locale').first()).toBeVisible();
	await expect(page.getByText('Un magasin de producteurs ouvert le samedi').filter({ visible: true }).first()).toBeVisible();
	await page.screenshot({ path: 'tests/artifacts/sample-console.png' });
	const code = (await page.getByTestId('join-code').first().textContent())!.replace(/\s/g, '');
	expect(code).toMatch(/^[A-Z0-9]{6}$/);

	// A phone joins it like any session and reads the same board.
	const phoneContext = await browser.newContext(PHONE);
	const phone = await phoneContext.newPage();
	await phone.goto(`/j/${code}`);
	await phone.getByRole('button', { name: 'Rejoindre' }).tap();
	await expect(phone.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
	await expect(phone.getByText('Atelier exemple : une cantine bio et locale').first()).toBeVisible();

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
