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
	await console_.getByRole('button', { name: 'Passer à l’étape suivante : Qui agit ?' }).click();
	await expect(presence.getByTestId('on-step')).toHaveText('2 sur l’étape en cours');
	await ben.getByRole('button', { name: 'Besoins' }).tap();
	await expect(presence.getByTestId('on-step')).toHaveText('1 sur l’étape en cours');

	// Ana raises her hand; the facilitator sees it and lowers it.
	await ana.getByRole('button', { name: 'Lever la main' }).tap();
	await expect(ana.getByText('Main levée : l’animation la voit.')).toBeVisible();
	await expect(presence.getByTestId('raised-hand')).toHaveCount(1);
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
