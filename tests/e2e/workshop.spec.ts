import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';

const SHOTS = 'tests/artifacts';
fs.mkdirSync(SHOTS, { recursive: true });

const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

async function axe(page: Page, name: string) {
	const result = await new AxeBuilder({ page }).analyze();
	const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(serious.map((v) => `${name}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function newPhone(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext(phone);
	return { context, page: await context.newPage() };
}

test('a facilitator runs a session, two phones post, the projector shows both', async ({ browser }) => {
	// Facilitator on a laptop creates the session.
	const laptop = await browser.newContext({ viewport: { width: 1366, height: 768 } });
	const console_ = await laptop.newPage();
	await console_.goto('/');
	await axe(console_, 'home');
	await console_.getByLabel('Titre de l’atelier').fill('Cantines bio du Pays de Bray');
	await console_.getByLabel('Territoire (facultatif)').fill('Pays de Bray');
	await console_.getByRole('button', { name: 'Créer la séance' }).click();
	await expect(console_).toHaveURL(/\/s\/[^/]+\/facilitate#k=/);
	const code = (await console_.getByTestId('join-code').textContent())!.trim();
	expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
	await expect(console_.getByTestId('connection')).toHaveAttribute('data-status', 'connected');

	// The projector opens from the console in a new window.
	const [screen] = await Promise.all([laptop.waitForEvent('page'), console_.getByTestId('open-projector').click()]);
	await screen.setViewportSize({ width: 1920, height: 1080 });
	await expect(screen.getByTestId('projector-code')).toHaveText(code);
	await expect(screen.getByTestId('qr')).toHaveAttribute('data-qr-text', new RegExp(`/j/${code}$`));

	// Two phones join by typing the code (one in lower case) and post under different needs.
	const a = await newPhone(browser);
	await a.page.goto('/');
	await a.page.getByLabel('Code de l’atelier').fill(code.toLowerCase());
	await a.page.getByLabel('Votre prénom (facultatif)').fill('Alice');
	await a.page.getByRole('button', { name: 'Rejoindre' }).tap();
	await expect(a.page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');

	const b = await newPhone(browser);
	await b.page.goto(`/j/${code}`);
	await b.page.getByRole('button', { name: 'Rejoindre' }).tap();
	await expect(b.page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');

	await a.page.getByLabel('Votre contribution').fill('Des légumes bio à la cantine');
	await a.page.getByRole('button', { name: 'Publier' }).tap();

	await b.page.getByRole('button', { name: /Santé/ }).tap();
	await b.page.getByLabel('Votre contribution').fill('Moins de plats trop sucrés');
	await b.page.getByRole('button', { name: 'Publier' }).tap();

	// Each sees the other's live.
	await b.page.getByRole('button', { name: /Se nourrir/ }).tap();
	await expect(b.page.getByText('Des légumes bio à la cantine')).toBeVisible({ timeout: 1000 });
	await a.page.getByRole('button', { name: /Santé/ }).tap();
	await expect(a.page.getByText('Moins de plats trop sucrés')).toBeVisible({ timeout: 1000 });

	// The projector shows both, and counts the people.
	await expect(screen.locator('[data-need="food"]').getByText('Des légumes bio à la cantine')).toBeVisible();
	await expect(screen.locator('[data-need="health"]').getByText('Moins de plats trop sucrés')).toBeVisible();
	await expect(screen.getByTestId('people-count')).toHaveText(/2 personnes connectées/);

	// Moderation: hiding removes it from phones and projector, showing brings it back.
	await console_.getByRole('button', { name: 'Masquer « Moins de plats trop sucrés »' }).click();
	await expect(screen.getByText('Moins de plats trop sucrés')).toHaveCount(0);
	await expect(a.page.getByText('Moins de plats trop sucrés')).toHaveCount(0);
	// Its author still sees it, with the reason, so that nothing seems lost.
	await b.page.getByRole('button', { name: /Santé/ }).tap();
	await expect(b.page.getByText('Moins de plats trop sucrés')).toBeVisible();
	await expect(b.page.getByText('Masquée par l’animation : vous seul·e la voyez.')).toBeVisible();
	await console_.getByRole('button', { name: 'Réafficher « Moins de plats trop sucrés »' }).click();
	await expect(screen.getByText('Moins de plats trop sucrés')).toBeVisible();

	await a.page.screenshot({ path: `${SHOTS}/phone.png` });
	await console_.screenshot({ path: `${SHOTS}/facilitator.png` });
	await screen.screenshot({ path: `${SHOTS}/projector.png` });
	for (const [p, name] of [
		[a.page, 'participant'],
		[console_, 'facilitator'],
		[screen, 'projector']
	] as const) {
		await axe(p, name);
	}
	await Promise.all([laptop.close(), a.context.close(), b.context.close()]);
});
