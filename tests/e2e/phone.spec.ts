import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

async function createSession(page: Page, title: string): Promise<string> {
	const res = await page.request.post('/api/sessions', { data: { title } });
	expect(res.status()).toBe(201);
	return (await res.json()).joinCode;
}

async function joinAs(page: Page, code: string, name: string) {
	await page.goto(`/j/${code}`);
	await page.getByLabel('Votre prénom (facultatif)').fill(name);
	await page.getByRole('button', { name: 'Rejoindre' }).tap();
	await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
}

test('a phone that loses the Wi-Fi keeps its post, says it is offline, and sends it on return', async ({ browser }) => {
	const a = await browser.newContext(phone);
	const b = await browser.newContext(phone);
	const pa = await a.newPage();
	const pb = await b.newPage();
	const code = await createSession(pa, 'Hors ligne');
	await joinAs(pa, code, 'Alice');
	await joinAs(pb, code, 'Bob');

	await a.setOffline(true);
	await expect(pa.getByTestId('connection')).toHaveAttribute('data-status', 'offline');
	await expect(pa.getByText('Hors ligne — vos contributions sont gardées')).toBeVisible();
	await pa.getByLabel('Votre contribution').fill('Écrit sans réseau');
	await pa.getByRole('button', { name: 'Publier' }).tap();
	await expect(pa.getByText('Écrit sans réseau')).toBeVisible();
	// Long enough for a relay to have happened if the post had left the phone.
	await pb.waitForTimeout(1500);
	await expect(pb.getByText('Écrit sans réseau')).toHaveCount(0);

	await a.setOffline(false);
	await expect(pa.getByTestId('connection')).toHaveAttribute('data-status', 'connected', { timeout: 15_000 });
	await expect(pb.getByText('Écrit sans réseau')).toBeVisible({ timeout: 10_000 });
	await Promise.all([a.close(), b.close()]);
});

