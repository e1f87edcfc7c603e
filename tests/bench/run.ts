// npm run bench: prints the figures the budgets are judged by. Not a test: it asserts nothing.
// Flags: --no-build reuses the last bench build; --no-lighthouse skips Lighthouse.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../support/browser.ts';
import { pages } from '../support/pages.ts';
import { serve } from '../support/serve.ts';
import { benchCellRatios, benchCellSizes, benchCellStart } from './cells.ts';
import { benchDrag, benchFigure, benchPage } from './chromium.ts';

// Others build meanwhile. Astro writes its prerender scratch into `.prerender/` of the output folder only when
// that folder lies under the working directory (else into ./.astro/ of the project, shared and deleted by every
// build): so the bench builds from a working directory of its own, into a folder in it, with its own cache.
const WORK = '/tmp/bench-build';
const DIST = `${WORK}/dist`;
const CACHE = `${WORK}/astro-cache`;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const flag = (name: string) => process.argv.includes(name);

if (!flag('--no-build')) {
  const t0 = performance.now();
  mkdirSync(WORK, { recursive: true });
  // The prerender chunks import packages by name, resolved from where they lie: point that at the project's.
  if (!existsSync(`${WORK}/node_modules`)) symlinkSync(join(ROOT, 'node_modules'), `${WORK}/node_modules`);
  const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ASTRO_CACHE_DIR: CACHE };
  // This Node (24, run by npx) runs Astro's CLI directly: `npx astro` from WORK would not find the project's.
  const cli = join(ROOT, 'node_modules/astro/bin/astro.mjs');
  const build = spawnSync(process.execPath, [cli, 'build', '--root', ROOT, '--outDir', DIST], { cwd: WORK, env, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout.slice(-4000)}\n${build.stderr}`);
  console.log(`\nBuild: ${((performance.now() - t0) / 1000).toFixed(1)} s for ${pages(DIST).length} pages into ${DIST}\n`);
} else if (!existsSync(`${DIST}/index.html`)) throw new Error(`--no-build: no build in ${DIST}; run once without it`);

// Every time below is wall time: on a busy machine it is that machine's, so say how busy it was.
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const load0 = load();
const { url, server } = await serve(DIST, '/');
const browser = await launch();
const pageRows = [];
const figureRows = [];
let dragRows: Record<string, string | number>[] = [];
let cellRows: Record<string, string | number>[] = [];
const t1 = performance.now();
try {
  for (const path of pages(DIST)) {
    const { row, ids } = await benchPage(browser, url, path);
    pageRows.push(row);
    // Each figure in its own cold page, so every first input pays the whole lazy load, as a reader's first does.
    for (const id of ids) figureRows.push(await benchFigure(browser, url, path, id));
  }
  dragRows = await benchDrag(browser, url, 'escaping-the-symmetric-subspace/', 'escape-trajectory', ['eta', 'eps']);
  cellRows = await benchCellStart(browser, url);
} finally {
  await browser.close();
  server.close();
}
const chromiumSeconds = ((performance.now() - t1) / 1000).toFixed(0);
const machine = `${availableParallelism()} CPUs, load average ${load0} before, ${load()} after`;

console.log('Pages (budget: at most 5 KB gzip of JS before input):');
console.table(pageRows);
console.log('Figures in Chromium, one cold page each. First input: from the input event to the chart, lazy load included (goal ≤ 300 ms).');
console.log('Then 10 key presses of the same control, each 100 ms after the last chart painted; medians of compute, draw and input → chart');
console.log('(goal: input → chart ≤ 16 ms; it includes waiting for the next frame; max is the slowest of the 10):');
console.table(figureRows);
console.log('Dragging a slider of the escape trajectory: 20 input events one per 50 ms, to the chart for the last value;');
console.log('main-thread long tasks (PerformanceObserver "longtask": every task over 50 ms) from the first event to that chart:');
console.table(dragRows);
console.log('Notebook cells in Chromium: the first Edit in a cold page until the editor holds the code, then Run twice:');
console.table(cellRows);
console.log(`(Chromium part: ${chromiumSeconds} s; ${machine})\n`);

console.log('Notebook cell chunk, fetched on the first Edit (gzip -6; budget: at most 300 KB for wasm + glue + stripper + editor):');
console.table(benchCellSizes(DIST));
console.log('Each unedited cell in QuickJS (the build’s numerics and cell, in Node) against its native compute, at the defaults:');
console.table(await benchCellRatios(DIST));


const { benchFigures } = await import('./figures.ts');
console.log('Figures in Node at their defaults (compute is what a worker or the main thread pays; draw here is linkedom):');
console.table(await benchFigures());

const { benchPlayground } = await import('./playground.ts');
console.log('The deep net of src/core against TensorFlow Playground’s nn.ts (ported, tests/bench/playground-nn.ts), Playground’s setting (goal ≥ 5×):');
console.table(benchPlayground());

const { benchNumerics } = await import('./numerics.ts');
console.log('Numerics in Node (goal: a whole default run under 2 ms):');
console.table(benchNumerics());

if (existsSync('tests/bench/escape.ts')) {
  const { benchEscape } = await import('./escape.ts');
  console.log('Teacher–student SGD (goal: at most 0.5 µs per step at N = 40; default sweep well under 1 s):');
  console.table(await benchEscape());
}

if (!flag('--no-lighthouse')) {
  const { benchLighthouse } = await import('./lighthouse.ts');
  console.log('Lighthouse, mobile defaults (goal: performance ≥ 95; accessibility, best practices, SEO = 100):');
  console.table(await benchLighthouse(DIST));
}
