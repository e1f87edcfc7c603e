// node tests/support/chart-report.ts [page-path] [figure-id]: prints what chart-check finds on the built
// site (dist/, or $DIST) at 390 and 1280 px in both themes, at the build's charts and after a live render.
import { launch } from './browser.ts';
import { pages } from './pages.ts';
import { serve } from './serve.ts';
import { chartProblems } from './chart-check.ts';

const [only, figureId] = process.argv.slice(2);
const dist = process.env.DIST || 'dist';
const { url, server } = await serve(dist, '/');
const browser = await launch();
for (const path of pages(dist).filter((p) => !only || p.includes(only))) {
  for (const width of [390, 1280]) {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(url + path, { waitUntil: 'load' });
      const sel = figureId ? `bs-figure[data-id="${figureId}"]` : 'bs-figure';
      for (const p of await chartProblems(page, sel)) console.log(`${path} ${width} ${scheme} build  ${p.figure} ${p.kind}: ${p.detail}`);
      for (const fig of await page.locator(sel).all()) {
        const id = await fig.getAttribute('data-id');
        const rendered = fig.evaluate((el) => new Promise((done) => el.addEventListener('rendered', done, { once: true })));
        await fig.evaluate((el) => (el as unknown as { schedule(): void }).schedule());
        await Promise.race([rendered, new Promise((r) => setTimeout(r, 15000))]);
        for (const p of await chartProblems(page, `bs-figure[data-id="${id}"]`)) console.log(`${path} ${width} ${scheme} live   ${p.figure} ${p.kind}: ${p.detail}`);
      }
      await context.close();
    }
  }
}
await browser.close();
server.close();
