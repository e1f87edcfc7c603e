import * as Plot from '@observablehq/plot';
import type { FigureModule, Rendered } from '../../../figure/types.ts';
import { palette } from '../../../figure/palette.ts';
import { fullLossGrad, mlpModel, regressionData } from '../../../core/index.ts';
import { maxOutputDiff, restartRuns, swapUnits, type Restart } from '../units.ts';

const data = regressionData({ n: 32, k: 2, teacher: 'tanh' });
const model = mlpModel(data, { d: 2, activation: 'tanh' });
const L = model.layout;
const LR = 0.2;
const dist = (a: Float64Array, b: Float64Array) => Math.hypot(...a.map((v, i) => v - b[i]));
const fmt = (x: number) => (x !== 0 && Math.abs(x) < 1e-3 ? x.toExponential(1) : String(+x.toPrecision(3))).replace('-', '−');

/** N seeded restarts of one network: spread of final losses, different weights, and unit swaps that change nothing. */
const figure: FigureModule = {
  code: ['chapters/w11-and-w12/units.ts#restartRuns', 'chapters/w11-and-w12/units.ts#swapUnits', 'chapters/w11-and-w12/units.ts#maxOutputDiff'],
  controls: [
    { kind: 'range', name: 'count', label: 'Restarts N', min: 2, max: 16, step: 1, value: 8, integer: true },
    { kind: 'range', name: 'steps', label: 'Gradient-descent steps', min: 100, max: 1500, step: 100, value: 300, integer: true },
    { kind: 'checkbox', name: 'swap', label: 'Swap hidden units 1 and 2 in every restart', value: false },
  ],
  async render(params, document, ctx) {
    const count = Number(params.count);
    const steps = Number(params.steps);
    const swap = params.swap === true;
    // Runs are cached per (seed, steps): adding a restart or ticking "swap" trains nothing new.
    const cache = (ctx.state.runs ??= new Map<string, Restart>()) as Map<string, Restart>;
    const runs: Restart[] = [];
    for (let seed = 1; seed <= count; seed++) {
      const key = `${seed}|${steps}`;
      if (!cache.has(key)) {
        // Long settings: give the page a frame between restarts and show what is done so far.
        if (ctx.live && runs.length >= 2 && runs.length % 4 === 0) {
          ctx.show?.(draw(document, runs, steps, swap));
          await new Promise((done) => setTimeout(done, 0));
          if (ctx.signal?.aborted) break;
        }
        cache.set(key, restartRuns(model, { count: 1, first: seed, steps, lr: LR })[0]);
      }
      runs.push(cache.get(key)!);
    }
    return draw(document, runs, steps, swap);
  },
};

/** The two charts and the measured sentence for a list of finished restarts. */
function draw(document: Document, runs: Restart[], steps: number, swap: boolean): Rendered {
  const count = runs.length;
  const shown = runs.map((r) => (swap ? swapUnits(L, r.params, 0, 1) : r.params));
  const lossShown = shown.map((p) => fullLossGrad(model, p).loss);
  let outDiff = 0;
  let paramDiff = Infinity;
  for (const r of runs) {
    const q = swapUnits(L, r.params, 0, 1);
    outDiff = Math.max(outDiff, maxOutputDiff(model, r.params, q));
    paramDiff = Math.min(paramDiff, dist(r.params, q));
  }
  let closest = Infinity;
  for (let a = 0; a < count; a++) for (let b = a + 1; b < count; b++) closest = Math.min(closest, dist(runs[a].params, runs[b].params));
  const losses = runs.map((r) => r.loss);
  const [lo, hi] = [Math.min(...losses), Math.max(...losses)];

  const lossRows = runs.map((r, i) => ({ restart: r.seed, loss: r.loss, shownLoss: lossShown[i] }));
  const top = Plot.plot({
    document, width: 640, height: 170, marginLeft: 60,
    ariaLabel: `Final loss of ${count} restarts`,
    x: { label: 'restart (seed)', domain: runs.map((r) => r.seed), type: 'point' },
    y: { label: `loss after ${steps} steps`, grid: true, domain: [0, 1.1 * hi] },
    marks: [
      Plot.dot(lossRows, { x: 'restart', y: 'loss', fill: palette[0], r: 4 }),
      // With "swap" on, a ring at the swapped network's loss: it lands on the dot.
      swap ? Plot.dot(lossRows, { x: 'restart', y: 'shownLoss', stroke: palette[1], r: 8, strokeWidth: 1.5 }) : null,
    ],
  }) as unknown as Element;
  const unitRows = shown.flatMap((p, i) => [0, 1].map((j) => ({ restart: runs[i].seed, unit: j + 1, w1: p[L.iW + j], w2: p[L.iW + L.d + j] })));
  const bottom = Plot.plot({
    document, width: 640, height: 260, marginLeft: 50, marginRight: 40,
    ariaLabel: 'Incoming weights of hidden units 1 and 2 in every restart',
    x: { label: 'W₁ⱼ (from input 1)', grid: true }, y: { label: 'W₂ⱼ (from input 2)', grid: true },
    symbol: { domain: [1, 2], range: ['circle', 'triangle'] },
    marks: [
      Plot.link(runs.map((_, i) => i), { x1: (i) => unitRows[2 * i].w1, y1: (i) => unitRows[2 * i].w2,
        x2: (i) => unitRows[2 * i + 1].w1, y2: (i) => unitRows[2 * i + 1].w2, strokeOpacity: 0.25 }),
      Plot.dot(unitRows, { x: 'w1', y: 'w2', symbol: 'unit', stroke: (r) => palette[r.unit - 1], r: 5, strokeWidth: 1.5 }),
      Plot.text(unitRows, { x: 'w1', y: 'w2', text: (r) => `#${r.restart}.${r.unit}`, dx: 8, textAnchor: 'start', fontSize: 9 }),
    ],
  }) as unknown as Element;
  const line = document.createElement('p');
  line.textContent = `Circles are unit 1, triangles unit 2; a thin line joins the two units of one restart (label #restart.unit). ` +
    `Final losses range from ${fmt(lo)} to ${fmt(hi)}; the two closest restarts are ${fmt(closest)} apart in weight space. ` +
    `Swapping the two hidden units moves each restart by at least ${fmt(paramDiff)} but changes the network's outputs by at most ${fmt(outDiff)} (rounding).`;
  const node = document.createElement('div');
  node.append(top, bottom, line);
  const diverged = runs.filter((r) => r.diverged).length;
  return {
    node,
    alt: `${count} restarts after ${steps} steps at rate ${LR}${swap ? ', hidden units swapped' : ''}: final losses from ${fmt(lo)} to ${fmt(hi)}; ` +
      `the closest two restarts differ by ${fmt(closest)} in weights; swapping units changes weights by at least ${fmt(paramDiff)} and outputs by at most ${fmt(outDiff)}.`,
    rows: unitRows.map((r, i) => ({ ...r, loss: runs[i >> 1].loss })),
    note: diverged ? `${diverged} restart(s) diverged; their last finite state is shown.` : undefined,
  };
}
export default figure;
