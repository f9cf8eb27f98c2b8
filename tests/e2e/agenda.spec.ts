import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { consoleTab, openWorkshop } from './workshop';

test('the facilitator prepares an agenda from a template and moves through three steps; two phones and the projector follow, the timer counts', async ({ browser }) => {
	const w = await openWorkshop(browser, 'Déroulé', { width: 1366, height: 768 });
	const { console_, screen } = w;
	const [ana, ben] = await Promise.all([w.join(), w.join()]);
	await consoleTab(console_, 'Animer');
	const agenda = console_.getByRole('region', { name: 'Déroulé' });

	// A new session says where to begin.
	await expect(agenda.getByTestId('agenda-empty')).toContainText('Pour commencer, préparez le déroulé');
	await agenda.getByRole('button', { name: 'Préparer le déroulé' }).click();
	const editor = console_.getByTestId('agenda-editor');
	await editor.getByLabel('Partir d’un modèle').selectOption({ label: 'Diagnostic partagé (2 h)' });
	await editor.getByRole('button', { name: 'Ajouter ces étapes' }).click();
	await expect(editor.getByTestId('agenda-step')).toHaveCount(7);
	await expect(agenda.getByTestId('agenda-empty')).toHaveCount(0);
	await expect(editor.getByText('Durée prévue : 2 h 00')).toBeVisible();
	// Every activity choice reads whole on a laptop (they were cut to 'Besoins : contribu').
	const cut = await editor.locator('select').evaluateAll((selects) =>
		(selects as HTMLSelectElement[])
			.filter((el) => el.id !== 'agenda-template')
			.map((el) => {
				const style = getComputedStyle(el);
				const ctx = document.createElement('canvas').getContext('2d')!;
				ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
				const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16;
				return ctx.measureText(el.selectedOptions[0].text).width > room ? el.selectedOptions[0].text : null;
			})
			.filter(Boolean)
	);
	expect(cut).toEqual([]);
	// A step with no title is refused.
	await editor.getByRole('button', { name: 'Ajouter l’étape' }).click();
	await expect(editor.getByRole('alert')).toHaveText('Donnez un titre à l’étape.');
	// A wrong duration is said next to its step, and the step keeps its minutes.
	const first = editor.getByTestId('agenda-step').first();
	await first.getByRole('spinbutton').fill('300');
	await first.getByRole('spinbutton').press('Tab');
	await expect(first.getByRole('alert')).toHaveText('Entre 0 et 240 minutes.');
	await expect(first.getByRole('spinbutton')).not.toHaveValue('300');
	await console_.screenshot({ path: 'tests/artifacts/console-agenda.png' });
	expect((await new AxeBuilder({ page: console_ }).include('dialog').analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
	await console_.getByTestId('agenda-sheet').getByRole('button', { name: 'Fermer' }).click();

	// Step 1: welcome. The timer is set to its minutes, ready; the room sees it has not started.
	await agenda.getByRole('button', { name: 'Commencer le déroulé : Accueil et tour de table' }).click();
	await expect(screen.getByTestId('projector-step')).toHaveText(/^Étape 1 sur \d+\s*Accueil et tour de table$/);
	for (const p of [ana, ben]) await expect(p.getByTestId('phone-step')).toContainText('Étape 1/7 : Accueil et tour de table');
	await expect(screen.getByTestId('timer-time')).toHaveText('10:00');
	for (const p of [screen, ana]) await expect(p.getByTestId('timer-state')).toHaveText('Pas démarré');
	// A step title on two lines and the timer: the projector's own controls stay in its panel.
	const panel = (await screen.locator('aside.join').boundingBox())!;
	for (const control of [screen.getByRole('button', { name: 'Plein écran' }), screen.getByTestId('people-count')]) {
		const box = (await control.boundingBox())!;
		expect(box.y + box.height).toBeLessThanOrEqual(panel.y + panel.height);
	}
	// The join code, large, for the back rows: a click on the panel's QR code, Escape to come back.
	await screen.getByRole('button', { name: 'Agrandir le QR code' }).click();
	const big = screen.getByTestId('big-qr');
	await expect(big.getByTestId('qr')).toHaveAttribute('data-qr-text', /\/j\//);
	expect((await big.getByTestId('qr').boundingBox())!.width).toBeGreaterThan(600);
	await screen.screenshot({ path: 'tests/artifacts/projector-big-qr.png' });
	await screen.keyboard.press('Escape');
	await expect(big).toHaveCount(0);
	await console_.bringToFront();
	await console_.getByRole('region', { name: 'Minuteur' }).getByRole('button', { name: 'Démarrer' }).click();
	await expect.poll(async () => ana.getByTestId('timer-time').textContent()).toMatch(/^9:5\d$/);
	await expect(ana.getByTestId('timer-state')).toHaveCount(0);

	// Step 2: what the territory needs. Phones go to the needs board, the projector too.
	await ana.getByRole('button', { name: 'Acteurs' }).tap();
	await agenda.getByRole('button', { name: 'Étape suivante : Ce dont le territoire a besoin' }).click();
	for (const p of [ana, ben]) {
		await expect(p.getByTestId('phone-step')).toContainText('Étape 2/7');
		await expect(p.getByRole('button', { name: 'Besoins' })).toHaveAttribute('aria-pressed', 'true');
	}
	await expect(screen.getByTestId('needs-board')).toBeVisible();
	await expect(screen.getByTestId('timer-time')).toHaveText('30:00');

	// A participant may look back; with focus required, only the current board is open.
	await ben.getByRole('button', { name: 'Acteurs' }).tap();
	await expect(ben.getByRole('button', { name: 'Revenir à l’étape en cours' })).toBeVisible();
	await ben.getByRole('button', { name: 'Revenir à l’étape en cours' }).tap();
	await expect(ben.getByRole('button', { name: 'Besoins' })).toHaveAttribute('aria-pressed', 'true');

	// Step 3 (priorities: a vote), then step 4 (how things stand): phones switch to rating.
	await agenda.getByRole('button', { name: 'Étape suivante : Nos priorités' }).click();
	await expect(screen.getByTestId('vote-results')).toBeVisible();
	// A vote step opens the vote: the phones can spend their dots at once…
	for (const p of [ana, ben]) await expect(p.getByTestId('vote-banner')).toBeVisible();
	// The vote is run from the agenda too, without leaving "Animer": closed, opened again.
	const quick = agenda.getByTestId('agenda-vote');
	await expect(quick.getByRole('status')).toHaveText('Vote en cours · Personne n’a encore voté');
	await quick.getByRole('button', { name: 'Clore le vote' }).click();
	await expect(quick.getByRole('status')).toContainText('Vote clos');
	for (const p of [ana, ben]) await expect(p.getByText('Le vote est clos. Merci !')).toBeVisible();
	await quick.getByRole('button', { name: 'Ouvrir le vote' }).click();
	await consoleTab(console_, 'Tableau');
	await expect(console_.getByTestId('vote-toggle')).toHaveText('Clore le vote');
	await consoleTab(console_, 'Animer');
	await console_.getByRole('region', { name: 'Déroulé' }).getByRole('button', { name: 'Préparer le déroulé' }).click();
	await console_.getByTestId('agenda-editor').getByRole('checkbox', { name: 'Garder les téléphones sur l’étape en cours' }).check();
	await console_.getByTestId('agenda-sheet').getByRole('button', { name: 'Fermer' }).click();
	await agenda.getByRole('button', { name: 'Étape suivante : État des lieux' }).click();
	// …and leaving it closes the vote.
	await expect(ana.getByTestId('vote-banner')).toHaveCount(0);
	for (const p of [ana, ben]) {
		await expect(p.getByRole('button', { name: 'État des lieux' })).toHaveAttribute('aria-pressed', 'true');
		await expect(p.getByRole('button', { name: 'Acteurs' })).toBeDisabled();
	}
	await expect(screen.getByTestId('radar')).toBeVisible();
	await ana.screenshot({ path: 'tests/artifacts/phone-agenda.png' });
	await screen.screenshot({ path: 'tests/artifacts/projector-agenda.png' });
	await w.close();
});
