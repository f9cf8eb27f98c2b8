/**
 * A session's two documents as stored now: every accepted change is stored before anyone sees
 * it, so this is what the room sees, also in the middle of a meeting.
 */
import * as Y from 'yjs';

export async function loadSessionDocs(locals: App.Locals, sessionId: string): Promise<{ board: Y.Doc; control: Y.Doc; destroy(): void }> {
	const load = async (name: string) => {
		const doc = new Y.Doc();
		const stored = await locals.agora.storage.loadDocument(`${sessionId}/${name}`);
		if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
		for (const u of stored.updates) Y.applyUpdate(doc, u);
		return doc;
	};
	const board = await load('board');
	const control = await load('control');
	return {
		board,
		control,
		destroy() {
			board.destroy();
			control.destroy();
		}
	};
}
