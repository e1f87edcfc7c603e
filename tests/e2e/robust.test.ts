import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { nextRender, open } from '../support/open.ts';
import { useSite } from '../support/site.ts';

// A live figure survives a bad network and a hostile or hurried reader.
const site = useSite('dist', '/');
const RUNTIME = '**/_astro/runtime.*.js';

/** Moves a slider one step with the keyboard, as a reader would. */
async function nudge(page: Page, fig: Locator, name: string, key = 'ArrowRight') {
  await fig.locator(`input[name="${name}"]`).focus();
  await page.keyboard.press(key);
}
const note = (fig: Locator) => fig.locator('.note').textContent();
const altOf = async (page: Page, fig: Locator) => page.locator(`#${await fig.locator('.chart').getAttribute('aria-describedby')}`).textContent();

describe('a bad network', { timeout: 120_000 }, () => {
  test('a failed load names the failure and offers Retry; every figure recovers once the network is back', async () => {
    const { page, close } = await open(site.browser, `${site.root}identical-twins/`);
    await page.route(RUNTIME, (route) => route.abort());
    const lost = page.locator('bs-figure[data-name="twins-lost"]');
    const gap = page.locator('bs-figure[data-name="twins-gap"]');
    for (const [fig, control] of [[lost, 'lr'], [gap, 'lr']] as const) {
      await fig.scrollIntoViewIfNeeded();
      await nudge(page, fig, control);
      await expect.poll(() => note(fig)).toMatch(/could not load its code \(.+\)\. Check the connection, then retry\./);
      expect(await fig.locator('[data-retry]').isVisible()).toBe(true);
    }
    await page.unroute(RUNTIME);
    // The first figure recovers on the next input, the second through its Retry button.
    let done = await nextRender(lost);
    await nudge(page, lost, 'lr');
    await done();
    expect(await note(lost)).toBe('');
    expect(await lost.locator('[data-retry]').isHidden()).toBe(true);
    done = await nextRender(gap);
    // Dispatched rather than clicked: the page's off-screen blocks (content-visibility) keep moving while the first figure re-renders.
    await gap.locator('[data-retry]').dispatchEvent('click');
    await done();
    expect(await note(gap)).toBe('');
    await close();
  });

  test('while the code is held back the figure says it is loading (aria-busy), then draws the values the reader chose', async () => {
    const { page, close } = await open(site.browser, `${site.root}prelude/`);
    let release = () => undefined as void;
    const held = new Promise<void>((r) => (release = r));
    await page.route(RUNTIME, async (route) => {
      await held;
      await route.continue();
    });
    const fig = page.locator('bs-figure[data-name="two-units"]');
    const done = await nextRender(fig);
    await nudge(page, fig, 'delta');
    await nudge(page, fig, 'delta');
    await expect.poll(() => fig.getAttribute('aria-busy')).toBe('true');
    expect(await note(fig)).toMatch(/Loading/);
    release();
    await done();
    expect(await fig.getAttribute('aria-busy')).toBeNull();
    expect(await note(fig)).toBe('');
    expect(await fig.locator('output').first().textContent()).toBe('0.02');
    expect(await altOf(page, fig)).toMatch(/from starts 0\.02 apart/);
    await close();
  });
  test('a figure worker that fails to start says so, offers Retry, and starts afresh when retried', async () => {
    const { page, close } = await open(site.browser, `${site.root}escaping-the-symmetric-subspace/`);
    await page.route('**/_astro/compute.worker*.js', (route) => route.abort());
    const fig = page.locator('bs-figure[data-name="escape-plateau"]');
    await fig.scrollIntoViewIfNeeded();
    await nudge(page, fig, 'seeds', 'ArrowLeft');
    await expect.poll(() => note(fig), { timeout: 30_000 }).toMatch(/could not be updated: .+\. Retry, or move a control\./);
    expect(await fig.locator('[data-retry]').isVisible()).toBe(true);
    await page.unroute('**/_astro/compute.worker*.js');
    const done = await nextRender(fig);
    await fig.locator('[data-retry]').dispatchEvent('click');
    await done();
    expect(await note(fig)).toBe('');
    await close();
  });
});

