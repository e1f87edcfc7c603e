import type { APIRoute } from 'astro';
import { renderAtBuild } from '../../figure/build.ts';
import { defaults } from '../../figure/define.ts';
import { csvFile, provenance } from '../../figure/export.ts';
import { figureNames } from '../../figure/registry.ts';

/** One CSV per figure: its data at the default controls, linked under the figure, its first line naming them. */
export function getStaticPaths() {
  return figureNames().map((name) => ({ params: { name } }));
}

export const GET: APIRoute = async ({ params }) => {
  const name = String(params.name);
  const { fig, data } = await renderAtBuild(name);
  return new Response(csvFile(data.rows, provenance(name, defaults(fig.controls))), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
};
