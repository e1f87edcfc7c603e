import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { open } from '../support/open.ts';
import { pages } from '../support/pages.ts';
import { useSite } from '../support/site.ts';

const site = useSite();
// Every page that shows a figure, read from the build: a new chapter or figure is covered without a line here.
const withFigures = pages('dist').filter((p) => readFileSync(`dist/${p.endsWith('.html') ? p : `${p}index.html`}`, 'utf8').includes('<bs-figure'));
// The sandbox's own limit stops a runaway cell; the page then needs a moment more to say so.
const MARGIN_MS = 15_000;

test.each(withFigures)('every figure on /%s opens its code and runs it in the sandbox', async (page) => {
  const { page: tab, problems, close } = await open(site.browser, `${site.root}${page}`);
  const figures = await tab.locator('bs-figure').evaluateAll((els) => els.map((e) => ({ id: (e as HTMLElement).dataset.id!, name: (e as HTMLElement).dataset.name! })));
  expect(figures.length).toBeGreaterThan(0);
  for (const { id, name } of figures) {
    const { limit } = JSON.parse(readFileSync(`dist/figures/${name}.cell.json`, 'utf8')) as { limit: number };
    const at = tab.locator(`[id="${id}"]`);
    await at.locator('[data-edit]').click();
    await at.locator('.cell-code').waitFor({ state: 'visible' });
    await at.locator('.cell-actions button:text-is("Run")').click();
    await expect.poll(() => at.locator('.cell-status').textContent(), { timeout: limit + MARGIN_MS, interval: 200 }).toMatch(/^Ran in the sandbox in \d+ ms \(the shipped code\)\.$/);
    expect(await at.locator('.chart svg').count(), id).toBeGreaterThan(0);
  }
  expect(problems).toEqual([]);
  await close();
}, 400_000);
