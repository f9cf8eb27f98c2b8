import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * `npm run dev` gives the same single port as production: the sync endpoint is attached to
 * Vite's HTTP server and the services are registered for the SvelteKit hooks.
 */
function agoraDevServer(): Plugin {
	return {
		name: 'agora-dev-server',
		apply: 'serve',
		async configureServer(server) {
			if (process.env.VITEST) return;
			const { createAgora } = await import('./server/agora.ts');
			const { readConfig } = await import('./server/config.ts');
			const { registerAgora } = await import('./server/registry.ts');
			const agora = createAgora(readConfig());
			registerAgora(agora);
			server.httpServer?.on('upgrade', (req, socket, head) => {
				if (agora.sync.owns(req)) agora.sync.handleUpgrade(req, socket, head);
			});
			server.httpServer?.on('close', () => void agora.close());
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), agoraDevServer()],
	test: {
		include: ['src/**/*.spec.ts', 'server/**/*.spec.ts', 'tests/**/*.test.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
