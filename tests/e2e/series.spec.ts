import { expect, test } from '@playwright/test';
import { addActorThroughForm, consoleTab, openWorkshop, showOnScreen } from './workshop';

test('the facilitator starts the next workshop of the series, carrying the actors forward', async ({ browser }) => {
	const w = await openWorkshop(browser, 'Atelier de mars', { width: 1366, height: 768 });
	const { console_ } = w;
	await showOnScreen(console_, 'Influence');
	await addActorThroughForm(console_, { name: 'Ferme du Bocage', category: 'Agriculteur·rice' });
	const oldCode = await console_.getByTestId('join-code').textContent();

	await consoleTab(console_, 'Séance');
	await console_.getByRole('button', { name: 'Préparer la séance suivante' }).click();
	const sheet = console_.getByTestId('series-sheet');
	await expect(sheet.getByLabel('Titre de la nouvelle séance')).toHaveValue('Atelier de mars (suite)');
	await sheet.getByLabel('Titre de la nouvelle séance').fill('');
	await sheet.getByRole('button', { name: 'Créer la séance' }).click();
	await expect(sheet.getByRole('alert')).toHaveText('Donnez un titre à l’atelier.');
	await sheet.getByLabel('Titre de la nouvelle séance').fill('Atelier d’avril');
	await sheet.getByRole('checkbox', { name: 'Les actions' }).uncheck();
	await sheet.getByRole('button', { name: 'Créer la séance' }).click();
	await expect(sheet.getByRole('status')).toContainText('Séance « Atelier d’avril » créée');
	// The new console opens beside this one: the running workshop stays where it is.
	const [next] = await Promise.all([w.laptop.waitForEvent('page'), sheet.getByRole('link', { name: 'Ouvrir sa console' }).click()]);
	await expect(next.getByRole('heading', { level: 1 })).toHaveText('Atelier d’avril');
	await expect(next.getByTestId('join-code')).not.toHaveText(oldCode!);
	await expect(console_.getByTestId('join-code')).toHaveText(oldCode!);
	await showOnScreen(next, 'Influence');
	await expect(next.getByRole('button', { name: /^Ferme du Bocage : / })).toBeVisible();
	await next.close();
	// The home page remembers both sessions.
	await console_.goto('/');
	await expect(console_.getByText('Atelier d’avril')).toBeVisible();
	await expect(console_.getByText('Atelier de mars')).toBeVisible();

	// Deleting the old one for good: asked first, then gone from the list and from the server.
	await console_.getByRole('button', { name: 'Supprimer « Atelier de mars » pour de bon' }).click();
	await expect(console_.getByRole('alertdialog')).toContainText('Ce n’est pas réversible');
	await console_.getByRole('button', { name: 'Oui, supprimer' }).click();
	await expect(console_.getByRole('status').filter({ hasText: '« Atelier de mars » supprimée.' })).toBeVisible();
	await expect(console_.getByText('Atelier d’avril')).toBeVisible();
	const gone = await console_.request.get(`/api/sessions/${w.session.id}`, { headers: { authorization: `Bearer ${new URL(w.session.facilitatorUrl, 'http://x').hash.replace('#k=', '')}` } });
	expect(gone.status()).toBe(404);
	await w.close();
});
