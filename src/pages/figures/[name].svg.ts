import type { APIRoute } from 'astro';
import { parseHTML } from 'linkedom';
import { renderAtBuild } from '../../figure/build.ts';
import { defaults } from '../../figure/define.ts';
import { provenance, toSvg } from '../../figure/export.ts';
import { figureNames } from '../../figure/registry.ts';

/** One standalone SVG per figure: its chart at the default controls, linked under the figure, naming them in <desc>. */
export function getStaticPaths() {
  return figureNames().map((name) => ({ params: { name } }));
}

export const GET: APIRoute = async ({ params }) => {
  const name = String(params.name);
  const { fig, html } = await renderAtBuild(name);
  // The chart the page shows, read back from its markup, so the file is the drawing the reader saw.
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const svg = toSvg(document.body.firstElementChild as unknown as Element, document as unknown as Document, provenance(name, defaults(fig.controls)));
  return new Response(svg, { headers: { 'content-type': 'image/svg+xml' } });
};
