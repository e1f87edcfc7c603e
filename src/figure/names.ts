/** Where figures live: every file in a chapter's figures/ folder is one, named by its file name. */
export const FIGURE_GLOB = 'src/chapters/*/figures/*.ts';

/** A figure's name from its path: `…/figures/twins-gap.ts` is "twins-gap". */
export const figureNameOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1, -'.ts'.length);
