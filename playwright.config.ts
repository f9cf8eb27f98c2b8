import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/** Debian's Chromium (never a downloaded browser); CHROMIUM_PATH overrides. */
function chromium(): string {
	if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
	try {
		return execSync('command -v chromium', { encoding: 'utf8', shell: '/bin/sh' }).trim();
	} catch {
		throw new Error('Chromium not found: apt-get install -y chromium, or set CHROMIUM_PATH.');
	}
}

const port = Number(process.env.E2E_PORT ?? 4319);
/** The organisers' code of the test server (the dashboard's browser test types it). */
export const ORGANISER_TOKEN_E2E = 'e2e-organiser-code-3141592653';
// Playwright empties test-results/ before starting the server: keep the database elsewhere.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agora-e2e-'));

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	workers: 1,
	reporter: [['list']],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		launchOptions: {
			executablePath: chromium(),
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	webServer: {
		command: 'node --import tsx server/index.ts',
		url: `http://127.0.0.1:${port}/`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'error', ORGANISER_TOKEN: ORGANISER_TOKEN_E2E }
	}
});
