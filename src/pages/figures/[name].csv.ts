import type { APIRoute } from 'astro';
import { renderAtBuild } from '../../figure/build.ts';
import { figureNames } from '../../figure/registry.ts';

/** One CSV per figure: its data at the default controls, linked under the figure. */
export function getStaticPaths() {
  return figureNames().map((name) => ({ params: { name } }));
}

export const GET: APIRoute = async ({ params }) =>
  new Response((await renderAtBuild(String(params.name))).csv, { headers: { 'content-type': 'text/csv; charset=utf-8' } });
