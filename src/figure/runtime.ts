// What <bs-figure> needs only once the reader acts: loaded lazily so the first-load script stays small.
import type { FigureModule } from './types.ts';

export { accessible } from './accessible.ts';
export { readQuery, writeQuery } from './url-state.ts';
export { toCsv, toSvg } from './export.ts';

// One lazy chunk per figure; listing them here rather than in the element keeps that script's size flat.
const loaders = import.meta.glob<{ default?: FigureModule }>('../chapters/*/figures/*.ts');

/** Loads a figure module by name. */
export async function loadFigure(name: string): Promise<FigureModule> {
  const mod = await Object.entries(loaders).find(([p]) => p.endsWith(`/figures/${name}.ts`))?.[1]();
  if (!mod?.default) throw new Error(`no figure module "${name}"`);
  return mod.default;
}
