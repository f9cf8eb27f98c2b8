import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { consoleTab, showOnScreen } from './workshop';

const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

test('college lens: phones say where they come from; the projector splits the radar, small groups stay anonymous', async ({ browser }) => {
	const laptop = await browser.newContext({ viewport: { width: 1366, height: 900 } });
	const console_ = await laptop.newPage();
	const s = await (await console_.request.post('/api/sessions', { data: { title: 'Collèges' } })).json();
	await console_.goto(s.facilitatorUrl);
	// Turning the lens on asks the phones for their college.
	await consoleTab(console_, 'Réglages');
	await console_.getByRole('checkbox', { name: 'Montrer les résultats par collège' }).check();
	const screen = await laptop.newPage();
	await screen.setViewportSize({ width: 1920, height: 1080 });
	await screen.goto(s.projectorUrl);

	const plan: [string, number][] = [
		['Collectivités', 2],
		['Collectivités', 3],
		['Collectivités', 4],
		['Société civile', 5]
	];
	const phones: Page[] = [];
	for (const [college, food] of plan) {
		const p = await (await browser.newContext(phone)).newPage();
		await p.goto(`/j/${s.joinCode}`);
		await p.getByRole('button', { name: 'Rejoindre' }).tap();
		await expect(p.getByRole('heading', { name: 'Vous venez plutôt de…' })).toBeVisible();
		if (phones.length === 0) {
			const axe = await new AxeBuilder({ page: p }).analyze();
			expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
		}
		await p.getByRole('button', { name: college }).tap();
		await expect(p.getByText(`Collège : ${college}`)).toBeVisible();
		await p.getByRole('button', { name: 'État des lieux' }).tap();
		await p.getByRole('button', { name: `Se nourrir : ${food} sur 5`, exact: true }).tap();
		phones.push(p);
	}
	// A fifth phone would rather not say: it is not asked again.
	const shy = await (await browser.newContext(phone)).newPage();
	await shy.goto(`/j/${s.joinCode}`);
	await shy.getByRole('button', { name: 'Rejoindre' }).tap();
	await shy.getByRole('button', { name: 'Je préfère ne pas dire' }).tap();
	await expect(shy.getByRole('heading', { name: 'Vous venez plutôt de…' })).toHaveCount(0);
	await shy.reload();
	await expect(shy.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
	await expect(shy.getByRole('heading', { name: 'Vous venez plutôt de…' })).toHaveCount(0);

	await showOnScreen(console_, 'Radar');
	const table = screen.getByTestId('lens-table');
	await expect(table.getByRole('columnheader')).toHaveText([/Carte des besoins/, 'Toute la salle', 'Collectivités']);
	// Whole room (2+3+4+5)/4 = 3,5; local authorities (2+3+4)/3 = 3,0.
	await expect(screen.getByTestId('lens-food').getByRole('cell')).toHaveText(['3,5', '3,0']);
	// One person in civil society: not shown, and said so.
	await expect(screen.getByTestId('lens-hidden')).toHaveText(
		'Non montrés (moins de 3 réponses) : Économie alimentaire, Recherche et formation, Société civile.'
	);
	await screen.screenshot({ path: 'tests/artifacts/projector-lens.png' });
	await phones[0].screenshot({ path: 'tests/artifacts/phone-college.png' });
	await laptop.close();
	for (const p of [...phones, shy]) await p.context().close();
});
