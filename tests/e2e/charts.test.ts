import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { chartProblems, type ChartProblem } from '../support/chart-check.ts';
import { open } from '../support/open.ts';
import { pages } from '../support/pages.ts';
import { useSite } from '../support/site.ts';

// Every chart on every page, as a reader sees it on a phone and on a wide screen: no two texts on each
// other or off the chart, none under 11 px, none under 4.5 : 1. Checked as built (what shows without
// JavaScript and before the first input), live, and in each state one control at a time can reach.
const site = useSite('dist', '/');
const withFigures = pages('dist').filter((p) => !p.startsWith('figures/') && p !== '404.html' && p !== 'search/');
const say = (ps: ChartProblem[]) => ps.map((p) => `${p.figure} ${p.kind}: ${p.detail}`);

/** Sets one figure's controls (by real value) and waits for its render; a figure whose code fails to render says so. */
async function renderWith(page: Page, id: string, values: Record<string, unknown> | null, then = ''): Promise<void> {
  const ok = await page.locator(`bs-figure[data-id="${id}"]`).evaluate(async (el, { values, then }) => {
    const f = el as HTMLElement & { set(v: unknown): void; schedule(): void; load(): Promise<{ step(): void }> };
    const done = new Promise<boolean>((resolve) => {
      el.addEventListener('rendered', () => resolve(true), { once: true });
      setTimeout(() => resolve(false), 60_000);
    });
    if (values) f.set(values);
    f.schedule();
    const rendered = await done;
    if (rendered && then === 'step') {
      (await f.load()).step();
      await new Promise((r) => requestAnimationFrame(() => r(null)));
    }
    return rendered;
  }, { values, then });
  expect(ok, `${id} rendered`).toBe(true);
}

/** The states to visit: each range at its ends, each option of a select, each toggle flipped, one at a time. */
function states(controls: { name: string; kind: string; min?: number; max?: number; log?: boolean; zero?: boolean; value: unknown; options?: { value: string }[] }[]) {
  const out: { label: string; values: Record<string, unknown> }[] = [];
  for (const c of controls) {
    const others = (v: unknown) => ({ [c.name]: v });
    if (c.kind === 'range') {
      const real = (at: number) => (c.log ? (c.zero && at === c.min ? 0 : 10 ** at) : at);
      for (const at of [c.min!, c.max!]) out.push({ label: `${c.name}=${real(at)}`, values: others(real(at)) });
    } else if (c.kind === 'select') {
      for (const o of c.options!) if (o.value !== c.value) out.push({ label: `${c.name}=${o.value}`, values: others(o.value) });
    } else out.push({ label: `${c.name}=${!c.value}`, values: others(!c.value) });
    out.push({ label: `${c.name} back`, values: others(c.value) });
  }
  return out;
}

for (const path of withFigures) {
  describe(`/${path}`, { timeout: 900_000 }, () => {
    for (const width of [390, 1280]) {
      test(`charts read at ${width} px in both themes, built, live and in every state`, async () => {
        const found: string[] = [];
        for (const colorScheme of ['light', 'dark'] as const) {
          const { page, close } = await open(site.browser, site.root + path, { viewport: { width, height: 900 }, colorScheme });
          found.push(...say(await chartProblems(page)).map((p) => `${colorScheme} built: ${p}`));
          found.push(...say(await chartProblems(page, '.chapter-network', 'svg')).map((p) => `${colorScheme} opening network: ${p}`));
          const figures = await page.locator('bs-figure').evaluateAll((els) => els.map((e) => ({ id: (e as HTMLElement).dataset.id!, controls: JSON.parse((e as HTMLElement).dataset.controls || '[]'), timeline: !!e.querySelector('[data-play]') })));
          for (const f of figures) {
            const sel = `bs-figure[data-id="${f.id}"]`;
            await renderWith(page, f.id, null);
            found.push(...say(await chartProblems(page, sel)).map((p) => `${colorScheme} live: ${p}`));
            // Theme changes colours only: the states are visited once, in the light theme.
            if (colorScheme === 'dark') continue;
            for (const s of states(f.controls)) {
              await renderWith(page, f.id, s.values);
              found.push(...say(await chartProblems(page, sel)).map((p) => `${s.label}: ${p}`));
            }
            if (f.timeline) {
              await renderWith(page, f.id, null, 'step');
              found.push(...say(await chartProblems(page, sel)).map((p) => `at step 0: ${p}`));
            }
          }
          await close();
        }
        expect([...new Set(found)]).toEqual([]);
      });
    }
  });
}
