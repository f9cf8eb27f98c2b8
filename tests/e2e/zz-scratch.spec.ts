import { expect, test } from '@playwright/test';
import { showOnScreen } from './workshop';
test('scratch projector', async ({ browser }) => {
	const laptop = await browser.newContext({ viewport: { width: 1366, height: 768 } });
	const page = await laptop.newPage();
	const s = await (await page.request.post('/api/sessions/sample', { data: { language: 'fr' } })).json();
	await page.goto(s.facilitatorUrl);
	await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
	const screen = await laptop.newPage();
	await screen.setViewportSize({ width: 1920, height: 1080 });
	await screen.goto(s.projectorUrl);
	await page.bringToFront();
	for (const name of ['Couverture', 'Relations', 'Contributions', 'Actions']) {
		await showOnScreen(page, name as never);
		await screen.waitForTimeout(800);
		await screen.screenshot({ path: `tests/scratch/proj-${name}.png` });
	}
	await laptop.close();
});
