import { expect, test } from '@playwright/test';
import * as Y from 'yjs';
import { BOARD } from '$lib/schema';
import { addAction, setActionField, toggleActionList } from '$lib/actions/mutations';
import { connect, synced } from '../helpers';
import { showOnScreen } from './workshop';

test('old or hand-made data: an action naming actors that no longer exist shows "unknown actor", and a title-less one still opens', async ({ browser, baseURL }) => {
	const origin = baseURL!;
	const created = await (await fetch(`${origin}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Anciennes données' }) })).json();
	const token = new URL(created.facilitatorUrl, origin).hash.replace('#k=', '');
	const board = connect(origin, created.id, 'board', token);
	await synced(board);
	const id = addAction(board.doc, { title: 'Atelier de transformation', status: 'planned', rank: 'a0' });
	setActionField(board.doc, id, 'lead', 'ghost-actor');
	toggleActionList(board.doc, id, 'partners', 'another-ghost', true);
	// An entry written by an older client: plain strings, no rank, a status it does not know.
	const old = new Y.Map<unknown>();
	board.doc.getMap(BOARD.actions).set('old-one', old);
	old.set('title', '');
	old.set('status', 'someday');
	old.set('needs', ['food']);

	const laptop = await browser.newContext({ viewport: { width: 1366, height: 900 } });
	const console_ = await laptop.newPage();
	await console_.goto(created.facilitatorUrl);
	await showOnScreen(console_, 'Actions');
	const card = console_.getByTestId('action-card').filter({ hasText: 'Atelier de transformation' });
	await expect(card).toContainText('Acteur inconnu');
	await expect(console_.getByTestId('action-card')).toHaveCount(2);
	await card.getByRole('button', { name: /^Ouvrir/ }).click();
	const sheet = console_.getByTestId('action-detail');
	await expect(sheet.getByLabel('Porteur')).toHaveValue('ghost-actor');
	await expect(sheet.getByLabel('Porteur').locator('option:checked')).toHaveText('Acteur inconnu');
	await expect(sheet.locator('.chip.unknown')).toHaveText('Acteur inconnu');
	await sheet.getByRole('button', { name: 'Fermer' }).click();
	// The old entry lands in "ideas" as an untitled action and opens, with its title field to fill.
	await console_.getByRole('button', { name: 'Ouvrir « Action sans titre »' }).click();
	await expect(sheet.getByRole('alert')).toHaveText('Donnez un titre à l’action.');
	await sheet.getByLabel('Titre').fill('Un verger partagé');
	await expect(console_.getByRole('button', { name: 'Ouvrir « Un verger partagé »' })).toBeVisible();
	board.destroy();
	await laptop.close();
});
