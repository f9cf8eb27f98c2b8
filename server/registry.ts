/**
 * Hands the process's services from the composition root to the SvelteKit hooks. The SvelteKit
 * build is a separate bundle from server/, so a shared module instance cannot carry them; one
 * well-known global slot, written once at start, does. Only types are imported here, so the
 * SvelteKit bundle does not pull in the server.
 */
import type { Agora } from './agora.ts';

const KEY = Symbol.for('agora.app');

export function registerAgora(agora: Agora | undefined): void {
	(globalThis as Record<symbol, unknown>)[KEY] = agora;
}

export function registeredAgora(): Agora {
	const agora = (globalThis as Record<symbol, unknown>)[KEY] as Agora | undefined;
	if (!agora) throw new Error('Agora is not started: run it with `npm start` or `npm run dev`.');
	return agora;
}
