import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { figureNames, loadFigure } from '../../src/figure/registry.ts';
import { nextRender, open } from '../support/open.ts';
import { pages } from '../support/pages.ts';
import { useSite } from '../support/site.ts';

// The live side of the figure contract: presses queue in order, a figure without controls offers no Reset.
const site = useSite('dist', '/');

// Which figures compute in a worker, from the registry: a new heavy figure is covered without a list to edit.
const workerFigures = (await Promise.all(figureNames().map(async (n) => [n, (await loadFigure(n)).worker] as const))).filter(([, w]) => w).map(([n]) => n);
const pageOf = (name: string) => pages('dist').find((p) => p.endsWith('/') && readFileSync(`dist/${p}index.html`, 'utf8').includes(`data-name="${name}"`));

describe('heavy figures compute off the main thread', { timeout: 300_000 }, () => {
  test.each(workerFigures)('%s posts its compute to a worker when a control moves', async (name) => {
    const path = pageOf(name);
    expect(path, `a page showing ${name}`).toBeDefined();
    const context = await site.browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __posted: string[] };
      w.__posted = [];
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: never[]) {
        const job = (message as { job?: { name?: string } })?.job;
        if (job?.name) w.__posted.push(job.name);
        return post.call(this, message, ...rest);
      } as typeof post;
    });
    await page.goto(site.root + path);
    const fig = page.locator(`bs-figure[data-name="${name}"]`).first();
    await fig.scrollIntoViewIfNeeded();
    const done = await nextRender(fig);
    await fig.evaluate((el) => (el as unknown as { schedule(): void }).schedule());
    await done();
    expect(await page.evaluate(() => (window as unknown as { __posted: string[] }).__posted)).toContain(name);
    await context.close();
  });
});

describe('watching it train', { timeout: 120_000 }, () => {
  test('Play walks the steps to the end and stops; Step moves one stride and pauses', async () => {
    const { page, problems, close } = await open(site.browser, `${site.root}prelude/`);
    const fig = page.locator('bs-figure[data-name="two-units"]');
    const counter = fig.locator('[data-counter]');
    expect(await counter.textContent()).toBe('step 60 of 60');
    await fig.locator('[data-step]').click();
    await expect.poll(() => counter.textContent()).toBe('step 0 of 60');
    await fig.locator('[data-play]').click();
    await expect.poll(() => fig.locator('[data-play]').textContent()).toBe('Pause');
    const seen = new Set<string>();
    await expect.poll(async () => (seen.add((await counter.textContent())!), counter.textContent()), { timeout: 10_000 }).toBe('step 60 of 60');
    expect(seen.size).toBeGreaterThan(2);
    expect(await fig.locator('[data-play]').textContent()).toBe('Play');
    expect(problems).toEqual([]);
    await close();
  });

  test('with reduced motion, Play shows the final state at once', async () => {
    const { page, close } = await open(site.browser, `${site.root}prelude/`, { reducedMotion: 'reduce' });
    const fig = page.locator('bs-figure[data-name="two-units"]');
    await fig.locator('[data-step]').click();
    await expect.poll(() => fig.locator('[data-counter]').textContent()).toBe('step 0 of 60');
    const counts: string[] = await fig.evaluate(async (el) => {
      const seen: string[] = [];
      const c = el.querySelector('[data-counter]')!;
      new MutationObserver(() => seen.push(c.textContent!)).observe(c, { childList: true, characterData: true, subtree: true });
      el.querySelector<HTMLButtonElement>('[data-play]')!.click();
      await new Promise((r) => setTimeout(r, 500));
      return seen;
    });
    expect(counts).toEqual(['step 60 of 60']);
    await close();
  });
});

describe('live figures', { timeout: 120_000 }, () => {
  test('ten Step presses in one task, before the code has loaded, make ten steps', async () => {
    const { page, problems, close } = await open(site.browser, `${site.root}w11-and-w12/`);
    const fig = page.locator('bs-figure[data-name="tanh-inspector"]');
    await fig.scrollIntoViewIfNeeded();
    const done = await nextRender(fig);
    await fig.evaluate((el) => {
      const step = el.querySelector<HTMLButtonElement>('button[data-action="step"]')!;
      for (let i = 0; i < 10; i++) step.click();
    });
    await done();
    const alt = await page.locator(`#${await fig.locator('.chart').getAttribute('aria-describedby')}`).textContent();
    expect(alt).toMatch(/^Gradient inspector after 10 SGD steps/);
    expect(problems).toEqual([]);
    await close();
  });

  test('a figure without controls has no form and no Reset; one with controls has both', async () => {
    const { page, close } = await open(site.browser, `${site.root}escaping-the-symmetric-subspace/`);
    expect(await page.locator('bs-figure[data-name="escape-claims"] form').count()).toBe(0);
    expect(await page.locator('bs-figure[data-name="escape-plateau"] button[data-reset]').count()).toBe(1);
    await close();
  });

  test('a worker figure keeps its worker between finished runs, so its memo serves the next input', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __created: number };
      w.__created = 0;
      const Base = window.Worker;
      window.Worker = class extends Base {
        constructor(url: string | URL, opts?: WorkerOptions) {
          super(url, opts);
          w.__created++;
        }
      } as typeof Worker;
    });
    await page.goto(`${site.root}escaping-the-symmetric-subspace/`);
    const fig = page.locator('bs-figure[data-name="escape-plateau"]');
    await fig.scrollIntoViewIfNeeded();
    const seeds = fig.locator('input[name="seeds"]');
    const created = () => page.evaluate(() => (window as unknown as { __created: number }).__created);
    for (let i = 0; i < 2; i++) {
      const done = await nextRender(fig);
      await seeds.focus();
      await page.keyboard.press('ArrowLeft');
      await done();
    }
    expect(await created()).toBe(1);
    await context.close();
  });
});
