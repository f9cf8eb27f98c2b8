// Session pages run in the browser only: their tokens live in the URL fragment and in
// localStorage, which the server never sees.
export const ssr = false;
