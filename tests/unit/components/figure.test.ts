import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { expect, test } from 'vitest';
import Aside from '../../../components/Aside.astro';
import Figure from '../../../components/Figure.astro';

// The container renders in dev mode, which tags elements with their source location.
const clean = (html: string) => html.replace(/ data-astro-source-(file|loc)="[^"]*"/g, '');

test('<Figure> renders labelled controls and the build-time chart as an accessible image', async () => {
  const container = await AstroContainer.create();
  const html = clean(await container.renderToString(Figure, { props: { name: 'two-units', caption: 'Two units.' } }));
  const ids = [...html.matchAll(/<input[^>]* id="([^"]+)"/g)].map((m) => m[1]);
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) expect(html).toContain(`for="${id}"`);
  const svg = html.match(/<svg[^>]*>/)?.[0] ?? '';
  expect(svg).toContain('role="img"');
  expect(svg).toMatch(/aria-label="[^"]{20,}"/);
  expect(html).not.toMatch(/<g[^>]*aria-label/);
  expect(html).toContain('<figcaption>Two units.');
  expect(html).toMatch(/<bs-figure data-name="two-units"/);
});

test('<Figure> with an unknown name throws naming the missing module', async () => {
  const container = await AstroContainer.create();
  await expect(container.renderToString(Figure, { props: { name: 'nope', caption: 'x' } })).rejects.toThrow(/no figure "nope": there is no src\/chapters\/<chapter>\/figures\/nope\.ts/);
});

test('<Aside type="correction"> is a labelled aside', async () => {
  const container = await AstroContainer.create();
  const html = clean(await container.renderToString(Aside, { props: { type: 'correction', title: 'ESL is loose here' }, slots: { default: 'Text.' } }));
  expect(html).toMatch(/<aside class="aside aside-correction" aria-label="ESL is loose here">/);
  expect(html).toContain('Text.');
});

test('<Value> prints a number from the figure\'s computed data; a bad path fails naming figure and path', async () => {
  const { default: Value } = await import('../../../components/Value.astro');
  const container = await AstroContainer.create();
  expect(clean(await container.renderToString(Value, { props: { of: 'two-units', at: 'gap' } }))).toMatch(/<span class="value" data-of="two-units" data-at="gap">0<\/span>/);
  await expect(container.renderToString(Value, { props: { of: 'two-units', at: 'nope.x' } })).rejects.toThrow('figure "two-units": "nope.x" is not a finite number');
});
