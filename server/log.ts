/**
 * A small structured logger: one JSON line per event on stderr. Tokens never reach it: callers
 * log session ids and roles, never query strings or headers.
 */
import type { Config } from './config.ts';

const ORDER = { silent: 0, error: 1, info: 2, debug: 3 } as const;

export interface Log {
	error(event: string, fields?: Record<string, unknown>): void;
	info(event: string, fields?: Record<string, unknown>): void;
	debug(event: string, fields?: Record<string, unknown>): void;
}

export function createLog(level: Config['logLevel']): Log {
	const at = ORDER[level];
	const write = (lvl: keyof typeof ORDER, event: string, fields?: Record<string, unknown>) => {
		if (ORDER[lvl] > at) return;
		process.stderr.write(JSON.stringify({ t: new Date().toISOString(), level: lvl, event, ...fields }) + '\n');
	};
	return {
		error: (e, f) => write('error', e, f),
		info: (e, f) => write('info', e, f),
		debug: (e, f) => write('debug', e, f)
	};
}
