import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { describe, expect, test } from 'vitest';
import { nextRender, open } from '../support/open.ts';
import { pages } from '../support/pages.ts';
import { useSite } from '../support/site.ts';

const site = useSite('dist-sub', '/sub/');

const chapter = () => `${site.root}prelude/`;
const chart = '#two-units .chart';

describe('search', () => {
  test('finds chapters by their words, under a sub-path, with no server', async () => {
    const { page, problems, close } = await open(site.browser, `${site.root}search/?q=gradient`);
    await page.locator('#results li a').first().waitFor();
    const hrefs = await page.locator('#results li a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^\/sub\/[\w-]+\/(#[\w%-]+)?$/);
    expect(await page.locator('#search-status').textContent()).toMatch(/match “gradient”/);
    const excerpt = await page.locator('#results li p').first().textContent();
    expect(excerpt, 'excerpts hold no TeX source').not.toMatch(/\\[a-z]+/);
    await page.fill('#q', 'perceptron');
    await expect.poll(() => page.locator('#results li a').first().getAttribute('href')).toMatch(/^\/sub\/only-the-scale\//);
    expect(page.url()).toContain('q=perceptron');
    expect(problems).toEqual([]);
    await close();
  });

  test('a word no chapter holds finds nothing, though chapters hold words that start with its letters', async () => {
    const { page, close } = await open(site.browser, `${site.root}search/?q=xyzzy`);
    // Pagefind alone answers "xyzzy" with every chapter holding a one-letter x.
    await expect.poll(() => page.locator('#search-status').textContent()).toBe('No matches for “xyzzy”.');
    expect(await page.locator('#results li').count()).toBe(0);
    await page.fill('#q', 'gradient xyzzy');
    await expect.poll(() => page.locator('#search-status').textContent()).toBe('No matches for “gradient xyzzy”.');
    await page.fill('#q', 'perceptron');
    await expect.poll(() => page.locator('#search-status').textContent()).toMatch(/^\d+ chapters? match(es)? “perceptron”\.$/);
    await close();
  });

  test('a result leads to the section that matched, named, and its excerpt reads formulas as maths', async () => {
    const { page, problems, close } = await open(site.browser, `${site.root}search/?q=perceptron`);
    const first = page.locator('#results > li').first();
    await first.locator('a').first().waitFor();
    expect(await first.locator('a').first().getAttribute('href')).toBe('/sub/only-the-scale/#the-perceptron');
    expect(await first.locator('a').first().textContent()).toMatch(/^Only the scale › The perceptron$/);
    // KaTeX's glyphs flattened read "x=(x1,x2)"; the index holds the formula as typed.
    expect(await first.locator('p').first().textContent()).toContain('x = (x₁, x₂)');
    await first.locator('a').first().click();
    await page.waitForURL(/\/sub\/only-the-scale\/#the-perceptron$/);
    expect(await page.evaluate(() => document.getElementById('the-perceptron')!.getBoundingClientRect().top)).toBeLessThan(200);
    await page.goto(`${site.root}search/?q=%CF%83(0)`);
    await expect.poll(() => page.locator('#results').textContent()).toContain('σ(0) = 1/2');
    expect(await page.locator('#results').textContent()).not.toContain('σ(0)=21');
    expect(problems).toEqual([]);
    await close();
  });

  test('a chapter\'s text outranks its credits', async () => {
    const { page, close } = await open(site.browser, `${site.root}search/?q=symmetry`);
    await page.locator('#results li a').first().waitFor();
    // Every chapter says "symmetry" in its text: none may be listed by a credits line.
    const links = await page.locator('#results > li > a').allTextContents();
    expect(links.length).toBeGreaterThan(2);
    for (const link of links) expect(link).not.toMatch(/› Credits$/);
    expect(await page.locator('#results > li > p').first().textContent()).not.toMatch(/ICML|arXiv|\(\d{4}\)/);
    await close();
  });

  test('the header search box leads to the search page without any script', async () => {
    const { page, close } = await open(site.browser, chapter(), { javaScriptEnabled: false });
    await page.fill('#site-q', 'symmetry');
    await page.press('#site-q', 'Enter');
    await page.waitForURL(/\/sub\/search\/\?q=symmetry/);
    await close();
  });
});

describe('dark mode', () => {
  test('follows the system, toggles, persists, and passes axe both ways', async () => {
    const { page, problems, close } = await open(site.browser, chapter(), { colorScheme: 'dark' });
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const dark = await bg();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    await page.click('#theme-toggle');
    expect(await page.getAttribute('html', 'data-theme')).toBe('light');
    const light = await bg();
    expect(light).not.toBe(dark);
    await page.reload();
    expect(await page.getAttribute('html', 'data-theme')).toBe('light');
    expect(await bg()).toBe(light);
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    expect(problems).toEqual([]);
    await close();
  });
});

describe('shareable state', () => {
  test('moving a control writes the URL; opening that URL restores the same chart', async () => {
    const first = await open(site.browser, chapter());
    const slider = first.page.locator('#fig-two-units-delta');
    await slider.focus();
    for (let i = 0; i < 5; i++) {
      const rendered = await nextRender(first.page.locator('bs-figure').first());
      await first.page.keyboard.press('ArrowRight');
      await rendered();
    }
    // The address is written once the reader pauses, not on every input.
    await expect.poll(() => first.page.url()).toContain('two-units.delta=0.05');
    const url = first.page.url();
    const svg = await first.page.locator(chart).innerHTML();
    await first.close();

    const second = await open(site.browser, url);
    await expect.poll(() => second.page.locator(chart).innerHTML()).toBe(svg);
    expect(await second.page.inputValue('#fig-two-units-delta')).toBe('0.05');
    expect(second.problems).toEqual([]);
    await second.close();
  });

  test('a hostile value is ignored with a visible note, never inserted as HTML', async () => {
    const { page, problems, close } = await open(site.browser, `${chapter()}?two-units.delta=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&two-units.rate=99`);
    const note = page.locator('#two-units .note');
    await expect.poll(() => note.textContent()).toMatch(/Ignored from the address: .*is not a number.*outside/);
    expect(await page.locator('#two-units img').count()).toBe(0);
    expect(await page.inputValue('#fig-two-units-delta')).toBe('0');
    expect(problems).toEqual([]);
    await close();
  });

  test('reset restores the defaults and the build-time chart', async () => {
    const { page, close } = await open(site.browser, `${chapter()}?two-units.delta=0.2`);
    const original = await page.evaluate(async (u) => (await (await fetch(u)).text()), chapter());
    // The build draws for wide screens and phones; this window is wide, and live draws at its width.
    const built = original.match(/<div class="chart-wide">([\s\S]*?)<div class="chart-narrow">/)![1];
    await expect.poll(() => page.inputValue('#fig-two-units-delta')).toBe('0.2');
    await page.click('#two-units [data-reset]');
    await expect.poll(() => page.inputValue('#fig-two-units-delta')).toBe('0');
    await expect.poll(() => page.url()).not.toContain('two-units.delta');
    const live = await page.locator(chart).innerHTML();
    expect(live.replace(/\s+/g, ' ').length).toBeGreaterThan(0);
    // Serialisers order attributes differently: compare the drawn paths themselves.
    const paths = (html: string) => [...html.matchAll(/\sd="([^"]+)"/g)].map((m) => m[1]);
    expect(paths(live).length).toBeGreaterThan(2);
    expect(paths(live)).toEqual(paths(built));
    await close();
  });
});

describe('take it away and show the code', () => {
  test('CSV and SVG links work without JavaScript and follow the live chart with it', async () => {
    const off = await open(site.browser, chapter(), { javaScriptEnabled: false });
    const csvHref = await off.page.getAttribute('#two-units a[data-export="csv"]', 'href');
    expect(csvHref).toBe('/sub/figures/two-units.csv');
    expect(await off.page.getAttribute('#two-units a[data-export="csv"]', 'download')).toBe('two-units.csv');
    const get = async (href: string) => (await fetch(new URL(href, site.root))).text();
    const csv = await get(csvHref!);
    // The file says which values made it: a comment line, then the header.
    expect(csv.split('\n').slice(0, 2)).toEqual(['# two-units: delta=0, rate=0.05', 'step,loss,w1,w2,v1,v2']);
    const svgHref = await off.page.getAttribute('#two-units a[data-export="svg"]', 'href');
    const svg = await get(svgHref!);
    expect(svg).toMatch(/^<\?xml[\s\S]*<svg/);
    expect(svg).toContain('<desc>two-units: delta=0, rate=0.05</desc>');
    await off.close();

    const on = await open(site.browser, `${chapter()}?two-units.delta=0.3`);
    await expect.poll(() => on.page.getAttribute('#two-units a[data-export="csv"]', 'href')).toMatch(/^blob:/);
    const [download] = await Promise.all([on.page.waitForEvent('download'), on.page.click('#two-units a[data-export="csv"]')]);
    expect(download.suggestedFilename()).toBe('two-units_delta-0.3.csv');
    const live = readFileSync(await download.path(), 'utf8').split('\n');
    expect(live[0]).toBe('# two-units: delta=0.3, rate=0.05');
    expect(live[2]).toMatch(/^0,[\d.]+,0\.3,0\.6,0\.5,0\.8$/);

    // Moving a control renames both files and rewrites what they say.
    const figure = on.page.locator('bs-figure').first();
    const rendered = await nextRender(figure);
    await on.page.locator('#fig-two-units-rate').focus();
    await on.page.keyboard.press('ArrowRight');
    await rendered();
    // Reaching for a link (here by Tab focus) makes the files at once; idle time would too, but later under load.
    await on.page.focus('#two-units a[data-export="csv"]');
    expect(await on.page.getAttribute('#two-units a[data-export="csv"]', 'download')).toBe('two-units_delta-0.3_rate-0.06.csv');
    const [svgDownload] = await Promise.all([on.page.waitForEvent('download'), on.page.click('#two-units a[data-export="svg"]')]);
    expect(svgDownload.suggestedFilename()).toBe('two-units_delta-0.3_rate-0.06.svg');
    expect(readFileSync(await svgDownload.path(), 'utf8')).toContain('<desc>two-units: delta=0.3, rate=0.06</desc>');
    expect(on.problems).toEqual([]);
    await on.close();
  });

  test('show-the-code reveals the src/lib function that ran', async () => {
    const { page, close } = await open(site.browser, chapter());
    await page.click('#two-units details.code summary');
    const code = await page.locator('#two-units details.code pre').first().innerText();
    expect(code).toContain('export function twoUnitsGrad');
    expect(code).toContain('const dF = 2 * r;');
    await close();
  });
});

describe('motion, layout and print', () => {
  test('a 360 px phone never scrolls the page sideways and reaches every control', async () => {
    for (const path of pages('dist-sub')) {
      const { page, close } = await open(site.browser, site.root + path, { viewport: { width: 360, height: 740 }, reducedMotion: 'reduce' });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(360);
      for (const control of await page.locator('bs-figure input, bs-figure select, bs-figure button').all()) {
        // A hidden Retry button is not a control the reader can reach until a load fails.
        if (!(await control.isVisible())) continue;
        const box = await control.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= 360, `${path}: a control sticks out`).toBe(true);
      }
      expect(await page.evaluate(() => document.getAnimations().length)).toBe(0);
      await close();
    }
  });

  test('print shows the chapter with its figures and without controls', async () => {
    const { page, close } = await open(site.browser, chapter());
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#two-units .chart svg').first().isVisible()).toBe(true);
    expect(await page.locator('#two-units .controls').isVisible()).toBe(false);
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    await close();
  });
});
