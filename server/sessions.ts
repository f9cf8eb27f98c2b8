/**
 * Sessions and capability tokens. Creating a session returns secret facilitator and projector
 * tokens; a participant exchanges the short join code for a token of their own. Only SHA-256
 * hashes of tokens are stored, and the hash found is compared again in constant time.
 */
import crypto from 'node:crypto';
import { customAlphabet, nanoid } from 'nanoid';
import * as Y from 'yjs';
import {
	CONTROL,
	JOIN_CODE_ALPHABET,
	JOIN_CODE_LENGTH,
	type CreateSessionBody,
	type Language,
	type Role
} from '../src/lib/schema.ts';
import type { SessionRecord, Storage } from './storage/storage.ts';

const newJoinCode = customAlphabet(JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH);
/** Session ids go into URLs and room keys: only URL-safe characters, checked at every edge. */
export const SESSION_ID = /^[A-Za-z0-9_-]{10,40}$/;

export function hashToken(token: string): string {
	return crypto.createHash('sha256').update(token).digest('hex');
}
const newToken = () => crypto.randomBytes(24).toString('base64url');

export interface CreatedSession {
	session: SessionRecord;
	facilitatorToken: string;
	projectorToken: string;
}

export type Access =
	| { ok: true; role: Role; participantId: string | null; session: SessionRecord }
	| { ok: false; status: 401 | 403 | 404 };

export class Sessions {
	constructor(private storage: Storage) {}

	/**
	 * Creates a session. `fill`, when given, writes into its first control and board documents
	 * (the next workshop of a series starts with what it carries from the last one).
	 */
	async create(body: CreateSessionBody, fill?: (docs: { control: Y.Doc; board: Y.Doc }) => void): Promise<CreatedSession> {
		let joinCode = newJoinCode();
		// 31^6 ≈ 887 million codes: a clash is rare, but never hand out a code twice.
		while (await this.storage.isJoinCodeTaken(joinCode)) joinCode = newJoinCode();
		const session: SessionRecord = {
			id: nanoid(16),
			joinCode,
			title: body.title,
			territory: body.territory ?? '',
			language: body.language ?? 'fr',
			createdAt: Date.now()
		};
		const facilitatorToken = newToken();
		const projectorToken = newToken();
		await this.storage.createSession(
			session,
			[
				{ hash: hashToken(facilitatorToken), sessionId: session.id, role: 'facilitator', participantId: null },
				{ hash: hashToken(projectorToken), sessionId: session.id, role: 'projector', participantId: null }
			],
			initialDocs(session, fill)
		);
		return { session, facilitatorToken, projectorToken };
	}

	/** Exchanges a join code for a participant token; undefined when no session has that code. */
	async join(code: string): Promise<{ session: SessionRecord; participantId: string; token: string } | undefined> {
		const session = await this.storage.findSessionByCode(code);
		if (!session) return undefined;
		const participantId = nanoid(12);
		const token = newToken();
		await this.storage.addToken({ hash: hashToken(token), sessionId: session.id, role: 'participant', participantId });
		return { session, participantId, token };
	}

	/** What a phone that opened a join link may see before joining: the workshop's title and territory. */
	async preview(code: string): Promise<{ title: string; territory: string; language: Language } | undefined> {
		const session = await this.storage.findSessionByCode(code);
		return session && { title: session.title, territory: session.territory, language: session.language };
	}

	/** A further projector token, for a facilitator who opens the screen from another device. */
	async newProjectorToken(sessionId: string): Promise<string> {
		const token = newToken();
		await this.storage.addToken({ hash: hashToken(token), sessionId, role: 'projector', participantId: null });
		return token;
	}

	get(id: string): Promise<SessionRecord | undefined> {
		return SESSION_ID.test(id) ? this.storage.getSession(id) : Promise.resolve(undefined);
	}

	/** What `token` may do in session `sessionId`: 401 unknown token, 403 another session's, 404 no session. */
	async access(sessionId: string, token: string | null | undefined): Promise<Access> {
		const session = await this.get(sessionId);
		if (!session) return { ok: false, status: 404 };
		if (!token || token.length > 200) return { ok: false, status: 401 };
		const hash = hashToken(token);
		const found = await this.storage.findToken(hash);
		if (!found || !crypto.timingSafeEqual(Buffer.from(found.hash, 'hex'), Buffer.from(hash, 'hex'))) {
			return { ok: false, status: 401 };
		}
		if (found.sessionId !== sessionId) return { ok: false, status: 403 };
		return { ok: true, role: found.role, participantId: found.participantId, session };
	}
}

/** The control document a session starts with: its title, territory and language. */
function initialDocs(session: SessionRecord, fill?: (docs: { control: Y.Doc; board: Y.Doc }) => void): { doc: string; update: Uint8Array }[] {
	const control = new Y.Doc();
	const board = new Y.Doc();
	const meta = control.getMap(CONTROL.session);
	control.transact(() => {
		meta.set('title', session.title);
		meta.set('territory', session.territory);
		meta.set('language', session.language);
	});
	fill?.({ control, board });
	const docs = [{ doc: `${session.id}/control`, update: Y.encodeStateAsUpdate(control) }];
	if (fill) docs.push({ doc: `${session.id}/board`, update: Y.encodeStateAsUpdate(board) });
	control.destroy();
	board.destroy();
	return docs;
}
