import * as Plot from '@observablehq/plot';
import { fullLossGrad, mlpModel, regressionData } from '../../../core/index.ts';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { maxOutputDiff, restartRuns, swapUnits, type Restart } from '../units.ts';

const data = regressionData({ n: 32, k: 2, teacher: 'tanh' });
const model = mlpModel(data, { d: 2, activation: 'tanh' });
const L = model.layout;
const LR = 0.2;
const dist = (a: Float64Array, b: Float64Array) => Math.hypot(...a.map((v, i) => v - b[i]));

/** The measured summary of a list of finished restarts: what both charts and the sentence show. */
function summarise(runs: Restart[], steps: number, swap: boolean) {
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
  // With "swap" on, shownLoss is the swapped network's loss (drawn as a ring on the dot).
  const lossRows = runs.map((r, i) => ({ restart: r.seed, loss: r.loss, shownLoss: lossShown[i] }));
  // Two rows per restart, unit 1 then unit 2: the incoming weights of the (possibly swapped) units.
  const unitRows = shown.flatMap((p, i) => [0, 1].map((j) => ({ restart: runs[i].seed, unit: j + 1, w1: p[L.iW + j], w2: p[L.iW + L.d + j] })));
  const diverged = runs.filter((r) => r.diverged).length;
  return {
    rows: unitRows.map((r, i) => ({ ...r, loss: runs[i >> 1].loss })),
    lossRows,
    unitRows,
    steps,
    swap,
    lo,
    hi,
    // null until two restarts are done (a partial result may hold one).
    closest: count > 1 ? closest : null,
    paramDiff,
    outDiff,
    alt: `${count} restarts after ${steps} steps at rate ${LR}${swap ? ', hidden units swapped' : ''}: final losses from ${fmt(lo)} to ${fmt(hi)}; ` +
      `the closest two restarts differ by ${fmt(count > 1 ? closest : NaN)} in weights; swapping units changes weights by at least ${fmt(paramDiff)} and outputs by at most ${fmt(outDiff, 2)}.`,
    note: diverged ? `${diverged} restart(s) diverged; their last finite state is shown.` : undefined,
  };
}

/** N seeded restarts of one network: spread of final losses, different weights, and unit swaps that change nothing. */
export default defineFigure({
  code: ['chapters/w11-and-w12/units.ts#restartRuns', 'chapters/w11-and-w12/units.ts#swapUnits', 'chapters/w11-and-w12/units.ts#maxOutputDiff'],
  controls: {
    count: { kind: 'range', label: 'Restarts N', min: 2, max: 16, step: 1, value: 8, integer: true },
    steps: { kind: 'range', label: 'Gradient-descent steps', min: 100, max: 1500, step: 100, value: 300, integer: true },
    swap: { kind: 'checkbox', label: 'Swap hidden units 1 and 2 in every restart', value: false },
  },
  worker: true,
  compute({ count, steps, swap }, ctx) {
    const runs: Restart[] = [];
    for (let seed = 1; seed <= count; seed++) {
      // Each restart is memoised per (seed, steps): adding a restart or ticking "swap" trains nothing new.
      runs.push(ctx.memo(`tanh-restarts:run:${seed}:${steps}`, () => restartRuns(model, { count: 1, first: seed, steps, lr: LR })[0]));
      ctx.progress(seed / count, () => summarise(runs, steps, swap));
    }
    return summarise(runs, steps, swap);
  },
  draw({ lossRows, unitRows, steps, swap, lo, hi, closest, paramDiff, outDiff }, document) {
    const top = plot(document, {
      width: 640, height: 170, marginLeft: 60,
      ariaLabel: `Final loss of ${lossRows.length} restarts`,
      x: { label: 'restart (seed)', domain: lossRows.map((r) => r.restart), type: 'point' },
      y: { label: `loss after ${steps} steps`, grid: true, domain: [0, 1.1 * hi] },
      marks: [
        Plot.dot(lossRows, { x: 'restart', y: 'loss', fill: palette[0], r: 4 }),
        // With "swap" on, a ring at the swapped network's loss: it lands on the dot.
        swap ? Plot.dot(lossRows, { x: 'restart', y: 'shownLoss', stroke: palette[1], r: 8, strokeWidth: 1.5 }) : null,
      ],
    });
    const bottom = plot(document, {
      width: 640, height: 260, marginLeft: 50, marginRight: 40,
      ariaLabel: 'Incoming weights of hidden units 1 and 2 in every restart',
      x: { label: 'W₁ⱼ (from input 1)', grid: true }, y: { label: 'W₂ⱼ (from input 2)', grid: true },
      symbol: { domain: [1, 2], range: ['circle', 'triangle'] },
      marks: [
        Plot.link(lossRows.map((_, i) => i), { x1: (i) => unitRows[2 * i].w1, y1: (i) => unitRows[2 * i].w2,
          x2: (i) => unitRows[2 * i + 1].w1, y2: (i) => unitRows[2 * i + 1].w2, strokeOpacity: 0.25 }),
        Plot.dot(unitRows, { x: 'w1', y: 'w2', symbol: 'unit', stroke: (r) => palette[r.unit - 1], r: 5, strokeWidth: 1.5 }),
        Plot.text(unitRows, { x: 'w1', y: 'w2', text: (r) => `#${r.restart}.${r.unit}`, dx: 8, textAnchor: 'start', fontSize: 9 }),
      ],
    });
    return stack(document, [top, bottom,
      `Circles are unit 1, triangles unit 2; a thin line joins the two units of one restart (label #restart.unit). ` +
      `Final losses range from ${fmt(lo)} to ${fmt(hi)}; the two closest restarts are ${fmt(closest ?? NaN)} apart in weight space. ` +
      `Swapping the two hidden units moves each restart by at least ${fmt(paramDiff)} but changes the network's outputs by at most ${fmt(outDiff, 2)} (rounding).`]);
  },
});
