// The bench's Chromium half: page weights, every figure's input-to-chart times, and a slider drag's long tasks.
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { install, type Bench, type Sample } from './in-page.ts';

type Row = Record<string, string | number>;
const VIEWPORT = { width: 1280, height: 800 };
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (x: number) => +x.toFixed(1);

/** The middle value (the mean of the middle two for an even count). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A fresh, cold context (no cache, no code loaded) on one page, with the bench's hands installed. */
async function fresh(browser: Browser, url: string): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(install);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  // A reader's first input comes once the page has loaded and gone quiet, not while it is still arriving.
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.evaluate(() => customElements.whenDefined('bs-figure'));
  return { page, errors, close: () => context.close() };
}

/** JS and page weight before any input and once every figure is live; the ids of the page's figures. */
export async function benchPage(browser: Browser, url: string, path: string): Promise<{ row: Row; ids: string[] }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(install);
  const page = await context.newPage();
  let phase = 'before';
  const all: { phase: string; type: string; bytes: Buffer }[] = [];
  page.on('response', async (r) => {
    const body = await r.body().catch(() => Buffer.alloc(0));
    all.push({ phase, type: r.request().resourceType(), bytes: body });
  });
  await page.goto(url + path, { waitUntil: 'networkidle' });
  const before = all.filter((e) => e.phase === 'before');
  const js = before.filter((e) => e.type === 'script');
  phase = 'after';
  const ids = await page.locator('bs-figure').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.id ?? ''));
  // One input per figure loads its code, worker included, so the second weight is what a reader who tried them all fetched.
  for (const id of ids) await page.evaluate((id) => (window as unknown as { bsBench: Bench }).bsBench.steps(id, 0), id);
  await page.waitForLoadState('networkidle');
  await context.close();
  const sum = (xs: { bytes: Buffer }[]) => xs.reduce((s, e) => s + e.bytes.length, 0);
  // gzip -6 is what static hosts and CDNs commonly serve; the 5 KB budget is judged in it.
  const row = {
    page: `/${path}`, 'JS before input': kb(sum(js)), 'JS gzip': kb(js.reduce((s, e) => s + gzipSync(e.bytes, { level: 6 }).length, 0)),
    'page weight before input': kb(sum(before)), 'after every figure is live': kb(sum(all)), figures: ids.length,
  };
  return { row, ids };
}

/**
 * One figure in a cold page: its first input (the shared runtime, Plot, the figure's code and any worker load
 * on the way), then `steps` keyboard-like steps of the same control, each waiting for its chart.
 */
export async function benchFigure(browser: Browser, url: string, path: string, id: string, steps = 10): Promise<Row> {
  const { page, errors, close } = await fresh(browser, url + path);
  const r = await page.evaluate(([id, n]) => (window as unknown as { bsBench: Bench }).bsBench.steps(id, n), [id, steps] as const);
  await close();
  const row: Row = { page: `/${path}`, figure: id, control: r.control ?? 'no controls' };
  if (!r.control) return row;
  row['first input ms (incl. load)'] = r.first ? ms(r.first.wait) : 'timeout';
  row['first ≤ 300'] = r.first ? (r.first.wait <= 300 ? 'yes' : 'NO') : 'NO';
  const warm = r.warm.filter((s): s is Sample => s !== null);
  if (warm.length) {
    const wait = warm.map((s) => s.wait);
    row['compute ms'] = ms(median(warm.map((s) => s.compute)));
    row['draw ms'] = ms(median(warm.map((s) => s.draw)));
    row['input→chart ms'] = ms(median(wait));
    row['max ms'] = ms(Math.max(...wait));
    row['≤ 16 ms'] = median(wait) <= 16 ? 'yes' : 'NO';
  }
  const lost = r.first && warm.length < steps ? `timeout after ${warm.length} of ${steps} steps` : '';
  const note = [lost, ...new Set(errors)].filter(Boolean).join('; ');
  if (note) row.note = note.slice(0, 120);
  return row;
}

/** Drags each named slider of one figure: first in a cold page (the drag loads the code), then again warm. */
export async function benchDrag(browser: Browser, url: string, path: string, id: string, names: string[], events = 20, gapMs = 50): Promise<Row[]> {
  const rows: Row[] = [];
  for (const name of names) {
    const { page, errors, close } = await fresh(browser, url + path);
    for (const when of ['cold (drag loads the code)', 'warm']) {
      const d = await page.evaluate(
        ([id, name, events, gapMs]) => (window as unknown as { bsBench: Bench }).bsBench.drag(id, name, events, gapMs),
        [id, name, events, gapMs] as const,
      );
      rows.push({
        figure: id, slider: d.control, when, 'events': `${events} × ${gapMs} ms`,
        'drag → final chart ms': ms(d.ms), 'last input → chart ms': d.final === null ? 'timeout' : ms(d.final), 'complete renders': d.renders,
        'longest task ms': d.supported ? ms(d.longest) : 'no longtask API', 'tasks > 50 ms': d.over50, 'blocking ms (Σ over 50)': ms(d.blocking),
        ...(errors.length ? { note: [...new Set(errors)].join('; ').slice(0, 120) } : {}),
      });
    }
    await close();
  }
  return rows;
}
