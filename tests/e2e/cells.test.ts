import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { open } from '../support/open.ts';
import { useSite } from '../support/site.ts';

// Under a sub-path, with the strict CSP of tests/support/serve.ts: what any static host gives.
const site = useSite('dist-sub', '/sub/');
const prelude = (query = '') => `${site.root}prelude/${query}`;
const fig = '#two-units';
const status = `${fig} .cell-status`;

/** Opens the figure's editor and waits until it holds the code. */
async function edit(page: Page) {
  await page.click(`${fig} [data-edit]`);
  await page.locator(`${fig} .cell-code`).waitFor({ state: 'visible' });
  await expect.poll(() => page.locator(`${fig} .cell-code`).textContent()).toContain('export function compute');
}

/** Rewrites the editor's text as a reader would by typing (codejar reads the element's text). */
async function rewrite(page: Page, change: (code: string) => string) {
  const code = page.locator(`${fig} .cell-code`);
  const text = change((await code.textContent())!);
  await code.evaluate((el, t) => {
    el.textContent = t;
  }, text);
}

/** Clicks Run and waits for the line under the editor to say how it went. */
async function run(page: Page, timeout = 20_000): Promise<string> {
  const before = await page.locator(status).textContent();
  await page.click(`${fig} .cell-actions button:text-is("Run")`);
  await page.waitForFunction(([sel, old]) => {
    const text = document.querySelector(sel!)?.textContent ?? '';
    return text !== old && !text.startsWith('Running');
  }, [status, before], { timeout });
  return (await page.locator(status).textContent())!;
}

/** The CSV the figure's download link now gives (its files are made when the reader reaches for it). */
async function csv(page: Page): Promise<string> {
  await page.focus(`${fig} a[data-export="csv"]`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`${fig} a[data-export="csv"]`)]);
  return readFileSync(await download.path(), 'utf8');
}

const rows = (text: string) => text.trim().split('\n').slice(2).map((l) => l.split(',').map(Number));

