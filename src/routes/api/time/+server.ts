import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** The server's clock, so that every device counts the workshop timer from the same second. */
export const GET: RequestHandler = () => json({ now: Date.now() }, { headers: { 'cache-control': 'no-store' } });
