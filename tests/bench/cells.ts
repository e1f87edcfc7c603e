// Notebook cells: what the first Edit fetches, how soon the editor and a first run are ready in Chromium,
// and each unedited cell's run time in QuickJS against the same figure's native compute (both in Node).
import { globSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import release from '@jitl/quickjs-wasmfile-release-sync';
import type { Browser } from 'playwright-core';
import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
import { createSandbox } from '../../src/figure/cell/sandbox.ts';
import { defaults } from '../../src/figure/define.ts';
import { FIGURE_GLOB, figureNameOf } from '../../src/figure/names.ts';
import { computeFigure, initialState, memoIn, type Memo } from '../../src/figure/run.ts';
import { cellChunk } from '../support/cell-chunk.ts';
import { scriptsOnLoad } from '../support/scripts.ts';

const kb = (bytes: number) => +(bytes / 1024).toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The chunk's parts and total, gzip -6, as the size test counts them. */
export function benchCellSizes(dist: string): Record<string, string | number>[] {
  const { chunk, numerics } = cellChunk(dist, new Set(scriptsOnLoad(dist, 'prelude/')));
  const total = chunk.reduce((n, f) => n + f.gzip, 0);
  return [...chunk, { part: 'chunk total (budget 300 KB)', file: '', gzip: total }, numerics].map((f) => ({ part: f.part, file: f.file, 'KB gzip': kb(f.gzip) }));
}

/** In a cold page: Edit click → editor holding the code; then the first Run (wasm compiled, numerics loaded) and a warm one. */
export async function benchCellStart(browser: Browser, url: string, path = 'prelude/', id = 'two-units'): Promise<Record<string, string | number>[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url + path, { waitUntil: 'networkidle' });
  const r = await page.evaluate(async (id) => {
    const el = document.getElementById(id)!;
    const until = (ok: () => boolean) => new Promise<void>((done) => {
      const look = () => (ok() ? done() : requestAnimationFrame(look));
      look();
    });
    const status = () => el.querySelector('.cell-status')?.textContent ?? '';
    const run = async () => {
      const t = performance.now();
      el.querySelector<HTMLButtonElement>('.cell-actions button')!.click();
      await until(() => status().startsWith('Ran') || status().startsWith('Line') || status().startsWith('Stopped'));
      return performance.now() - t;
    };
    const t0 = performance.now();
    el.querySelector<HTMLButtonElement>('[data-edit]')!.click();
    await until(() => (el.querySelector('.cell-code')?.textContent ?? '').includes('export function compute'));
    const ready = performance.now() - t0;
    const first = await run();
    const warm = await run();
    return { ready, first, warm, status: status() };
  }, id);
  await context.close();
  return [{ page: `/${path}`, figure: id, 'Edit → editor ready ms (cold page)': Math.round(r.ready), 'first Run ms (wasm + numerics)': Math.round(r.first), 'warm Run ms': Math.round(r.warm), status: r.status.slice(0, 40) }];
}

/** Every figure's unedited cell in QuickJS (the build's numerics and cells) against its native compute, at the defaults. */
export async function benchCellRatios(dist: string): Promise<Record<string, string | number>[]> {
  const numerics = readFileSync(globSync('_astro/numerics*.js', { cwd: dist }).map((f) => join(dist, f))[0], 'utf8');
  const box = createSandbox(await newQuickJSWASMModuleFromVariant(release), numerics);
  const shared: Memo = new Map();
  const rows = [];
  for (const path of globSync(FIGURE_GLOB).sort()) {
    const name = figureNameOf(path);
    const fig = (await import(pathToFileURL(path).href)).default;
    const cell = JSON.parse(readFileSync(join(dist, 'figures', `${name}.cell.json`), 'utf8')) as { path: string; source: string; limit: number };
    const inputs = fig.prepare ? JSON.parse(JSON.stringify(fig.prepare(memoIn(shared)))) : undefined;
    const job = { params: defaults(fig.controls), state: initialState(fig), inputs };
    const native: number[] = [];
    const sandboxed: number[] = [];
    // Three runs each, fresh memo every time; one when a sandbox run takes seconds.
    for (let i = 0; i < 3; i++) {
      let t = performance.now();
      computeFigure(fig, job.params, { live: true, state: job.state, inputs, memo: new Map() });
      native.push(performance.now() - t);
      const problem = box.load(cell.source, cell.path, cell.limit);
      t = performance.now();
      const out = problem ? { problem } : box.run(job, cell.limit);
      sandboxed.push(performance.now() - t);
      if ('problem' in out) throw new Error(`${name}: ${out.problem.message}`);
      if (sandboxed[0] > 2000) break;
    }
    const [n, q] = [median(native), median(sandboxed)];
    rows.push({ figure: name, 'native ms': +n.toFixed(2), 'QuickJS ms': +q.toFixed(1), ratio: +(q / n).toFixed(1), 'limit s': cell.limit / 1000 });
  }
  box.dispose();
  return rows;
}
