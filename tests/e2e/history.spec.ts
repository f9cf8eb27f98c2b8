import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { consoleTab, openWorkshop, say } from './workshop';

test('the facilitator looks at the board as it was before a deletion, restores it, and undoes the restore', async ({ browser }) => {
	const w = await openWorkshop(browser, 'Mémoire', { width: 1366, height: 768 });
	const { console_, screen } = w;
	const p = await w.join();
	await say(p, 'Une idée précieuse');
	await expect(screen.getByText('Une idée précieuse')).toBeVisible();
	await p.waitForTimeout(1200);
	const between = Date.now();
	await p.waitForTimeout(1200);
	await p.getByRole('button', { name: 'Supprimer votre contribution « Une idée précieuse »' }).tap();
	await p.getByRole('button', { name: 'Supprimer', exact: true }).tap();
	await expect(screen.getByText('Une idée précieuse')).toHaveCount(0);

	await consoleTab(console_, 'Séance');
	const panel = console_.getByRole('region', { name: 'Historique' });
	await panel.getByRole('button', { name: 'Revoir un moment passé' }).click();
	const sheet = console_.getByTestId('history-sheet');
	const slider = sheet.getByRole('slider');
	await expect(slider).toBeVisible();
	await slider.evaluate((el, value) => {
		const input = el as HTMLInputElement;
		input.value = String(value);
		input.dispatchEvent(new Event('input', { bubbles: true }));
	}, between);
	await sheet.getByRole('button', { name: 'Voir ce moment' }).click();
	await expect(sheet.getByTestId('history-summary')).toHaveText('1 contributions, 0 acteurs, 0 liens, 0 actions');
	await expect(sheet.getByText('Une idée précieuse')).toBeVisible();
	await console_.screenshot({ path: 'tests/artifacts/console-history.png' });
	expect((await new AxeBuilder({ page: console_ }).include('dialog').analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

	await sheet.getByRole('button', { name: 'Restaurer cet état' }).click();
	// Asked first, saying what changes for the room.
	const ask = sheet.getByRole('alertdialog', { name: /^Remettre le tableau de toute la salle tel qu’il était à/ });
	await expect(ask).toContainText('Maintenant : 0 contributions, 0 acteurs, 0 liens, 0 actions. Après : 1 contributions');
	await ask.getByRole('button', { name: 'Restaurer' }).click();
	await expect(p.getByText('Une idée précieuse')).toBeVisible();
	await expect(screen.getByText('Une idée précieuse')).toBeVisible();
	await sheet.getByRole('button', { name: 'Fermer' }).click();
	await panel.getByRole('button', { name: 'Annuler la restauration' }).click();
	await expect(screen.getByText('Une idée précieuse')).toHaveCount(0);
	await expect(p.getByText('Une idée précieuse')).toHaveCount(0);
	await w.close();
});
