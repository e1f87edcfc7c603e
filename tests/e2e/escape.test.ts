import { describe, expect, test } from 'vitest';
import { nextRender } from '../support/open.ts';
import { useSite } from '../support/site.ts';

// The escape chapter's sweeps run in a module Web Worker: it must stream progress and be cancelled by newer input.
const site = useSite('dist', '/');

describe('escape chapter: the worker', { timeout: 120_000 }, () => {
  test('a sweep streams progress; newer input terminates it; the last input wins; the CSVs are served', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    // Count workers created and terminated, and every note the figure shows.
    await page.addInitScript(() => {
      const w = window as unknown as { __w: { created: number; terminated: number } };
      w.__w = { created: 0, terminated: 0 };
      const Base = window.Worker;
      window.Worker = class extends Base {
        constructor(url: string | URL, opts?: WorkerOptions) { super(url, opts); w.__w.created++; }
        terminate() { w.__w.terminated++; super.terminate(); }
      } as typeof Worker;
    });
    await page.goto(`${site.root}escaping-the-symmetric-subspace/`, { waitUntil: 'load' });
    const fig = page.locator('bs-figure[data-name="escape-plateau"]');
    await fig.scrollIntoViewIfNeeded();
    await fig.evaluate((el) => {
      const notes: string[] = [];
      (window as unknown as { __notes: string[] }).__notes = notes;
      new MutationObserver(() => notes.push(el.querySelector('.note')!.textContent ?? '')).observe(el.querySelector('.note')!, { childList: true, characterData: true, subtree: true });
    });
    // First input: a sweep the build did not prepare (erf, η = 0.75) runs in the worker; once it reports
    // progress, a newer input (tanh) supersedes it.
    const eta = fig.locator('input[name="eta"]');
    await eta.focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => (window as unknown as { __notes: string[] }).__notes.some((n) => /Running the sweep… \d+%/.test(n)));
    const done = (await nextRender(fig))();
    await fig.locator('select[name="act"]').selectOption('tanh');
    await done;
    const counts = await page.evaluate(() => (window as unknown as { __w: { created: number; terminated: number } }).__w);
    expect(counts.created).toBeGreaterThanOrEqual(2); // the superseded worker was replaced
    expect(counts.terminated).toBeGreaterThanOrEqual(1); // … after being terminated mid-sweep
    const alt = await fig.locator('.chart svg').first().getAttribute('aria-label');
    expect(alt).toBeTruthy();
    const text = await page.locator(`#${await fig.locator('.chart').getAttribute('aria-describedby')}`).textContent();
    expect(text).toMatch(/^tanh, η = 0\.75, s = 0\.5, 6 seeds/);
    expect(text).not.toMatch(/NaN/);
    for (const csv of ['data/plateau.csv', 'data/regime.csv']) {
      const r = await page.request.get(site.root + csv);
      expect(r.status()).toBe(200);
      expect((await r.text()).split('\n')[0]).toMatch(/^(activation,eta,init_scale,eps,seed,escape_alpha,max_alpha|optimizer,activation)/);
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('escape chapter: the regime map', () => {
  test('clicking a cell loads it into the trajectory panel', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.root}escaping-the-symmetric-subspace/`);
    const fig = page.locator('bs-figure[data-name="escape-regime"]');
    await fig.scrollIntoViewIfNeeded();
    const first = await nextRender(fig);
    await fig.locator('select[name="act"]').selectOption('relu');
    await first();
    // The sigmoid row, the zero column: the map's 3rd row, 1st column, in data order (activation-major).
    const second = await nextRender(fig);
    // A real click at the cell's centre: the figure maps the pointer through the chart's scales.
    const box = (await fig.locator('.chart svg').first().locator('rect').nth(2 * 17).boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await second();
    expect(await fig.locator('select[name="act"]').inputValue()).toBe('sigmoid');
    expect(await fig.locator('select[name="scale"]').inputValue()).toBe('zero');
    expect(await fig.locator('.chart').textContent()).toMatch(/Chosen: sigmoid, all-zero start/);
    await context.close();
  });
});
