import * as Plot from '@observablehq/plot';
import type { FigureModule } from '../../../figure/types.ts';
import { palette, pair } from '../../../figure/palette.ts';
import { idxW, idxW2, regressionData, train, type Trace } from '../../../core/index.ts';
import { linearModel } from '../linear.ts';

const STARTS = ['identical start', 'random start'] as const;
// At most this many points per line: keeps the build-time SVG small without visible change.
const MAX_POINTS = 200;

/** The thread's two lost plots, rebuilt: every hidden unit's weight over steps, identical vs random start, loss below. */
const figure: FigureModule = {
  code: ['chapters/identical-twins/linear.ts#linearModel', 'core/train.ts#train'],
  controls: [
    { kind: 'range', name: 'd', label: 'Hidden units d', min: 2, max: 8, step: 1, value: 4, integer: true },
    { kind: 'range', name: 'lr', label: 'Learning rate η', min: 0.005, max: 0.1, step: 0.005, value: 0.02 },
    { kind: 'range', name: 'scale', label: 'Initial scale', min: 0.1, max: 1.5, step: 0.1, value: 0.5 },
    { kind: 'range', name: 'seed', label: 'Seed', min: 1, max: 20, step: 1, value: 1, integer: true },
    { kind: 'range', name: 'steps', label: 'Steps', min: 50, max: 1000, step: 50, value: 300, integer: true },
    {
      kind: 'select', name: 'weight', label: 'Weight shown', value: 'in',
      options: [{ value: 'in', label: 'incoming W[1, j]' }, { value: 'out', label: 'outgoing W₂[j]' }],
    },
  ],
  render(params, document) {
    const d = Number(params.d);
    const scale = Number(params.scale);
    const model = linearModel(regressionData(), { d });
    const opts = { lr: Number(params.lr), steps: Number(params.steps), seed: Number(params.seed) };
    const runs: Trace[] = [
      train(model, { ...opts, init: { kind: 'identical', scale } }),
      train(model, { ...opts, init: { kind: 'normal', scale } }),
    ];
    const out = params.weight === 'out';
    const q = (j: number) => (out ? idxW2(model, j) : idxW(model, 0, j));
    const rows: { start: string; step: number; unit: string; weight: number; loss: number }[] = [];
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
    const last = rows.filter((w) => w.step === (w.start === STARTS[0] ? same.rows - 1 : rand.rows - 1));
    const sameEnd = last.filter((w) => w.start === STARTS[0] && w.unit === 'unit 1');
    const sameLabel = sameGap === 0 ? `all ${d} units, one line` : `${d} units, gap ${sameGap.toExponential(1)}`;
    const name = out ? 'outgoing weight W₂[j]' : 'incoming weight W[1, j]';
    const top = Plot.plot({
      document, width: 640, height: 250, marginRight: 90, ariaLabel: `${name} of every hidden unit over training`,
      fx: { label: null, domain: STARTS },
      x: { label: 'step' },
      y: { label: name, grid: true },
      color: { domain: Array.from({ length: d }, (_, j) => `unit ${j + 1}`), range: palette },
      marks: [
        Plot.line(rows, { fx: 'start', x: 'step', y: 'weight', z: 'unit', stroke: 'unit', strokeWidth: 1.6 }),
        Plot.text(last.filter((w) => w.start === STARTS[1]), { fx: 'start', x: 'step', y: 'weight', text: 'unit', textAnchor: 'start', dx: 4, fill: 'currentColor' }),
        Plot.text(sameEnd, { fx: 'start', x: 'step', y: 'weight', text: () => sameLabel, textAnchor: 'end', dy: -10, fill: 'currentColor' }),
      ],
    }) as unknown as Element;
    const lossRows = rows.filter((w) => w.unit === 'unit 1' && w.loss > 0);
    const bottom = Plot.plot({
      document, width: 640, height: 170, marginRight: 90, ariaLabel: 'loss of both runs over training, log scale',
      x: { label: 'step' },
      y: { type: 'log', label: 'loss (log scale)', grid: true, tickFormat: (v: number) => (v >= 0.01 && v <= 100 ? String(+v.toPrecision(2)) : `1e${Math.round(Math.log10(v))}`) },
      color: { domain: STARTS, range: [pair.identical, pair.random] },
      marks: [
        Plot.line(lossRows.filter((w) => w.start === STARTS[0]), { x: 'step', y: 'loss', stroke: 'start', strokeWidth: 2, strokeDasharray: '6 3' }),
        Plot.line(lossRows.filter((w) => w.start === STARTS[1]), { x: 'step', y: 'loss', stroke: 'start', strokeWidth: 2 }),
        Plot.text(lossRows.filter((w) => w.step === (w.start === STARTS[0] ? same.rows - 1 : rand.rows - 1)), {
          x: 'step', y: 'loss', text: 'start', textAnchor: 'start', dx: 4, fill: 'currentColor',
        }),
      ],
    }) as unknown as Element;
    const node = document.createElement('div');
    node.append(top, bottom);
    const fin = runs.map((t) => t.loss[t.rows - 1].toExponential(1));
    const w = last.filter((x) => x.start === STARTS[1]).map((x) => x.weight);
    const diverged = runs.find((t) => t.diverged)?.diverged;
    return {
      node,
      rows,
      alt:
        `Left, identical start: all ${d} hidden units follow one path; the largest distance between any two units is ` +
        `${sameGap === 0 ? `exactly 0 at every one of ${same.rows} recorded steps` : sameGap.toExponential(2)}. ` +
        `Right, random start: the ${d} units take ${d} different paths and end between ${Math.min(...w).toFixed(3)} ` +
        `and ${Math.max(...w).toFixed(3)}. Final loss: identical ${fin[0]}, random ${fin[1]}.`,
      note: diverged ? `${diverged.message}: lower the learning rate or the initial scale.` : undefined,
    };
  },
};
export default figure;
