/**
 * Production composition root: one HTTP server on one port serves the SvelteKit app (pages and
 * /api/*) and the WebSocket sync endpoint. The token is checked before the upgrade.
 */
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createAgora, lanAddresses } from './agora.ts';
import { readConfig } from './config.ts';
import { registerAgora } from './registry.ts';

const config = readConfig();
const agora = createAgora(config);
registerAgora(agora);

// A session's JSON export, imported back, can be several megabytes: the adapter's default is 512 KB.
process.env.BODY_SIZE_LIMIT ??= '32M';
// Imported through a variable path so that type-checking does not walk the build output.
const handlerFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'build', 'handler.js');
const { handler } = (await import(pathToFileURL(handlerFile).href)) as { handler: http.RequestListener };

const server = http.createServer(handler);
server.on('upgrade', (req, socket, head) => {
	if (agora.sync.owns(req)) agora.sync.handleUpgrade(req, socket, head);
	else socket.destroy();
});
server.on('clientError', (error, socket) => {
	agora.log.debug('http.client_error', { error: error.message });
	socket.destroy();
});

// A bug in one request or frame must not take the whole room down: log it and go on.
process.on('uncaughtException', (error) => agora.log.error('process.uncaught', { error: error.stack ?? String(error) }));
process.on('unhandledRejection', (error) => agora.log.error('process.unhandled', { error: String(error) }));

server.listen(config.port, config.host, () => {
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : config.port;
	// Machine-readable line for tests and scripts that start the server on port 0.
	process.stdout.write(`AGORA_LISTENING ${port}\n`);
	if (config.logLevel !== 'silent') {
		const lines = [`Agora is running.`, `  On this computer:   http://localhost:${port}`];
		for (const a of lanAddresses()) lines.push(`  Phones on the Wi-Fi: http://${a}:${port}`);
		if (config.publicUrl) lines.push(`  Public address:     ${config.publicUrl}`);
		lines.push(`  Data: ${config.dataDir}`);
		process.stdout.write(lines.join('\n') + '\n');
	}
});

let stopping = false;
async function stop() {
	if (stopping) return;
	stopping = true;
	server.close();
	await agora.close();
	process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
