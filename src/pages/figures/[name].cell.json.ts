import type { APIRoute } from 'astro';
import { renderAtBuild } from '../../figure/build.ts';
import { shapeOf } from '../../figure/cell/check.ts';
import { cellSource, paramsType } from '../../figure/cell/extract.ts';
import { controlList } from '../../figure/define.ts';
import { figureSource } from '../../figure/excerpts.ts';
import { figureNames, figurePath, loadFigure } from '../../figure/registry.ts';

// An edited cell may run this long in the sandbox unless its figure declares more.
const LIMIT_MS = 2000;

/** One cell per figure: its compute as the reader edits it, the file it came from, its time limit and the shape draw reads. */
export function getStaticPaths() {
  return figureNames().map((name) => ({ params: { name } }));
}

export const GET: APIRoute = async ({ params }) => {
  const name = String(params.name);
  const fig = await loadFigure(name);
  const path = figurePath(name)!;
  const source = cellSource(figureSource(path), path, paramsType(controlList(fig.controls)));
  const shape = shapeOf((await renderAtBuild(name)).data);
  return new Response(JSON.stringify({ path, source, limit: fig.cell?.limit ?? LIMIT_MS, shape }), { headers: { 'content-type': 'application/json' } });
};
