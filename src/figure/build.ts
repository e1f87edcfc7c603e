import { parseHTML } from 'linkedom';
import { accessible } from './accessible.ts';
import { defaults } from './controls.ts';
import { toCsv, toSvg } from './export.ts';
import type { FigureModule, Rendered } from './types.ts';

// A figure is a module with a default export; helpers beside them (no default export) are skipped.
const modules = import.meta.glob<{ default?: FigureModule }>('../chapters/*/figures/*.ts', { eager: true });

/** The names of every figure module in src/figures. */
export const figureNames = (): string[] =>
  Object.keys(modules).filter((p) => modules[p].default).map((p) => p.split('/').pop()!.slice(0, -3)).sort();

/** A figure module by name; throws naming the missing file. */
export function figureModule(name: string): FigureModule {
  const mod = Object.entries(modules).find(([p]) => p.endsWith(`/figures/${name}.ts`))?.[1].default;
  if (!mod) throw new Error(`<Figure name="${name}">: no module src/figures/${name}.ts`);
  return mod;
}

/** A figure drawn at its defaults, as the page, the CSV and the SVG downloads all need it. */
export interface BuiltFigure {
  out: Rendered;
  html: string;
  csv: string;
  svg: string;
}

// Pages and the /figures/* endpoints ask for the same charts: compute each once per build.
const cache = new Map<string, Promise<BuiltFigure>>();

/** Renders a figure at its default controls with a server-side document (memoised per build). */
export function renderAtBuild(name: string): Promise<BuiltFigure> {
  let hit = cache.get(name);
  if (!hit) {
    hit = (async () => {
      const mod = figureModule(name);
      const { document } = parseHTML('<!doctype html><html><body></body></html>');
      const doc = document as unknown as Document;
      const out = await mod.render(defaults(mod.controls), doc, { state: {}, live: false });
      const node = accessible(out.node, out.alt);
      return { out, html: node.outerHTML, csv: toCsv(out.rows), svg: toSvg(node, doc) };
    })();
    cache.set(name, hit);
  }
  return hit;
}