describe('notebook cells', () => {
  test('Edit, change a number, Run: the chart changes, under the strict CSP, with nothing off the origin', async () => {
    const { page, problems, close } = await open(site.browser, prelude());
    await edit(page);
    // Typing works: the reader's keys reach the editor.
    await page.focus(`${fig} .cell-code`);
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n// my experiment');
    expect(await page.locator(`${fig} .cell-code`).textContent()).toMatch(/\/\/ my experiment\s*$/);
    const chart = await page.locator(`${fig} .chart`).innerHTML();
    await rewrite(page, (c) => c.replace('v2: 0.5 + delta', 'v2: 0.9 + delta'));
    expect(await run(page)).toMatch(/^Ran in the sandbox in \d+ ms\.$/);
    expect(await page.locator(`${fig} .chart`).innerHTML()).not.toBe(chart);
    // The first data row is the start: v2 is now 0.9.
    expect(rows(await csv(page))[0].at(-1)).toBe(0.9);
    // The controls re-run the edited code, not the shipped one.
    const ran = await page.locator(status).textContent();
    await page.focus('#fig-two-units-rate');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator(status).textContent(), { timeout: 20_000 }).not.toBe(ran);
    await expect.poll(() => page.locator(status).textContent(), { timeout: 20_000 }).toMatch(/^Ran in the sandbox/);
    const moved = await csv(page);
    expect(moved.split('\n')[0]).toBe('# two-units: delta=0, rate=0.06');
    expect(rows(moved)[0].at(-1)).toBe(0.9);
    // The open editor and its buttons pass axe like the rest of the page.
    const axe = await new AxeBuilder({ page }).include(fig).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
    // open() records every securitypolicyviolation, failed or off-origin request and console error.
    expect(problems).toEqual([]);
    await close();
  });

  test('an unedited Run reproduces the live chart: tied runs exactly, perturbed ones to 1e-9', async () => {
    for (const delta of [0, 0.3]) {
      const { page, problems, close } = await open(site.browser, prelude(`?two-units.delta=${delta}`));
      await expect.poll(() => page.getAttribute(`${fig} a[data-export="csv"]`, 'href'), { timeout: 10_000 }).toMatch(/^blob:/);
      const native = await csv(page);
      await edit(page);
      expect(await run(page)).toMatch(/\(the shipped code\)\.$/);
      const sandboxed = await csv(page);
      if (delta === 0) {
        // Tied: w1 = w2 and v1 = v2 at every step, bit for bit, and the whole file equal to the native one.
        for (const [, , w1, w2, v1, v2] of rows(sandboxed)) expect([w1, v1]).toEqual([w2, v2]);
        expect(sandboxed).toBe(native);
      } else {
        // QuickJS's libm may differ from V8's in the last bits; 1e-9 relative is the issue's bar.
        const [a, b] = [rows(native), rows(sandboxed)];
        expect(b.length).toBe(a.length);
        a.forEach((row, i) => row.forEach((x, j) => expect(Math.abs(b[i][j] - x)).toBeLessThanOrEqual(1e-9 * Math.abs(x))));
      }
      expect(problems).toEqual([]);
      await close();
    }
  });

  test('an endless loop stops after 2 s with a message, the chart stays, and the next Run works', async () => {
    const { page, close } = await open(site.browser, prelude());
    await edit(page);
    const chart = await page.locator(`${fig} .chart`).innerHTML();
    await rewrite(page, (c) => c.replace('const start', 'while (true) {}\n  const start'));
    expect(await run(page)).toMatch(/^Stopped after 2 s: compute ran too long/);
    expect(await page.locator(`${fig} .chart`).innerHTML()).toBe(chart);
    await rewrite(page, (c) => c.replace('while (true) {}\n  ', '').replace('v1: 0.5', 'v1: 0.7'));
    expect(await run(page)).toMatch(/^Ran in the sandbox/);
    expect(await page.locator(`${fig} .chart`).innerHTML()).not.toBe(chart);
    await close();
  });

  test('Stop ends a long run at once and undims the chart; the next Run starts a fresh sandbox', async () => {
    const { page, close } = await open(site.browser, prelude());
    await edit(page);
    await rewrite(page, (c) => c.replace('const start', 'const until = Date.now() + 1500; while (Date.now() < until) {}\n  const start'));
    await page.click(`${fig} .cell-actions button:text-is("Run")`);
    await expect.poll(() => page.locator(status).textContent()).toMatch(/^Running/);
    await page.click(`${fig} .cell-actions button:text-is("Stop")`);
    expect(await page.locator(status).textContent()).toBe('Stopped. The chart shows the last run that finished.');
    await expect.poll(() => page.locator(`${fig} .chart`).getAttribute('data-updating')).toBeNull();
    await rewrite(page, (c) => c.replace('const until = Date.now() + 1500; while (Date.now() < until) {}\n  ', ''));
    expect(await run(page)).toMatch(/^Ran in the sandbox/);
    await close();
  });

  test('a syntax error names its line and column; a runtime error, a NaN and a wrong shape name theirs; none blanks the chart', async () => {
    const { page, close } = await open(site.browser, prelude());
    await edit(page);
    const code = (await page.locator(`${fig} .cell-code`).textContent())!;
    const line = code.split('\n').findIndex((l) => l.includes('const STEPS = 60;')) + 1;
    await rewrite(page, (c) => c.replace('const STEPS = 60;', 'const STEPS = ;'));
    expect(await run(page)).toMatch(new RegExp(`^Line ${line}, column \\d+: `));
    const body = code.split('\n').findIndex((l) => l.includes('const start')) + 1;
    await rewrite(page, (c) => c.replace('const STEPS = ;', 'const STEPS = 60;').replace('const start', 'null.x;\n  const start'));
    expect(await run(page)).toMatch(new RegExp(`^Line ${body}: TypeError: `));
    await rewrite(page, (c) => c.replace('null.x;\n  ', '').replace('    gap,', '    gap: NaN,'));
    expect(await run(page)).toBe('result.gap is NaN: a chart cannot show it');
    // A result draw cannot read: the shipped compute's shape is the reference.
    await rewrite(page, (c) => c.replace('    gap: NaN,', '    gap,').replace('    rows,', '    rows: rows.map((r) => ({ step: r.step })),'));
    expect(await run(page)).toBe("result.rows[0].loss is missing, but the figure's draw reads a number there (as the shipped compute returns)");
    expect(await page.locator(`${fig} .chart svg`).count()).toBeGreaterThan(0);
    await close();
  });

  test('a link with edited code restores the code and its chart; Reset code restores the shipped one', async () => {
    const first = await open(site.browser, prelude());
    await edit(first.page);
    await rewrite(first.page, (c) => c.replace('v2: 0.5 + delta', 'v2: 0.9 + delta'));
    await run(first.page);
    await expect.poll(() => first.page.url()).toMatch(/[?&]two-units\.code=[\w-]+/);
    const [link, edited] = [first.page.url(), await csv(first.page)];
    await first.close();
    const again = await open(site.browser, link);
    await expect.poll(() => again.page.locator(status).textContent(), { timeout: 20_000 }).toMatch(/^Ran in the sandbox/);
    expect(await again.page.locator(`${fig} .cell-code`).textContent()).toContain('v2: 0.9 + delta');
    expect(await csv(again.page)).toBe(edited);
    await again.page.click(`${fig} .cell-actions button:text-is("Reset code")`);
    expect(await again.page.locator(`${fig} .cell-code`).textContent()).toContain('v2: 0.5 + delta');
    await expect.poll(() => again.page.url()).not.toContain('code=');
    expect(again.problems).toEqual([]);
    await again.close();
  });

  test('a Try it button makes its edit in the figure code and runs it', async () => {
    const { page, problems, close } = await open(site.browser, prelude());
    const button = page.locator('[data-try="two-units"]');
    const replace = (await button.getAttribute('data-replace'))!;
    await button.click();
    await expect.poll(() => page.locator(status).textContent(), { timeout: 20_000 }).toMatch(/^Ran in the sandbox in \d+ ms\.$/);
    expect(await page.locator(`${fig} .cell-code`).textContent()).toContain(replace);
    // The prelude's prompt: unit 2 the mirror image of unit 1 at every step, bit for bit.
    for (const [, , w1, w2, v1, v2] of rows(await csv(page))) expect([w2, v2]).toEqual([-w1, -v1]);
    expect(problems).toEqual([]);
    await close();
  });

  test('Script (node) downloads a script that prints the same CSV as the page, each control a flag', async () => {
    const { page, close } = await open(site.browser, prelude('?two-units.delta=0.3'));
    await expect.poll(() => page.getAttribute(`${fig} a[data-export="csv"]`, 'href'), { timeout: 10_000 }).toMatch(/^blob:/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`${fig} [data-script]`)]);
    expect(download.suggestedFilename()).toBe('two-units.mjs');
    const file = await download.path();
    expect(execFileSync(process.execPath, [file], { encoding: 'utf8' })).toBe(await csv(page));
    const moved = execFileSync(process.execPath, [file, '--rate', '0.1'], { encoding: 'utf8' });
    expect(moved.split('\n')[0]).toBe('# two-units: delta=0.3, rate=0.1');
    expect(readFileSync(file, 'utf8')).toContain('Usage: node two-units.mjs --delta <number> --rate <number>');
    await close();
  });
});