describe('the reader\'s input is never lost, misread or hidden', { timeout: 120_000 }, () => {
  test('an ε outside the slider is named and rejected, never read as 0', async () => {
    for (const bad of ['-0.00000000005', '1e-14', '1e-320']) {
      const { page, close } = await open(site.browser, `${site.root}identical-twins/?twins-gap.eps=${bad}`);
      const fig = page.locator('bs-figure[data-name="twins-gap"]');
      await expect.poll(() => note(fig)).toMatch(/Ignored from the address: Asymmetry ε.*outside/);
      expect(await fig.locator('input[name="eps"]').inputValue(), bad).toBe('-8');
      await close();
    }
  });

  test('a rejected value stays named when another is accepted; encoded keys count; the note stays short', async () => {
    let { page, close } = await open(site.browser, `${site.root}prelude/?two-units.rate=NaN&two-units.delta=0.5`);
    let fig = page.locator('bs-figure[data-name="two-units"]');
    await expect.poll(() => altOf(page, fig)).toMatch(/from starts 0\.5 apart/);
    expect(await note(fig)).toMatch(/Ignored from the address: Learning rate: "NaN" is not a number/);
    await close();
    ({ page, close } = await open(site.browser, `${site.root}prelude/?two-units%2Edelta=0.5`));
    fig = page.locator('bs-figure[data-name="two-units"]');
    await expect.poll(() => altOf(page, fig)).toMatch(/from starts 0\.5 apart/);
    await close();
    const junk = Array.from({ length: 500 }, (_, i) => `two-units.k${i}=1`).join('&');
    ({ page, close } = await open(site.browser, `${site.root}prelude/?${junk}`));
    fig = page.locator('bs-figure[data-name="two-units"]');
    await expect.poll(() => note(fig)).toMatch(/and 497 more/);
    expect((await note(fig))!.length).toBeLessThan(300);
    await close();
  });

  test('Add, Add, Remove in one task nets one point', async () => {
    const { page, close } = await open(site.browser, `${site.root}only-the-scale/`);
    const fig = page.locator('bs-figure[data-name="perceptron-rates"]');
    await fig.scrollIntoViewIfNeeded();
    const done = await nextRender(fig);
    await fig.evaluate((el) => {
      const press = (a: string) => el.querySelector<HTMLButtonElement>(`button[data-action="${a}"]`)!.click();
      press('add');
      press('add');
      press('remove');
    });
    await done();
    expect(await altOf(page, fig)).toMatch(/^41 points/);
    await close();
  });

  test('Resets leave at most one worker alive per figure', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __alive: number };
      w.__alive = 0;
      const Base = window.Worker;
      window.Worker = class extends Base {
        constructor(url: string | URL, opts?: WorkerOptions) {
          super(url, opts);
          w.__alive++;
        }
        terminate() {
          w.__alive--;
          super.terminate();
        }
      } as typeof Worker;
    });
    await page.goto(`${site.root}escaping-the-symmetric-subspace/`);
    const fig = page.locator('bs-figure[data-name="escape-plateau"]');
    await fig.scrollIntoViewIfNeeded();
    for (let i = 0; i < 8; i++) {
      const done = await nextRender(fig);
      await fig.locator('button[data-reset]').click();
      await done();
    }
    expect(await page.evaluate(() => (window as unknown as { __alive: number }).__alive)).toBeLessThanOrEqual(1);
    await context.close();
  });

  test('without JavaScript the controls are disabled and say that they need it; the chart stays', async () => {
    const { page, close } = await open(site.browser, `${site.root}prelude/`, { javaScriptEnabled: false });
    const fig = page.locator('bs-figure[data-name="two-units"]');
    expect(await fig.locator('input[name="delta"]').isDisabled()).toBe(true);
    expect(await fig.locator('.noscript').textContent()).toMatch(/need JavaScript/);
    // Drawn for wide screens and phones at build time: the one for this window shows.
    expect(await fig.locator('.chart .chart-wide svg').first().isVisible()).toBe(true);
    expect(await fig.locator('.chart .chart-narrow svg').first().isVisible()).toBe(false);
    await close();
  });

  test('search clears under an emptied box, and recovers after a network drop', async () => {
    const { page, close } = await open(site.browser, `${site.root}search/`);
    await page.fill('#q', 'gradient');
    await page.fill('#q', '');
    await page.waitForTimeout(600);
    expect(await page.locator('#results li').count()).toBe(0);
    await page.route('**/pagefind/**', (route) => route.abort());
    await page.reload();
    await page.fill('#q', 'symmetry');
    await expect.poll(() => page.locator('#search-status').textContent()).toMatch(/Search could not load/);
    await page.unroute('**/pagefind/**');
    await page.fill('#q', 'symmetric');
    await expect.poll(() => page.locator('#results li').count()).toBeGreaterThan(0);
    // A very long query is not echoed whole.
    await page.fill('#q', `symmetry ${'x'.repeat(10_000)}`);
    await expect.poll(() => page.locator('#search-status').textContent()).toMatch(/match/);
    expect((await page.locator('#search-status').textContent())!.length).toBeLessThan(120);
    await close();
  });

  test('in forced colours, chart labels use the system text colour', async () => {
    const { page, close } = await open(site.browser, `${site.root}prelude/`, { forcedColors: 'active', colorScheme: 'dark' });
    // Every label, the series-coloured ones too (#1d5fa8 on a black Canvas was 3.25 : 1), takes CanvasText.
    const [fills, canvasText] = await page.locator('bs-figure[data-name="two-units"] .chart .chart-wide').evaluate((svg) => {
      const probe = document.createElement('div');
      probe.style.color = 'CanvasText';
      document.body.append(probe);
      return [[...svg.querySelectorAll('text')].map((t) => getComputedStyle(t).fill), getComputedStyle(probe).color];
    });
    expect(fills.length).toBeGreaterThan(3);
    expect(new Set(fills)).toEqual(new Set([canvasText]));
    await close();
  });
});
