/**
 * Join codes, on their own so that the join page ships neither zod nor Yjs (schema.ts
 * re-exports them).
 */

/** Join codes: 6 characters without look-alikes (no 0/O, 1/I/L). */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 6;
/** A whole, normalised join code. */
export const JOIN_CODE = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);
/** Longest name a participant may give. */
export const NAME_MAX = 60;

/** Upper-cases and drops spaces and dashes, so "abc-123 " and "ABC123" are the same code. */
export function normaliseJoinCode(raw: string): string {
	return raw.toUpperCase().replace(/[\s-]/g, '');
}
