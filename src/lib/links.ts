/**
 * Where each person goes. Tokens travel in the URL fragment (`#k=`): browsers never send a
 * fragment to the server, so secrets stay out of access logs and Referer headers.
 */
export const links = {
	facilitator: (id: string, token: string) => `/s/${id}/facilitate#k=${encodeURIComponent(token)}`,
	projector: (id: string, token: string) => `/s/${id}/screen#k=${encodeURIComponent(token)}`,
	synthesis: (id: string, token: string) => `/s/${id}/synthesis#k=${encodeURIComponent(token)}`,
	participant: (id: string) => `/s/${id}`,
	join: (code: string) => `/j/${code}`
};

/** The token in a `#k=` fragment, if any. */
export function tokenFromHash(hash: string): string | null {
	const params = new URLSearchParams(hash.replace(/^#/, ''));
	return params.get('k');
}

/**
 * The origin phones in the room can open: on the facilitator's own laptop (localhost) the LAN
 * address the server reported, else the page's own origin.
 */
export function reachableOrigin(origins: string[], here: { hostname: string; origin: string }): string {
	const local = ['localhost', '127.0.0.1', '[::1]'].includes(here.hostname);
	return local && origins.length > 0 ? origins[0] : here.origin;
}
