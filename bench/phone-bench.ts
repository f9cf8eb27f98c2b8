/**
 * Phone benchmark (issue 9): how long a phone on a village hall's Wi-Fi waits, with a cold
 * cache, CPU throttled 4× and a 9 Mbit/s link with 150 ms of latency (Chrome DevTools protocol
 * emulation): until the join form answers a tap (the page hydrated), then, after "Rejoindre",
 * until the participant page is connected and its contribution box is there. Also the JS and
 * CSS bytes each page cost over the wire. Debian's Chromium through Playwright (CHROMIUM_PATH
 * overrides). Target: usable within 2 s; at most 90 KB of JS and CSS.
 *
 *   npm run bench:phone        (BENCH_PHONE_RUNS=5, BENCH_NO_WRITE=1)
 */
import { execSync } from 'node:child_process';
import { chromium, type Page } from '@playwright/test';
import { f1, numEnv, runBenchmark, startServer, writeBenchSection } from './harness.ts';

const RUNS = numEnv('BENCH_PHONE_RUNS', 5);
const LINK = { latency: 150, downloadThroughput: (9 * 1024 * 1024) / 8, uploadThroughput: (9 * 1024 * 1024) / 8 };
const CPU_SLOWDOWN = 4;

const browserPath = () => process.env.CHROMIUM_PATH || execSync('command -v chromium', { encoding: 'utf8', shell: '/bin/sh' }).trim();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Slows the page like a modest phone on a weak Wi-Fi, and counts its JS and CSS bytes. */
async function emulate(page: Page): Promise<() => number> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', { offline: false, ...LINK });
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
	const types = new Map<string, string>();
	let bytes = 0;
	cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
	cdp.on('Network.loadingFinished', (e) => {
		const type = types.get(e.requestId);
		if (type === 'Script' || type === 'Stylesheet') bytes += e.encodedDataLength;
	});
	return () => bytes;
}

async function main() {
	const server = await startServer('agora', { env: { SESSIONS_PER_HOUR: '1000' } });
	const origin = `http://127.0.0.1:${server.port}`;
	const browser = await chromium.launch({ executablePath: browserPath(), args: ['--no-sandbox', '--disable-gpu'] });
	const joinMs: number[] = [];
	const partMs: number[] = [];
	const joinKB: number[] = [];
	const partKB: number[] = [];
	try {
		const session = (await (await fetch(`${origin}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Salle des fêtes' }) })).json()) as { joinCode: string };
		for (let run = 1; run <= RUNS; run++) {
			// A new context each time: a cold cache, as a phone that never opened Agora.
			const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: 'fr-FR' });
			const page = await context.newPage();
			const bytes = await emulate(page);
			const t0 = Date.now();
			await page.goto(`${origin}/j/${session.joinCode}`, { waitUntil: 'commit' });
			const button = page.getByRole('button', { name: 'Rejoindre' });
			await button.waitFor();
			await page.waitForFunction(() => !(document.querySelector('form button[type="submit"]') as HTMLButtonElement | null)?.disabled);
			joinMs.push(Date.now() - t0);
			await page.waitForLoadState('networkidle');
			joinKB.push(bytes() / 1024);
			const t1 = Date.now();
			await button.tap();
			await page.getByTestId('connection').and(page.locator('[data-status="connected"]')).waitFor({ timeout: 30_000 });
			await page.getByLabel('Votre contribution').waitFor();
			partMs.push(Date.now() - t1);
			await page.waitForLoadState('networkidle');
			partKB.push(bytes() / 1024 - joinKB[joinKB.length - 1]);
			console.log(`run ${run}: join form usable after ${joinMs.at(-1)} ms (${f1(joinKB.at(-1)!)} KB), participant page after ${partMs.at(-1)} ms (${f1(partKB.at(-1)!)} KB more)`);
			await context.close();
		}
	} finally {
		await browser.close();
		await server.stop();
	}
	const verdict = (ok: boolean) => (ok ? 'meets' : 'misses');
	const lines = [
		`- join page: usable (the form answers a tap) after ${median(joinMs)} ms (median of ${RUNS}; ${Math.min(...joinMs)}–${Math.max(...joinMs)} ms) — ${verdict(median(joinMs) <= 2000)} the 2 s target; ${f1(median(joinKB))} KB of JS and CSS.`,
		`- participant page, after "Rejoindre": connected with its contribution box after ${median(partMs)} ms (${Math.min(...partMs)}–${Math.max(...partMs)} ms) — ${verdict(median(partMs) <= 2000)} the 2 s target; ${f1(median(partKB))} KB more of JS and CSS, ${f1(median(joinKB) + median(partKB))} KB in all — ${verdict(median(joinKB) + median(partKB) <= 90)} the 90 KB target.`
	];
	console.log('\n' + lines.join('\n'));
	if (process.env.BENCH_NO_WRITE) return;
	writeBenchSection(
		'phone',
		'bench:phone',
		[
			'## Phones: a cold start on a weak link',
			'',
			`Last run: ${new Date().toISOString()} · Debian's Chromium, ${CPU_SLOWDOWN}× CPU slowdown, ${LINK.latency} ms latency, 9 Mbit/s both ways, a new browser context (cold cache) per run.`,
			'',
			...lines,
			'',
			'Method (`bench/phone-bench.ts`): the DevTools protocol throttles the CPU (`Emulation.setCPUThrottlingRate`) and the',
			'link (`Network.emulateNetworkConditions`); bytes are `encodedDataLength` of scripts and style sheets (compressed, as',
			'they crossed the wire). Times are from the navigation to the first moment the join button is enabled (the page has',
			'hydrated), then from the tap to the connected badge and the contribution box.'
		].join('\n')
	);
}

runBenchmark(main);
