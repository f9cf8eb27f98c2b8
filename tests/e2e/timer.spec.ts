import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { consoleTab, openWorkshop } from './workshop';

const seconds = (text: string | null) => {
	const [m, s] = (text ?? '').split(':').map(Number);
	return m * 60 + s;
};

test('the timer counts the same second on the projector and the phones, pauses, takes a minute more, and says when time is up', async ({ browser }) => {
	const w = await openWorkshop(browser, 'Minuteur', { width: 1366, height: 768 });
	const { console_, screen } = w;
	const [ana, ben] = await Promise.all([w.join(), w.join()]);
	await consoleTab(console_, 'Animer');
	const panel = console_.getByRole('region', { name: 'Minuteur' });

	// Bad input first.
	for (const [value, message] of [
		['0', 'Le minuteur doit durer plus de 0 minute.'],
		['300', 'Au plus 240 minutes (4 heures).'],
		['dix', 'Indiquez un nombre de minutes.']
	]) {
		await panel.getByLabel('Minutes').fill(value);
		await panel.getByRole('button', { name: 'Régler' }).click();
		await expect(panel.getByRole('alert')).toHaveText(message);
	}
	// Nothing set yet: "Démarrer" starts it for the typed minutes, by keyboard too (Space), and
	// the focus stays on the button, which now pauses.
	await panel.getByLabel('Minutes').fill('2');
	await panel.getByRole('button', { name: 'Démarrer' }).focus();
	await console_.keyboard.press('Space');
	await expect(screen.getByTestId('timer')).toHaveAttribute('data-running', 'true');
	await expect(panel.getByRole('button', { name: 'Pause' })).toBeFocused();
	await expect.poll(async () => seconds(await screen.getByTestId('timer-time').textContent())).toBeLessThan(120);
	// The same second everywhere (the phones count on the server's clock).
	const readings = await Promise.all([screen, ana, ben].map((p) => p.getByTestId('timer-time').textContent()));
	const values = readings.map(seconds);
	expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
	await screen.screenshot({ path: 'tests/artifacts/projector-timer.png' });

	await panel.getByRole('button', { name: 'Pause' }).click();
	await expect(ana.getByTestId('timer')).toContainText('En pause');
	const paused = seconds(await ana.getByTestId('timer-time').textContent());
	await ana.waitForTimeout(1500);
	expect(seconds(await ana.getByTestId('timer-time').textContent())).toBe(paused);
	await panel.getByRole('button', { name: 'Ajouter une minute' }).click();
	await expect.poll(async () => seconds(await ben.getByTestId('timer-time').textContent())).toBe(paused + 60);
	// Still paused, everywhere: a minute more is not a fresh start.
	await expect(ben.getByTestId('timer')).toContainText('En pause');
	await expect(panel.getByRole('button', { name: 'Reprendre' })).toBeVisible();
	await ana.screenshot({ path: 'tests/artifacts/phone-timer.png' });
	expect((await new AxeBuilder({ page: ana }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

	// A short timer to the end: everyone is told.
	await panel.getByLabel('Minutes').fill('0,05');
	await panel.getByRole('button', { name: 'Régler' }).click();
	await panel.getByRole('button', { name: 'Démarrer' }).click();
	for (const p of [screen, ana, ben]) await expect(p.getByTestId('timer')).toContainText('Temps écoulé', { timeout: 10_000 });
	await expect(panel.getByRole('button', { name: 'Recommencer' })).toBeEnabled();
	await screen.screenshot({ path: 'tests/artifacts/projector-timer-done.png' });
	await console_.screenshot({ path: 'tests/artifacts/console-timer.png' });
	await w.close();
});
