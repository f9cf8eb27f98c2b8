import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openWorkshop, showOnScreen } from './workshop';

async function rate(page: Page, ratings: Record<string, number>) {
	await page.getByRole('button', { name: 'État des lieux' }).tap();
	for (const [need, n] of Object.entries(ratings)) await page.getByRole('button', { name: `${need} : ${n} sur 5`, exact: true }).tap();
}

test('three phones rate the needs; the projector draws the room’s radar live', async ({ browser }) => {
	const w = await openWorkshop(browser, 'État des lieux', { width: 1366, height: 768 });
	const { console_, screen, session: s } = w;
	await expect(screen.getByTestId('projector-code')).toHaveText(s.joinCode);
	const phones: Page[] = [];
	for (let i = 0; i < 3; i++) phones.push(await w.join());
	await rate(phones[0], { 'Se nourrir': 2, Santé: 4 });
	await rate(phones[1], { 'Se nourrir': 3 });
	await rate(phones[2], { 'Se nourrir': 5, Santé: 2 });
	// A second tap on the same number keeps it (a double tap lost the rating and its comment);
	// taking it back is its own button.
	await phones[2].getByRole('button', { name: 'Santé : 2 sur 5', exact: true }).tap();
	await expect(phones[2].getByRole('button', { name: 'Santé : 2 sur 5', exact: true })).toHaveAttribute('aria-pressed', 'true');
	await phones[2].getByRole('button', { name: 'Effacer ma note pour « Santé »' }).tap();
	await expect(phones[2].getByRole('button', { name: 'Santé : 2 sur 5', exact: true })).toHaveAttribute('aria-pressed', 'false');
	await phones[0].getByRole('textbox', { name: 'Commentaire sur « Se nourrir »' }).fill('Peu de producteurs bio');
	await phones[0].getByRole('textbox', { name: 'Commentaire sur « Se nourrir »' }).blur();
	await expect(phones[0].getByTestId('comment-saved')).toHaveText('Commentaire enregistré');
	const axe = await new AxeBuilder({ page: phones[0] }).analyze();
	expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

	await showOnScreen(console_, 'Radar');
	const radar = screen.getByTestId('radar');
	await expect(radar).toBeVisible();
	await expect(screen.getByTestId('radar-answers')).toHaveText('3 réponses');
	// Food: (2 + 3 + 5) / 3 = 3,3; health: only the first phone's 4 remains.
	await expect(radar.locator('.value[data-need="food"]')).toHaveText('3,3 sur 5');
	await expect(radar.locator('.value[data-need="health"]')).toHaveText('4,0 sur 5');
	await expect(radar.locator('.value[data-need="work"]')).toHaveText('pas encore noté');
	// Live: a new rating moves the average at once.
	await phones[1].getByRole('button', { name: 'Se nourrir : 1 sur 5', exact: true }).tap();
	await expect(radar.locator('.value[data-need="food"]')).toHaveText('2,7 sur 5');

	await screen.screenshot({ path: 'tests/artifacts/projector-radar.png' });
	await phones[0].screenshot({ path: 'tests/artifacts/phone-rate.png' });
	const axeScreen = await new AxeBuilder({ page: screen }).analyze();
	expect(axeScreen.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
	await w.close();
});
