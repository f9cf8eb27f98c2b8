/** For unit tests: two documents as two people's devices, synced when the test says so. */
import * as Y from 'yjs';

export function twoDevices(): { a: Y.Doc; b: Y.Doc; sync: () => void } {
	const a = new Y.Doc();
	const b = new Y.Doc();
	const sync = () => {
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
	};
	return { a, b, sync };
}
