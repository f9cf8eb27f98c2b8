// The sessions remembered on this device live in localStorage: the page runs in the browser.
export const ssr = false;
