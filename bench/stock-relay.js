/**
 * The stock reference relay for the sync benchmark: `@y/websocket-server` 0.1.1 as its own
 * `server.js` sets it up (noServer WebSocketServer, `setupWSConnection` on upgrade, no auth),
 * but on port 0 and without persistence (YPERSISTENCE is not set). Prints
 * `STOCK_LISTENING <port>` once it listens.
 *
 * It uses the project's `ws` (the same version Agora uses), so that the comparison measures the
 * relay logic rather than two versions of the WebSocket library.
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);

const server = http.createServer((_request, response) => {
	response.writeHead(200, { 'Content-Type': 'text/plain' });
	response.end('okay');
});

server.on('upgrade', (request, socket, head) => {
	wss.handleUpgrade(request, socket, head, (ws) => {
		wss.emit('connection', ws, request);
	});
});

server.listen(Number(process.env.PORT || 0), process.env.HOST || '127.0.0.1', () => {
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	process.stdout.write(`STOCK_LISTENING ${port}\n`);
});

const stop = () => process.exit(0);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
