/**
 * The WebSocket endpoint `/sync/<sessionId>/<board|control>?token=…`: authenticates the
 * upgrade before `handleUpgrade` (a bad token never gets a socket), decides per connection
 * whether it may write, and hands the socket to its room.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { canWrite, DOC_NAMES, type DocName } from '../src/lib/schema.ts';
import type { Config } from './config.ts';
import type { Log } from './log.ts';
import type { Relay } from './relay.ts';
import { Rooms } from './rooms.ts';
import { SESSION_ID, type Sessions } from './sessions.ts';
import type { Storage } from './storage/storage.ts';

const PATH = /^\/sync\/([^/]+)\/([^/]+)$/;

export interface SyncServer {
	rooms: Rooms;
	/** True when the request is for this endpoint (other upgrades, like Vite's, are not ours). */
	owns(req: IncomingMessage): boolean;
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
	close(): Promise<void>;
}

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	503: 'Service Unavailable'
};

function refuse(socket: Duplex, status: number) {
	if (!socket.writable) return socket.destroy();
	socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function createSyncServer(deps: { config: Config; log: Log; storage: Storage; relay: Relay; sessions: Sessions }): SyncServer {
	const { config, log, sessions } = deps;
	const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes, perMessageDeflate: false });
	wss.on('error', (error) => log.error('ws.server_error', { error: error.message }));
	const rooms = new Rooms(deps);

	async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
		const url = new URL(req.url ?? '/', 'http://agora');
		const match = PATH.exec(url.pathname);
		if (!match || !SESSION_ID.test(match[1]) || !(DOC_NAMES as readonly string[]).includes(match[2])) {
			return refuse(socket, 404);
		}
		const [, sessionId, docName] = match;
		const doc = docName as DocName;
		const access = await sessions.access(sessionId, url.searchParams.get('token'));
		if (!access.ok) {
			log.info('sync.refused', { session: sessionId, doc, status: access.status });
			return refuse(socket, access.status);
		}
		// Every process of the instance counts: the limit is the session's, wherever people are.
		const elsewhere = await deps.relay.connectionsElsewhere(sessionId);
		if (rooms.connectionsOf(sessionId) + elsewhere >= config.maxConnectionsPerSession) {
			log.info('sync.session_full', { session: sessionId, limit: config.maxConnectionsPerSession });
			return refuse(socket, 503);
		}
		if (socket.destroyed) return;
		wss.handleUpgrade(req, socket, head, (ws) => {
			ws.on('error', (error) => log.debug('ws.socket_error', { session: sessionId, error: error.message }));
			rooms.connect({
				ws,
				sessionId,
				doc,
				role: access.role,
				writable: canWrite(access.role, doc),
				participantId: access.participantId,
				awarenessIds: new Set(),
				tokens: config.updatesPerSecond * 2,
				refilledAt: Date.now()
			});
		});
	}

	return {
		rooms,
		owns: (req) => (req.url ?? '').startsWith('/sync/'),
		handleUpgrade(req, socket, head) {
			// A socket error before the upgrade completes must not reach the process.
			socket.on('error', (error) => log.debug('upgrade.socket_error', { error: error.message }));
			upgrade(req, socket, head).catch((error) => {
				log.error('upgrade.failed', { error: String(error) });
				refuse(socket, 503);
			});
		},
		async close() {
			await rooms.closeAll();
			for (const client of wss.clients) client.terminate();
			wss.close();
		}
	};
}
