/**
 * Lists inside an entity (an actor's stages, an action's partners) are `Y.Array`s of strings, so
 * that two people ticking at once both count. One way to tick and untick them everywhere.
 */
import * as Y from 'yjs';

/** Ticks (adds once) or unticks (removes every copy) `value` in the entry's list `key`. */
export function toggleInList(entry: Y.Map<unknown>, key: string, value: string, on: boolean): void {
	let array = entry.get(key);
	if (!(array instanceof Y.Array)) {
		// An older entry with a plain array (or none): from now on a shared one.
		array = Y.Array.from(Array.isArray(array) ? array : []);
		entry.set(key, array);
	}
	const items = array as Y.Array<string>;
	if (on) {
		if (!items.toArray().includes(value)) items.push([value]);
		return;
	}
	// Remove every copy (two people ticking at once may have added it twice).
	for (let i = items.length - 1; i >= 0; i--) if (items.get(i) === value) items.delete(i, 1);
}
