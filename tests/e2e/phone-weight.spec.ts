import { expect, test, type Page } from '@playwright/test';
import { PHONE } from './workshop';

/** JS and CSS bytes a page made the phone download (compressed, as they crossed the wire), by URL. */
async function recordWeight(page: Page): Promise<Map<string, number>> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	const kinds = new Map<string, { url: string; type: string }>();
	const bytes = new Map<string, number>();
	cdp.on('Network.responseReceived', (e) => kinds.set(e.requestId, { url: e.response.url, type: e.type }));
	cdp.on('Network.loadingFinished', (e) => {
		const kind = kinds.get(e.requestId);
		if (kind && (kind.type === 'Script' || kind.type === 'Stylesheet')) bytes.set(kind.url, (bytes.get(kind.url) ?? 0) + e.encodedDataLength);
	});
	return bytes;
}

const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

/**
 * The join page is the first thing a phone loads on the room's Wi-Fi: it must stay light (no
 * Yjs, no zod, one language). Issue 9 asks for 90 KB for the join and participant pages
 * together; Svelte, the kit client, Yjs with y-websocket and zod/mini alone weigh 75 KB of it
 * (BENCHMARKS.md), so the participant page is held near where it is (139 KB), not at the
 * target: a heavier library or a second catalogue creeping back fails here.
 */
test('a phone downloads little JS and CSS to reach the join form and the participant page', async ({ browser }) => {
	const context = await browser.newContext(PHONE);
	const page = await context.newPage();
	const session = await (await page.request.post('/api/sessions', { data: { title: 'Poids plume' } })).json();
	const weight = await recordWeight(page);
	await page.goto(`/j/${session.joinCode}`);
	await expect(page.getByRole('button', { name: 'Rejoindre' })).toBeEnabled();
	await page.waitForLoadState('networkidle');
	const joinPage = total(weight);
	await page.getByRole('button', { name: 'Rejoindre' }).tap();
	await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
	await page.waitForLoadState('networkidle');
	const all = total(weight);
	const lines = [...weight].sort((a, b) => b[1] - a[1]).map(([url, n]) => `${(n / 1024).toFixed(1).padStart(6)} KB  ${new URL(url).pathname}`);
	console.log(`join page ${(joinPage / 1024).toFixed(1)} KB, with the participant page ${(all / 1024).toFixed(1)} KB\n${lines.join('\n')}`);
	expect(joinPage, lines.join('\n')).toBeLessThanOrEqual(62 * 1024);
	expect(all).toBeGreaterThan(joinPage);
	expect(all, lines.join('\n')).toBeLessThanOrEqual(145 * 1024);
	await context.close();
});
