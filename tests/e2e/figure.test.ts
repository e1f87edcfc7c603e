import { describe, expect, test } from 'vitest';
import { nextRender, open } from '../support/open.ts';
import { useSite } from '../support/site.ts';

// The live side of the figure contract: presses queue in order, a figure without controls offers no Reset.
const site = useSite('dist', '/');

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
