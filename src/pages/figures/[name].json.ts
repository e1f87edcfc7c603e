import type { APIRoute } from 'astro';
import { renderAtBuild } from '../../figure/build.ts';
import { figureNames, loadFigure } from '../../figure/registry.ts';

/** What a figure's prepare computed at build time, fetched by the live figure instead of recomputing it. */
export async function getStaticPaths() {
  const figs = await Promise.all(figureNames().map(async (name) => ({ name, fig: await loadFigure(name) })));
  return figs.filter((f) => f.fig.prepare).map(({ name }) => ({ params: { name } }));
}

export const GET: APIRoute = async ({ params }) =>
  new Response((await renderAtBuild(String(params.name))).inputs, { headers: { 'content-type': 'application/json' } });
