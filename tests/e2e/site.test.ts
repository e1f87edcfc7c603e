import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch } from '../support/browser.ts';
import { nextRender, open as openPage } from '../support/open.ts';
import { pages } from '../support/pages.ts';
import { serve } from '../support/serve.ts';

// npm test builds both before Vitest starts: the site at the root, and again under /sub/.
const builds = [
  { dist: 'dist', base: '/' },
  { dist: 'dist-sub', base: '/sub/' },
];

let browser: Browser | undefined;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  if (browser) await browser.close();
});

const open = (url: string, javaScriptEnabled = true) => openPage(browser!, url, { javaScriptEnabled });

/** Scrolls every figure into view so islands load, and waits until the network is idle. */
async function settle(page: Page) {
  for (const fig of await page.locator('bs-figure').all()) await fig.scrollIntoViewIfNeeded();
  await page.waitForLoadState('networkidle');
}

for (const { dist, base } of builds) {
  describe(`built site served at ${base}`, () => {
    let server: Server | undefined;
    let root = '';
    beforeAll(async () => {
      if (!existsSync(dist)) throw new Error(`${dist}/ is missing: run npm test (it builds first)`);
      const s = await serve(dist, base);
      server = s.server;
      root = s.url;
    });
    afterAll(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

    for (const path of pages(dist)) {
      test(`${path || 'home'}: loads clean, axe finds nothing`, async () => {
        const { page, problems, close } = await open(root + path);
        await settle(page);
        const axe = await new AxeBuilder({ page }).analyze();
        expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
        const links = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
        for (const href of links.filter((h) => h.startsWith(new URL(root).origin))) {
          expect(new URL(href).pathname.startsWith(base), `${href} escapes ${base}`).toBe(true);
        }
        expect(problems).toEqual([]);
        await close();
      });
    }

    test('every chart is there with JavaScript off', async () => {
      for (const path of pages(dist)) {
        const { page, close } = await open(root + path, false);
        const figures = await page.locator('bs-figure').count();
        const charts = await page.locator('bs-figure .chart svg[role="img"][aria-label]').count();
        expect(charts).toBeGreaterThanOrEqual(figures);
        await close();
      }
    });

    for (const path of pages(dist)) {
      // One test per page: a chapter has up to a dozen controls per figure and each re-trains. Play and
      // Step only redraw the run already computed (tests/e2e/figure.test.ts covers them).
      test(`${path || 'home'}: moving any control changes its chart`, async () => {
        const { page, problems, close } = await open(root + path);
        for (const figure of await page.locator('bs-figure').all()) {
          await figure.scrollIntoViewIfNeeded();
          for (const input of await figure.locator('form input[type="range"], form input[type="checkbox"], form select, form button:not([data-reset]):not([data-play]):not([data-step])').all()) {
            const before = await figure.locator('.chart').innerHTML();
            const rendered = await nextRender(figure);
            await input.focus();
            const kind = await input.evaluate((el) => (el as HTMLInputElement).type || el.tagName);
            const atMax = await input.evaluate((el) => (el as HTMLInputElement).value === (el as HTMLInputElement).max);
            if (kind === 'range') await page.keyboard.press(atMax ? 'ArrowLeft' : 'ArrowRight');
            else if (kind === 'checkbox' || kind === 'button' || kind === 'BUTTON') await page.keyboard.press('Space');
            else await input.selectOption({ index: (await input.evaluate((el) => (el as HTMLSelectElement).selectedIndex)) === 0 ? 1 : 0 });
            await rendered();
            const label = await input.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent);
            expect(await figure.locator('.chart').innerHTML(), `${path}: ${label}`).not.toBe(before);
          }
        }
        expect(problems).toEqual([]);
        await close();
      }, 180_000);
    }
  });
}

test('no build-time chart holds NaN or Infinity', () => {
  for (const { dist } of builds) {
    for (const path of pages(dist)) {
      const html = readFileSync(`${dist}/${path.endsWith('.html') ? path : `${path}index.html`}`, 'utf8');
      for (const svg of html.match(/<svg[\s\S]*?<\/svg>/g) ?? []) expect(svg, `${dist}/${path}`).not.toMatch(/NaN|Infinity/);
    }
  }
});
