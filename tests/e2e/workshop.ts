/**
 * The people of a workshop, as browser tests drive them: a facilitator's laptop with the
 * console and the projector window, and phones that join with the code.
 */
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

export const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

export interface Workshop {
	laptop: BrowserContext;
	console_: Page;
	screen: Page;
	session: { id: string; joinCode: string; facilitatorUrl: string; projectorUrl: string; joinUrl: string };
	/** Closes the laptop and every phone joined through `join`. */
	close(): Promise<void>;
	join(): Promise<Page>;
}

/** A new session: its console on a laptop and its projector window at 1920×1080. */
export async function openWorkshop(browser: Browser, title: string, laptopSize = { width: 1366, height: 900 }): Promise<Workshop> {
	const laptop = await browser.newContext({ viewport: laptopSize });
	const console_ = await laptop.newPage();
	const session = await (await console_.request.post('/api/sessions', { data: { title } })).json();
	await console_.goto(session.facilitatorUrl);
	const screen = await laptop.newPage();
	await screen.setViewportSize({ width: 1920, height: 1080 });
	await screen.goto(session.projectorUrl);
	// The laptop's person looks at the console: a page left in the background gets its frames
	// throttled, and every click on it then waits seconds for the page to settle.
	await console_.bringToFront();
	const phones: BrowserContext[] = [];
	return {
		laptop,
		console_,
		screen,
		session,
		async join() {
			const context = await browser.newContext(PHONE);
			phones.push(context);
			const page = await context.newPage();
			await page.goto(`/j/${session.joinCode}`);
			await page.getByRole('button', { name: 'Rejoindre' }).tap();
			await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
			return page;
		},
		async close() {
			await Promise.all([laptop, ...phones].map((c) => c.close()));
		}
	};
}

/** A phone posts under the need it shows. */
export async function say(page: Page, text: string): Promise<void> {
	await page.getByRole('textbox', { name: 'Votre contribution' }).fill(text);
	await page.getByRole('button', { name: 'Publier' }).tap();
	await expect(page.getByRole('textbox', { name: 'Votre contribution' })).toHaveValue('');
}

/** Adds an actor through the "add an actor" sheet (a phone or the console). */
export async function addActorThroughForm(page: Page, a: { name: string; category: string; stages?: string[] }): Promise<void> {
	await page.getByRole('button', { name: 'Ajouter un acteur' }).click();
	const form = page.getByTestId('add-actor');
	await form.getByLabel('Nom').fill(a.name);
	await form.getByLabel('Catégorie').selectOption({ label: a.category });
	for (const stage of a.stages ?? []) await form.getByRole('checkbox', { name: stage, exact: true }).check();
	await form.getByRole('button', { name: 'Ajouter', exact: true }).click();
	await expect(form).toBeHidden();
}

/** Links two actors through the "link two actors" sheet. */
export async function linkThroughForm(page: Page, from: string, kind: string, to: string): Promise<void> {
	await page.getByRole('button', { name: 'Relier deux acteurs' }).click();
	const form = page.getByTestId('add-relation');
	await form.getByLabel('Acteur', { exact: true }).selectOption({ label: from });
	await form.getByRole('radio', { name: kind }).check();
	await form.getByLabel('Avec', { exact: true }).selectOption({ label: to });
	await form.getByRole('button', { name: 'Relier' }).click();
	await expect(form).toBeHidden();
}

/** Opens one of the console's side tabs. */
export async function consoleTab(page: Page, name: 'Tableau' | 'Animer' | 'Séance' | 'Réglages'): Promise<void> {
	await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
}

export type Screen = 'Contributions' | 'Radar' | 'Votes' | 'Influence' | 'Relations' | 'Filière' | 'Actions' | 'Couverture';

/** Puts one board or result on the projector from the console's "Tableau" tab. */
export async function showOnScreen(page: Page, screen: Screen): Promise<void> {
	await consoleTab(page, 'Tableau');
	await page.getByRole('group', { name: 'L’écran de projection montre' }).getByRole('radio', { name: screen, exact: true }).check();
}
