import { isFigure } from './define.ts';
import { FIGURE_GLOB, figureNameOf } from './names.ts';
import type { AnyFigure } from './types.ts';

// The one registry: the build and the browser load figures here; the MDX check reads the same
// FIGURE_GLOB from disk (files.ts), and a test holds the two lists equal.

// One lazy chunk per figure, so the first-load script stays the same size however many figures exist.
const loaders = import.meta.glob<{ default?: unknown }>('../chapters/*/figures/*.ts');

const byName = new Map<string, { path: string; load: () => Promise<{ default?: unknown }> }>();
for (const [at, load] of Object.entries(loaders)) {
  const name = figureNameOf(at);
  const path = at.replace(/^\.\.\//, 'src/');
  // Names are page anchors, URL keys and download paths: two chapters may not share one.
  const other = byName.get(name)?.path;
  if (other) throw new Error(`${path}: the figure name "${name}" is taken by ${other}; rename one file`);
  byName.set(name, { path, load });
}

/** The names of every figure, sorted. */
export const figureNames = (): string[] => [...byName.keys()].sort();

/** The source path of a figure, from the repository root, for error messages. */
export const figurePath = (name: string): string | undefined => byName.get(name)?.path;

/** Loads a figure by name; throws naming the file when it is missing or not a defineFigure. */
export async function loadFigure(name: string): Promise<AnyFigure> {
  const entry = byName.get(name);
  if (!entry) throw new Error(`no figure "${name}": there is no ${FIGURE_GLOB.replace('*/figures/*', `<chapter>/figures/${name}`)}`);
  const mod = await entry.load();
  if (!isFigure(mod.default)) throw new Error(`${entry.path}: the default export must be defineFigure({ controls, compute, draw })`);
  return mod.default;
}
