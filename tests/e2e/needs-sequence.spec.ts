import { expect, test, type Page } from '@playwright/test';
import { showOnScreen } from './workshop';

const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

/**
 * A whole needs sequence as a room lives it: a facilitator, three phones and a projector go
 * through post, cluster, vote, reveal and rate.
 */
test('a whole needs sequence: post, cluster, vote, reveal, rate', async ({ browser }) => {
	const laptop = await browser.newContext({ viewport: { width: 1366, height: 900 } });
	const console_ = await laptop.newPage();
	const s = await (await console_.request.post('/api/sessions', { data: { title: 'Diagnostic partagé', territory: 'Pays de Bray' } })).json();
	await console_.goto(s.facilitatorUrl);
	const screen = await laptop.newPage();
	await screen.setViewportSize({ width: 1920, height: 1080 });
	await screen.goto(s.projectorUrl);

	const phones: Page[] = [];
	for (const name of ['Anne', 'Bruno', 'Chloé']) {
		const p = await (await browser.newContext(phone)).newPage();
		await p.goto(`/j/${s.joinCode}`);
		await p.getByLabel('Votre prénom (facultatif)').fill(name);
		await p.getByRole('button', { name: 'Rejoindre' }).tap();
		await expect(p.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
		phones.push(p);
	}
	await expect(screen.getByTestId('people-count')).toHaveText(/3 personnes connectées/);

	// Post.
	const posts: [number, string, string][] = [
		[0, 'Se nourrir', 'Des légumes bio à la cantine'],
		[1, 'Se nourrir', 'Une cuisine centrale locale'],
		[2, 'Se nourrir', 'Un marché de producteurs'],
		[2, 'Santé', 'Moins de sucre pour les enfants']
	];
	for (const [i, need, text] of posts) {
		await phones[i].getByRole('button', { name: new RegExp(`^${need}`) }).tap();
		await phones[i].getByRole('textbox', { name: 'Votre contribution' }).fill(text);
		await phones[i].getByRole('button', { name: 'Publier' }).tap();
	}
	const food = console_.locator('[data-need="food"]');
	await expect(food.getByTestId('contribution')).toHaveCount(3);

	// Cluster the two about school catering.
	await food.getByRole('combobox', { name: 'Groupe de « Des légumes bio à la cantine », ou même idée qu’une autre' }).selectOption({ label: '+ Nouveau groupe' });
	await food.getByRole('combobox', { name: 'Groupe de « Une cuisine centrale locale », ou même idée qu’une autre' }).selectOption({ label: 'Groupe 1' });
	await food.getByRole('textbox', { name: 'Nom du groupe « Groupe 1 »' }).fill('Restauration scolaire');
	await food.getByRole('textbox', { name: 'Nom du groupe « Groupe 1 »' }).press('Enter');
	await expect(screen.locator('[data-need="food"]').getByTestId('cluster')).toHaveAccessibleName('Restauration scolaire');

	// Vote: 2 dots each on contributions.
	await console_.getByLabel('Points par personne').fill('2');
	await console_.getByLabel('Points par personne').blur();
	await console_.getByRole('button', { name: 'Ouvrir le vote' }).click();
	await showOnScreen(console_, 'Votes');
	// A phone looking at another board is told, and taken to the vote in one tap.
	await phones[0].getByRole('button', { name: 'État des lieux' }).tap();
	await expect(phones[0].getByTestId('vote-elsewhere')).toContainText('Un vote est ouvert');
	await phones[0].getByTestId('vote-elsewhere').getByRole('button', { name: 'Aller voter' }).tap();
	await expect(phones[0].getByTestId('vote-elsewhere')).toHaveCount(0);
	await expect(phones[0].getByRole('button', { name: 'Besoins', exact: true })).toHaveAttribute('aria-pressed', 'true');
	const dots: [number, string][] = [
		[0, 'Un marché de producteurs'],
		[0, 'Des légumes bio à la cantine'],
		[1, 'Un marché de producteurs'],
		[2, 'Un marché de producteurs'],
		[2, 'Une cuisine centrale locale']
	];
	for (const [i, text] of dots) {
		await phones[i].getByRole('button', { name: /^Se nourrir/ }).tap();
		await phones[i].getByRole('button', { name: `Ajouter un point à « ${text} »` }).tap();
	}
	const results = screen.getByTestId('vote-results');
	await expect(results).toContainText('3 personnes ont voté');
	await expect(results.getByTestId('result')).toHaveCount(0);

	// Reveal: the projector shows the results at once, whatever it showed.
	await console_.getByRole('button', { name: 'Clore le vote' }).click();
	await showOnScreen(console_, 'Contributions');
	await expect(results).toHaveCount(0);
	await console_.getByRole('button', { name: 'Révéler les résultats' }).click();
	await expect(results.getByTestId('result').first()).toContainText('Un marché de producteurs');
	await expect(results.getByTestId('result-dots').first()).toHaveText('3 points');

	// Rate, and the radar on the projector.
	await showOnScreen(console_, 'Radar');
	for (const [i, n] of [
		[0, 2],
		[1, 2],
		[2, 5]
	] as const) {
		await phones[i].getByRole('button', { name: 'État des lieux' }).tap();
		await phones[i].getByRole('button', { name: `Se nourrir : ${n} sur 5`, exact: true }).tap();
	}
	await expect(screen.getByTestId('radar-answers')).toHaveText('3 réponses');
	await expect(screen.getByTestId('radar').locator('.value[data-need="food"]')).toHaveText('3,0 sur 5');
	await screen.screenshot({ path: 'tests/artifacts/sequence-projector.png' });

	// A new question: the facilitator takes every dot back, after saying how many voted.
	await console_.getByRole('button', { name: 'Repartir d’un vote vierge' }).click();
	await expect(console_.getByRole('alertdialog')).toHaveAccessibleName('Retirer les points des 3 personnes qui ont voté ? Le prochain vote partira de zéro.');
	await console_.getByRole('button', { name: 'Oui, retirer les points' }).click();
	await expect(console_.getByTestId('voters')).toHaveText('Personne n’a encore voté');
	await expect(console_.getByRole('button', { name: 'Révéler les résultats' })).toHaveAttribute('aria-pressed', 'false');
	await laptop.close();
	for (const p of phones) await p.context().close();
});
