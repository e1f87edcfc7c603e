import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { sci } from '../../../figure/format.ts';
import { pow10 } from '../../../figure/axes.ts';
import { palette, pair } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { stack } from '../../../figure/dom.ts';
import { regressionData } from '../../../core/datasets.ts';
import { idxW, idxW2 } from '../../../core/trace.ts';
import { train, type Trace } from '../../../core/train.ts';
import { linearModel } from '../linear.ts';

const STARTS = ['identical start', 'random start'] as const;
type Start = (typeof STARTS)[number];
// At most this many points per line: keeps the build-time SVG small without visible change.
const MAX_POINTS = 200;

/** One recorded point of one unit's weight: the CSV rows and the lines. */
interface Row {
  start: Start;
  step: number;
  unit: string;
  weight: number;
  loss: number;
}

/** The thread's two lost plots, rebuilt: every hidden unit's weight over steps, identical vs random start, loss below. */
export default defineFigure({
  code: ['chapters/identical-twins/linear.ts#linearModel', 'core/train.ts#train'],
  controls: {
    d: { kind: 'range', label: 'Hidden units d', min: 2, max: 8, step: 1, value: 4, integer: true },
    lr: { kind: 'range', label: 'Learning rate η', min: 0.005, max: 0.1, step: 0.005, value: 0.02 },
    scale: { kind: 'range', label: 'Initial scale', min: 0.1, max: 1.5, step: 0.1, value: 0.5 },
    seed: { kind: 'range', label: 'Seed', min: 1, max: 20, step: 1, value: 1, integer: true },
    steps: { kind: 'range', label: 'Steps', min: 50, max: 1000, step: 50, value: 300, integer: true },
    weight: {
      kind: 'select', label: 'Weight shown', value: 'in',
      options: [{ value: 'in', label: 'incoming W[1, j]' }, { value: 'out', label: 'outgoing W₂[j]' }],
    },
  },
  compute({ d, lr, scale, seed, steps, weight }) {
    const model = linearModel(regressionData(), { d });
    const opts = { lr, steps, seed };
    const runs: [Trace, Trace] = [
      train(model, { ...opts, init: { kind: 'identical', scale } }),
      train(model, { ...opts, init: { kind: 'normal', scale } }),
    ];
    const out = weight === 'out';
    const q = (j: number) => (out ? idxW2(model, j) : idxW(model, 0, j));
    const rows: Row[] = [];
    runs.forEach((t, r) => {
      const stride = Math.ceil(t.rows / MAX_POINTS);
      for (let s = 0; s < t.rows; s++) {
        if (s % stride !== 0 && s !== t.rows - 1) continue;
        for (let j = 0; j < d; j++) {
          rows.push({ start: STARTS[r], step: s, unit: `unit ${j + 1}`, weight: t.params[s * t.nParams + q(j)], loss: t.loss[s] });
        }
      }
    });
    const [same, rand] = runs;
    const sameGap = Math.max(...same.gapIn, ...same.gapOut);
    // Each run's last recorded step, one row per unit.
    const ends = rows.filter((w) => w.step === (w.start === STARTS[0] ? same.rows - 1 : rand.rows - 1));
    const endWeights = (s: Start) => ends.filter((w) => w.start === s).map((w) => w.weight);
    const w = endWeights(STARTS[1]);
    const finalLoss = { identical: same.loss[same.rows - 1], random: rand.loss[rand.rows - 1] };
    const diverged = runs.find((t) => t.diverged)?.diverged;
    return {
      rows,
      ends,
      d,
      out,
      sameGap,
      /** Recorded steps of the identical run, all of which sameGap covers. */
      sameRows: same.rows,
      finalLoss,
      /** The units' final weights: the largest minus the smallest, per start. */
      endSpread: {
        identical: Math.max(...endWeights(STARTS[0])) - Math.min(...endWeights(STARTS[0])),
        random: Math.max(...w) - Math.min(...w),
      },
      alt:
        `Left, identical start: all ${d} hidden units follow one path; the largest distance between any two units is ` +
        `${sameGap === 0 ? `exactly 0 at every one of ${same.rows} recorded steps` : sci(sameGap, 2)}. ` +
        `Right, random start: the ${d} units take ${d} different paths and end between ${Math.min(...w).toFixed(3)} ` +
        `and ${Math.max(...w).toFixed(3)}. Final loss: identical ${sci(finalLoss.identical)}, random ${sci(finalLoss.random)}.`,
      note: diverged ? `${diverged.message}: lower the learning rate or the initial scale.` : undefined,
    };
  },
  draw({ rows, ends, d, out, sameGap }, document) {
    const sameLabel = sameGap === 0 ? `all ${d} units, one line` : `${d} units, gap ${sci(sameGap)}`;
    const name = out ? 'outgoing weight W₂[j]' : 'incoming weight W[1, j]';
    const top = plot(document, {
      width: 640, height: 250, marginRight: 90, ariaLabel: `${name} of every hidden unit over training`,
      fx: { label: null, domain: STARTS },
      x: { label: 'step' },
      y: { label: name, grid: true },
      color: { domain: Array.from({ length: d }, (_, j) => `unit ${j + 1}`), range: palette },
      marks: [
        Plot.line(rows, { fx: 'start', x: 'step', y: 'weight', z: 'unit', stroke: 'unit', strokeWidth: 1.6 }),
        Plot.text(ends.filter((w) => w.start === STARTS[1]), { fx: 'start', x: 'step', y: 'weight', text: 'unit', textAnchor: 'start', dx: 4, fill: 'currentColor' }),
        Plot.text(ends.filter((w) => w.start === STARTS[0] && w.unit === 'unit 1'), { fx: 'start', x: 'step', y: 'weight', text: () => sameLabel, textAnchor: 'end', dy: -10, fill: 'currentColor' }),
      ],
    });
    const lossRows = rows.filter((w) => w.unit === 'unit 1' && w.loss > 0);
    const bottom = plot(document, {
      width: 640, height: 170, marginRight: 90, ariaLabel: 'loss of both runs over training, log scale',
      x: { label: 'step' },
      y: { type: 'log', label: 'loss (log scale)', grid: true, tickFormat: pow10 },
      color: { domain: STARTS, range: [pair.identical, pair.random] },
      marks: [
        Plot.line(lossRows.filter((w) => w.start === STARTS[0]), { x: 'step', y: 'loss', stroke: 'start', strokeWidth: 2, strokeDasharray: '6 3' }),
        Plot.line(lossRows.filter((w) => w.start === STARTS[1]), { x: 'step', y: 'loss', stroke: 'start', strokeWidth: 2 }),
        Plot.text(ends.filter((w) => w.unit === 'unit 1' && w.loss > 0), { x: 'step', y: 'loss', text: 'start', textAnchor: 'start', dx: 4, fill: 'currentColor' }),
      ],
    });
    return stack(document, [top, bottom]);
  },
});