test('a post written offline survives closing the page and leaves when the phone is back', async ({ browser }) => {
	const a = await browser.newContext(phone);
	const b = await browser.newContext(phone);
	const pa = await a.newPage();
	const pb = await b.newPage();
	const code = await createSession(pa, 'Onglet fermé');
	await joinAs(pa, code, 'Alice');
	await joinAs(pb, code, 'Bob');
	const participantUrl = pa.url();

	await a.setOffline(true);
	await expect(pa.getByTestId('connection')).toHaveAttribute('data-status', 'offline');
	await pa.getByLabel('Votre contribution').fill('Gardé dans le téléphone');
	await pa.getByRole('button', { name: 'Publier' }).tap();
	await expect(pa.getByText('Gardé dans le téléphone')).toBeVisible();
	// Let y-indexeddb write the update, then close the tab while still offline.
	await pa.waitForTimeout(500);
	await pa.close();

	await a.setOffline(false);
	const again = await a.newPage();
	await again.goto(participantUrl);
	await expect(again.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
	await expect(again.getByText('Gardé dans le téléphone')).toBeVisible();
	await expect(pb.getByText('Gardé dans le téléphone')).toBeVisible({ timeout: 10_000 });
	await Promise.all([a.close(), b.close()]);
});

test('a participant edits and deletes their own contribution, and only their own', async ({ browser }) => {
	const a = await browser.newContext(phone);
	const b = await browser.newContext(phone);
	const pa = await a.newPage();
	const pb = await b.newPage();
	const code = await createSession(pa, 'Modifier');
	await joinAs(pa, code, 'Alice');
	await joinAs(pb, code, 'Bob');

	await pa.getByLabel('Votre contribution').fill('Un marché paysan');
	await pa.getByRole('button', { name: 'Publier' }).tap();
	await expect(pb.getByText('Un marché paysan')).toBeVisible();
	// Bob sees it but has no button to change it.
	await expect(pb.getByRole('button', { name: /Modifier votre contribution/ })).toHaveCount(0);

	await pa.getByRole('button', { name: 'Modifier votre contribution « Un marché paysan »' }).tap();
	const editor = pa.getByRole('textbox', { name: 'Votre contribution' }).first();
	await editor.fill('');
	await pa.getByRole('button', { name: 'Enregistrer' }).tap();
	await expect(pa.getByRole('alert')).toHaveText('Écrivez quelques mots avant d’enregistrer.');
	await editor.fill('Un marché paysan le samedi');
	await pa.getByRole('button', { name: 'Enregistrer' }).tap();
	await expect(pb.getByText('Un marché paysan le samedi')).toBeVisible();

	await pa.getByRole('button', { name: 'Supprimer votre contribution « Un marché paysan le samedi »' }).tap();
	await pa.getByRole('button', { name: 'Supprimer', exact: true }).tap();
	await expect(pb.getByText('Un marché paysan le samedi')).toHaveCount(0);
	await Promise.all([a.close(), b.close()]);
});

test('bad input gets a clear sentence: empty post, too long, wrong code', async ({ browser }) => {
	const ctx = await browser.newContext(phone);
	const page = await ctx.newPage();
	const code = await createSession(page, 'Erreurs');

	await page.goto('/');
	await page.getByLabel('Code de l’atelier').fill('ZZZZZZ');
	await page.getByRole('button', { name: 'Rejoindre' }).tap();
	await expect(page.getByRole('alert')).toHaveText(/Aucun atelier avec ce code/);
	await page.getByLabel('Code de l’atelier').fill('AB');
	await page.getByRole('button', { name: 'Rejoindre' }).tap();
	await expect(page.getByRole('alert')).toHaveText(/6 lettres ou chiffres/);

	await joinAs(page, code, 'Camille');
	await page.getByRole('button', { name: 'Publier' }).tap();
	await expect(page.getByRole('alert')).toHaveText('Écrivez quelques mots avant de publier.');
	await page.getByLabel('Votre contribution').fill('a'.repeat(290));
	await expect(page.getByRole('alert')).toHaveText(/10 caractères de trop/);
	await page.getByRole('button', { name: 'Publier' }).tap();
	await expect(page.getByTestId('contribution')).toHaveCount(0);
	await ctx.close();
});

test('the language can be switched on every page and is remembered', async ({ browser }) => {
	const ctx = await browser.newContext(phone);
	const page = await ctx.newPage();
	const code = await createSession(page, 'Language');
	await page.goto('/');
	await page.getByRole('button', { name: 'Switch to English' }).tap();
	await expect(page.getByRole('heading', { name: 'Join a workshop' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.goto(`/j/${code}`);
	await expect(page.getByRole('heading', { name: 'Join a workshop' })).toBeVisible();
	await page.getByRole('button', { name: 'Join' }).tap();
	await expect(page.getByRole('button', { name: 'Post' })).toBeVisible();
	await expect(page.getByTestId('connection')).toHaveText('Online');
	const axe = await new AxeBuilder({ page }).analyze();
	expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
	await page.getByRole('button', { name: 'Passer en français' }).tap();
	await expect(page.getByRole('button', { name: 'Publier' })).toBeVisible();
	await ctx.close();
});

test('a forged facilitator or projector link says so instead of showing a board', async ({ page }) => {
	const res = await page.request.post('/api/sessions', { data: { title: 'Liens' } });
	const s = await res.json();
	await page.goto(`/s/${s.id}/facilitate#k=forged-token`);
	await expect(page.getByRole('alert')).toHaveText('Ce lien d’animation n’est pas valable pour cette séance.');
	await page.goto(`/s/${s.id}/screen#k=${s.facilitatorToken}x`);
	await expect(page.getByRole('alert')).toHaveText('Ce lien de projection n’est pas valable pour cette séance.');
	await page.goto(`/s/doesnotexist123/facilitate#k=${s.facilitatorToken}`);
	await expect(page.getByRole('alert')).toHaveText('Cette séance n’existe pas (ou plus).');
});

test('scanning the QR code again brings the phone back as the same person', async ({ browser }) => {
	const ctx = await browser.newContext(phone);
	const page = await ctx.newPage();
	const code = await createSession(page, 'Deux scans');
	await joinAs(page, code, 'Alice');
	const url = page.url();
	await page.getByLabel('Votre contribution').fill('Ma première idée');
	await page.getByRole('button', { name: 'Publier' }).tap();
	await page.goto(`/j/${code}`);
	await expect(page).toHaveURL(url);
	await expect(page.getByRole('button', { name: 'Modifier votre contribution « Ma première idée »' })).toBeVisible();
	// The home page offers to resume it too.
	await page.goto('/');
	await page.getByRole('link', { name: 'Reprendre « Deux scans »' }).tap();
	await expect(page).toHaveURL(url);
	await ctx.close();
});

test('a session in English shows English on a phone that chose no language', async ({ browser }) => {
	const ctx = await browser.newContext(phone);
	const page = await ctx.newPage();
	const res = await page.request.post('/api/sessions', { data: { title: 'Shared diagnosis', language: 'en' } });
	const { joinCode } = await res.json();
	await page.goto(`/j/${joinCode}`);
	await page.getByRole('button', { name: 'Rejoindre' }).tap();
	await expect(page.getByRole('button', { name: 'Post' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await ctx.close();
});

test('a join link says which workshop it leads to before anyone taps, or that it leads nowhere', async ({ browser }) => {
	const context = await browser.newContext(phone);
	const page = await context.newPage();
	const res = await page.request.post('/api/sessions', { data: { title: 'Cantines du Ségala', territory: 'Pays de Figeac' } });
	const { joinCode } = await res.json();
	await page.goto(`/j/${joinCode.toLowerCase()}`);
	const joining = page.getByTestId('joining');
	await expect(joining).toContainText('Vous rejoignez');
	await expect(joining).toContainText('Cantines du Ségala');
	await expect(joining).toContainText('Pays de Figeac');
	expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
	await page.screenshot({ path: 'tests/artifacts/join-link-phone.png' });

	// An English session's link speaks English to a phone that chose no language.
	const english = await (await page.request.post('/api/sessions', { data: { title: 'Valley school meals', language: 'en' } })).json();
	await page.goto(`/j/${english.joinCode}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Join a workshop');
	await expect(page.getByTestId('joining')).toContainText('You are joining');

	// A code that leads nowhere (a session deleted since the QR was printed) says so at once.
	const other = [...joinCode].reverse().join('') === joinCode ? 'ABCDEF' : [...joinCode].reverse().join('');
	await page.goto(`/j/${other}`);
	await expect(page.getByRole('alert')).toHaveText('Aucun atelier avec ce code. Vérifiez les caractères affichés à l’écran.');
	await expect(page.getByTestId('joining')).toHaveCount(0);

	// Whoever switches the home page to English creates an English session unless they choose otherwise.
	await page.goto('/');
	await page.getByRole('button', { name: 'Switch to English' }).tap();
	await expect(page.getByLabel('Language of the session')).toHaveValue('en');
	await context.close();
});

test('on a small phone (360×640) the list of contributions keeps most of the screen once scrolled', async ({ browser }) => {
	const context = await browser.newContext({ ...phone, viewport: { width: 360, height: 640 } });
	const page = await context.newPage();
	const sample = await (await page.request.post('/api/sessions/sample', { data: { language: 'fr' } })).json();
	await joinAs(page, sample.joinCode, 'Lou');
	await page.getByRole('button', { name: 'Besoins', exact: true }).tap();
	await expect(page.getByText('Un magasin de producteurs ouvert le samedi')).toBeAttached();
	await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
	// Between the needs (kept at the top) and the writing box (kept at the bottom).
	const top = (await page.getByRole('navigation', { name: 'Sous quel besoin ?' }).boundingBox())!;
	const composer = (await page.locator('form.composer').boundingBox())!;
	expect(composer.y - (top.y + top.height)).toBeGreaterThan(300);
	expect(top.y).toBe(0);
	expect(composer.y + composer.height).toBeLessThanOrEqual(641);
	await page.screenshot({ path: 'tests/artifacts/phone-360-needs.png' });
	await context.close();
});

test('an actor’s name shows how many characters are left near the limit, and too long is said before adding', async ({ browser }) => {
	const context = await browser.newContext(phone);
	const page = await context.newPage();
	await joinAs(page, await createSession(page, 'Noms longs'), 'Lou');
	await page.getByRole('button', { name: 'Acteurs' }).tap();
	await page.getByRole('button', { name: 'Ajouter un acteur' }).tap();
	const form = page.getByTestId('add-actor');
	await form.getByLabel('Nom').fill('x'.repeat(60));
	await expect(form.getByTestId('name-count')).toHaveCount(0);
	await form.getByLabel('Nom').fill('x'.repeat(75));
	await expect(form.getByTestId('name-count')).toHaveText('5 caractères restants');
	await form.getByLabel('Nom').fill('x'.repeat(90));
	await expect(form.getByTestId('name-count')).toHaveText('Trop long : 10 caractères de trop. Raccourcissez un peu.');
	await context.close();
});

test('an agenda step from a template reads in each phone’s language', async ({ browser }) => {
	const context = await browser.newContext(phone);
	const page = await context.newPage();
	const sample = await (await page.request.post('/api/sessions/sample', { data: { language: 'en' } })).json();
	await page.goto(`/j/${sample.joinCode}`);
	await page.getByRole('button', { name: 'Join' }).tap();
	await expect(page.getByTestId('phone-step')).toContainText('Who acts on the territory?');
	await page.getByRole('button', { name: 'Passer en français' }).tap();
	await expect(page.getByTestId('phone-step')).toContainText('Qui agit sur le territoire ?');
	await context.close();
});
