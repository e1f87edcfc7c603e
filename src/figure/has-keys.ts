// Alone in its file: the first-load script needs only this of the address code (url-state.ts loads later).

/** True when the query string holds any key of this figure (keys may arrive percent-encoded). */
export const hasKeys = (search: string, id: string): boolean => [...new URLSearchParams(search).keys()].some((k) => k.startsWith(`${id}.`));
