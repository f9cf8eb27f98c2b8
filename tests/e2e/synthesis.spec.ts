import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { fillSampleWorkshop } from '$lib/sample/sample-workshop';
import { BOARD } from '$lib/schema';
import { connect, synced, until } from '../helpers';
import { PHONE } from './workshop';

test('the organiser opens the synthesis from the console, writes the conclusions, and downloads Word, PDF and a CSV table', async ({ browser, baseURL }) => {
	const origin = baseURL!;
	const created = await (
		await fetch(`${origin}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Atelier du Grand Figeac', territory: 'Grand Figeac' }) })
	).json();
	const token = new URL(created.facilitatorUrl, origin).hash.replace('#k=', '');
	// A whole workshop, written by real Yjs clients as the room would have.
	const board = connect(origin, created.id, 'board', token);
	const control = connect(origin, created.id, 'control', token);
	await Promise.all([synced(board), synced(control)]);
	fillSampleWorkshop({ board: board.doc, control: control.doc });
	control.doc.getText('conclusions').delete(0, control.doc.getText('conclusions').length);
	await until(() => board.doc.getMap(BOARD.actions).size === 4, 5000, 'sample written');

	const laptop = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
	const console_ = await laptop.newPage();
	await console_.goto(created.facilitatorUrl);
	const [page] = await Promise.all([laptop.waitForEvent('page'), console_.getByRole('link', { name: 'Compte rendu' }).click()]);
	await page.bringToFront();
	const doc = page.getByTestId('synthesis');
	await expect(doc.getByRole('heading', { level: 1 })).toHaveText('Atelier du Grand Figeac');
	await expect(doc.getByRole('heading', { level: 2 })).toHaveText(['Participant·e·s', 'Les besoins', 'Les priorités (votes)', 'L’état des lieux', 'Les acteurs', 'Les actions', 'Besoins × actions', 'Conclusions']);
	await expect(doc.getByRole('img', { name: 'L’état des lieux' })).toBeVisible();
	await expect(doc.getByRole('img', { name: 'Influence × intérêt' })).toBeVisible();
	await expect(doc.getByRole('cell', { name: 'Cuisine centrale du Grand Figeac' }).first()).toBeVisible();
	await expect(doc.locator('h2:text-is("Conclusions") + p')).toHaveText('Rien encore.');

	// The conclusions, typed here, end the synthesis at once (and every export).
	await page.getByLabel(/^Conclusions de l’atelier/).fill('Commencer par une école pilote à la rentrée.');
	await expect(doc.locator('h2:text-is("Conclusions") + p')).toHaveText('Commencer par une école pilote à la rentrée.');
	await page.screenshot({ path: 'tests/artifacts/synthesis.png', fullPage: false });
	expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);

	const exports = page.getByRole('region', { name: 'Exporter le compte rendu' });
	const [word] = await Promise.all([page.waitForEvent('download'), exports.getByRole('button', { name: 'Word' }).click()]);
	expect(word.suggestedFilename()).toMatch(/^atelier-du-grand-figeac-\d{4}-\d{2}-\d{2}\.docx$/);
	const bytes = fs.readFileSync((await word.path())!);
	expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]); // a zip: Word's container
	await expect(exports.getByRole('status')).toHaveText(`« ${word.suggestedFilename()} » téléchargé.`);
	const [pdf] = await Promise.all([page.waitForEvent('download'), exports.getByRole('button', { name: 'PDF' }).click()]);
	expect(fs.readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe('%PDF-');
	await exports.getByLabel('Données').selectOption({ label: 'les acteurs' });
	const [csv] = await Promise.all([page.waitForEvent('download'), exports.getByRole('button', { name: 'CSV' }).click()]);
	expect(csv.suggestedFilename()).toMatch(/-actors\.csv$/);
	expect(fs.readFileSync((await csv.path())!, 'utf8')).toContain('Région Occitanie;Financeur');

	// The whole session as JSON, resumed from the home page as a new session (a backup, a template).
	const [json] = await Promise.all([page.waitForEvent('download'), exports.getByRole('button', { name: 'Toute la séance (JSON)' }).click()]);
	const home = await laptop.newPage();
	await home.goto('/');
	await home.getByLabel('Reprendre une séance exportée (JSON)').setInputFiles({ name: 'vide.json', mimeType: 'application/json', buffer: Buffer.from('{"pas": "une séance"') });
	await expect(home.getByRole('alert')).toHaveText('Ce fichier n’est pas un export de séance Agora (JSON), ou il est abîmé.');
	await home.getByLabel('Reprendre une séance exportée (JSON)').setInputFiles((await json.path())!);
	await expect(home).toHaveURL(/\/facilitate#k=/);
	await expect(home.getByRole('heading', { level: 1 })).toHaveText('Atelier du Grand Figeac');
	await expect(home.getByTestId('join-code')).not.toHaveText(created.joinCode);
	await home.close();

	// On a phone the page reads in one column: only wide tables scroll, in their own box.
	const phone = await (await browser.newContext(PHONE)).newPage();
	await phone.goto(page.url());
	await expect(phone.getByTestId('synthesis').getByRole('heading', { level: 1 })).toHaveText('Atelier du Grand Figeac');
	// (A mobile browser widens its layout to fit what overflows: compare with the phone's own width.)
	expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await phone.screenshot({ path: 'tests/artifacts/synthesis-phone.png' });
	await phone.context().close();

	// Large text, to project it at the end of the workshop.
	await page.getByRole('checkbox', { name: 'Grand texte (pour projeter)' }).check();
	await page.setViewportSize({ width: 1920, height: 1080 });
	await expect(exports).toBeHidden();
	expect(await doc.locator('li').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(25);
	await page.screenshot({ path: 'tests/artifacts/synthesis-projected.png' });
	board.destroy();
	control.destroy();
	await laptop.close();
});
