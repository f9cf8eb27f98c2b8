import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { consoleTab, openWorkshop, showOnScreen, type Screen } from './workshop';

/** How much of the console overflows: the side panel's hidden height, and the page's own scroll. */
async function overflow(page: Page) {
	return page.evaluate(() => {
		const side = document.querySelector('aside.side') as HTMLElement;
		const root = document.documentElement;
		return {
			side: side.scrollHeight - side.clientHeight,
			sideX: side.scrollWidth - side.clientWidth,
			pageY: root.scrollHeight - window.innerHeight,
			pageX: root.scrollWidth - window.innerWidth
		};
	});
}

test('the facilitator console fits a 1366×768 laptop: every tab, every board, without scrolling', async ({ browser }) => {
	const w = await openWorkshop(browser, 'Atelier du Pays de Bray', { width: 1366, height: 768 });
	const page = w.console_;
	await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
	// The code, the address and who is here stay in the header whatever tab is open.
	const header = page.locator('header');
	await expect(header.getByTestId('join-code')).toHaveText(w.session.joinCode);
	await expect(header.getByTestId('connected-count')).toHaveText('0 connecté·e');
	await expect(header.getByRole('link', { name: 'Écran de projection' })).toBeVisible();
	// The workshop's title reads whole (it was cut to "Atelier du Pays …").
	const title = await header.getByRole('heading', { level: 1 }).evaluate((h) => ({ cutX: h.scrollWidth > h.clientWidth, cutY: h.scrollHeight > h.clientHeight + 1 }));
	expect(title).toEqual({ cutX: false, cutY: false });

	for (const tab of ['Tableau', 'Animer', 'Séance', 'Réglages'] as const) {
		await consoleTab(page, tab);
		expect(await overflow(page), tab).toEqual({ side: 0, sideX: 0, pageY: 0, pageX: 0 });
		const axe = await new AxeBuilder({ page }).include('aside').analyze();
		expect(axe.violations.map((v) => `${tab}: ${v.id}`)).toEqual([]);
	}
	await page.bringToFront(); // axe finishes its run in a page of its own
	for (const screen of ['Radar', 'Votes', 'Influence', 'Relations', 'Filière', 'Actions', 'Couverture', 'Contributions'] as Screen[]) {
		await showOnScreen(page, screen);
		await expect(page.getByRole('radio', { name: screen, exact: true })).toBeChecked();
		expect(await overflow(page), screen).toEqual({ side: 0, sideX: 0, pageY: 0, pageX: 0 });
	}
	await page.screenshot({ path: 'tests/artifacts/console-1366x768.png' });

	// A raised hand shows on the "Animer" tab without pushing any tab's name out.
	const phone = await w.join();
	await phone.getByRole('button', { name: 'Lever la main' }).tap();
	await expect(page.getByRole('tab', { name: /Animer/ })).toContainText('1');
	const clipped = await page.getByRole('tab').evaluateAll((tabs) => tabs.filter((t) => t.scrollWidth > t.clientWidth).map((t) => t.textContent));
	expect(clipped).toEqual([]);
	await page.bringToFront();

	// The tabs by keyboard: arrows move between them and wrap around.
	await page.getByRole('tab', { name: 'Tableau' }).focus();
	for (const next of ['Animer', 'Séance', 'Réglages', 'Tableau']) {
		await page.keyboard.press('ArrowRight');
		await expect(page.getByRole('tab', { name: next })).toBeFocused();
		await expect(page.getByRole('tab', { name: next })).toHaveAttribute('aria-selected', 'true');
	}
	await page.keyboard.press('ArrowLeft');
	await expect(page.getByRole('tab', { name: 'Réglages' })).toHaveAttribute('aria-selected', 'true');
	await page.keyboard.press('Home');
	await expect(page.getByRole('tab', { name: 'Tableau' })).toBeFocused();
	await page.keyboard.press('End');
	await expect(page.getByRole('tab', { name: 'Réglages' })).toBeFocused();
	await expect(page.getByRole('tabpanel', { name: 'Réglages' }).getByRole('button', { name: 'Configurer les besoins' })).toBeVisible();

	// The screen choice by keyboard: arrows move the projector from one board to the next.
	await consoleTab(page, 'Tableau');
	await page.getByRole('radio', { name: 'Contributions', exact: true }).focus();
	await page.keyboard.press('ArrowRight');
	await expect(page.getByRole('radio', { name: 'Radar', exact: true })).toBeChecked();
	await expect(w.screen.getByTestId('radar')).toBeVisible();
	await w.close();
});
