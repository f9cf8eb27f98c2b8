import { expect, test } from '@playwright/test';
import { consoleTab, openWorkshop, say } from './workshop';

test('the facilitator sees how many phones are on the current step, and raised hands, which they can lower', async ({ browser }) => {
	const w = await openWorkshop(browser, 'Présence', { width: 1366, height: 768 });
	const { console_ } = w;
	const [ana, ben] = await Promise.all([w.join(), w.join()]);
	await consoleTab(console_, 'Animer');
	const presence = console_.getByTestId('presence');
	await expect(presence).toContainText('2 téléphones connectés');

	// A one-step agenda on the actor map: both phones go there; one looks back at the needs.
	await console_.getByRole('button', { name: 'Préparer le déroulé' }).click();
	const editor = console_.getByTestId('agenda-editor');
	await editor.getByLabel('Titre de l’étape').fill('Qui agit ?');
	await editor.getByLabel('Activité', { exact: true }).selectOption({ label: 'Acteurs : influence × intérêt' });
	await editor.getByRole('button', { name: 'Ajouter l’étape' }).click();
	await console_.getByTestId('agenda-sheet').getByRole('button', { name: 'Fermer' }).click();
	await console_.getByRole('button', { name: 'Commencer le déroulé : Qui agit ?' }).click();
	await expect(presence.getByTestId('on-step')).toHaveText('2 sur l’étape en cours');
	await ben.getByRole('button', { name: 'Besoins' }).tap();
	await expect(presence.getByTestId('on-step')).toHaveText('1 sur l’étape en cours');

	// Ana raises her hand; the facilitator sees it and lowers it.
	await ana.getByRole('button', { name: 'Lever la main' }).tap();
	await expect(ana.getByText('Main levée : l’animation la voit.')).toBeVisible();
	await expect(presence.getByTestId('raised-hand')).toHaveCount(1);
	// The phone's buttons read on one line each, on a line of their own under the title.
	const box = async (l: import('@playwright/test').Locator) => (await l.boundingBox())!;
	for (const id of ['hand', 'undo']) expect((await box(ana.getByTestId(id))).height, id).toBeLessThan(50);
	const [title, hand] = [await box(ana.getByRole('heading', { level: 1 })), await box(ana.getByTestId('hand'))];
	expect(title.y + title.height).toBeLessThanOrEqual(hand.y);
	// On the console, the hand's count sits over the tab's corner, not over its name.
	const overlap = await console_.getByRole('tab', { name: /Animer/ }).evaluate((tab) => {
		const range = document.createRange();
		range.selectNodeContents(tab.firstChild!);
		const text = range.getBoundingClientRect();
		const badge = tab.querySelector('.badge')!.getBoundingClientRect();
		return Math.max(0, Math.min(text.bottom, badge.bottom) - Math.max(text.top, badge.top)) * Math.max(0, Math.min(text.right, badge.right) - Math.max(text.left, badge.left));
	});
	expect(overlap).toBe(0);
	await console_.screenshot({ path: 'tests/artifacts/console-presence.png' });
	await presence.getByRole('button', { name: /^Baisser la main de/ }).click();
	await expect(ana.getByRole('button', { name: 'Lever la main' })).toBeVisible();
	await expect(presence.getByTestId('raised-hand')).toHaveCount(0);
	await w.close();
});

test('a participant undoes their own last change, never someone else’s', async ({ browser }) => {
	const w = await openWorkshop(browser, 'Annuler');
	const [ana, ben] = await Promise.all([w.join(), w.join()]);
	await say(ben, 'L’idée de Ben');
	await expect(ana.getByText('L’idée de Ben')).toBeVisible();
	await expect(ana.getByTestId('undo')).toBeDisabled();
	await say(ana, 'Une idée en trop');
	await expect(w.screen.getByText('Une idée en trop')).toBeVisible();
	await ana.getByRole('button', { name: 'Annuler ma dernière modification' }).tap();
	await expect(ana.getByTestId('undone')).toHaveText('Votre dernière modification est annulée.');
	await expect(w.screen.getByText('Une idée en trop')).toHaveCount(0);
	await expect(ana.getByText('Une idée en trop')).toHaveCount(0);
	await expect(ana.getByText('L’idée de Ben')).toBeVisible();
	await expect(w.screen.getByText('L’idée de Ben')).toBeVisible();
	await expect(ana.getByTestId('undo')).toBeDisabled();
	await ana.screenshot({ path: 'tests/artifacts/phone-undo.png' });
	await w.close();
});
