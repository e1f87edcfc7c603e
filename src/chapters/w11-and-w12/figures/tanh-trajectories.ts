import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { fmt } from '../../../figure/format.ts';
import { pair } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { idxW, idxW2, mlpModel, regressionData, train, type Trace } from '../../../core/index.ts';

const data = regressionData({ n: 32, k: 2, teacher: 'tanh' });
const model = mlpModel(data, { d: 2, activation: 'tanh' });
const EPOCHS = 30;
const GD_STEPS = 300;
// At most this many points per line: enough for a 640-px chart, cheap for Plot.
const POINTS = 200;
const STARTS = ['identical', 'random'] as const;
const PAIRS = ['W₁₁ and W₁₂', 'V₁ and V₂'] as const;

/** Largest |a_s − b_s| over a run for parameters qa and qb (0 means they never differed). */
function maxGap(t: Trace, qa: number, qb: number): number {
  let g = 0;
  for (let s = 0; s < t.rows; s++) g = Math.max(g, Math.abs(t.params[s * t.nParams + qa] - t.params[s * t.nParams + qb]));
  return g;
}

/** One point of a weight's path: which start, which pair (W or V), which unit. */
interface Point {
  step: number;
  start: string;
  pair: string;
  unit: number;
  value: number;
}

/** W₁₁ vs W₁₂ and V₁ vs V₂ over training, from an identical start and from a random start. */
export default defineFigure({
  code: ['core/mlp.ts#mlpModel', 'core/train.ts#train'],
  controls: {
    optimizer: { kind: 'select', label: 'Optimizer', value: 'sgd', options: [
      { value: 'sgd', label: 'SGD, one example per step' }, { value: 'gd', label: 'full-batch gradient descent' }] },
    lr: { kind: 'range', label: 'Learning rate η', min: 0.01, max: 0.3, step: 0.01, value: 0.05 },
    seed: { kind: 'range', label: 'Seed of the start', min: 1, max: 20, step: 1, value: 3, integer: true },
  },
  compute({ optimizer, lr, seed }) {
    // SGD: 30 passes of one example per step; GD: each step already sees all 32 examples, so fewer steps.
    const steps = optimizer === 'sgd' ? EPOCHS * data.n : GD_STEPS;
    const rows: Point[] = [];
    const ends: (Point & { label: string })[] = [];
    // Largest difference within each pair over the whole run, per start: 0 means one line throughout.
    const gaps: { start: (typeof STARTS)[number]; pair: (typeof PAIRS)[number]; gap: number }[] = [];
    const notes: string[] = [];
    for (const start of STARTS) {
      const t = train(model, { init: { kind: start === 'identical' ? 'identical' : 'normal' }, optimizer, lr, steps, seed });
      if (t.diverged) notes.push(`${start} start ${t.diverged.message}: lower the learning rate`);
      const stride = Math.ceil(t.rows / POINTS);
      const pairs = [[PAIRS[0], idxW(t, 0, 0), idxW(t, 0, 1)], [PAIRS[1], idxW2(t, 0), idxW2(t, 1)]] as const;
      for (const [name, qa, qb] of pairs) {
        const gap = maxGap(t, qa, qb);
        gaps.push({ start, pair: name, gap });
        for (const [unit, q] of [[1, qa], [2, qb]] as const) {
          for (let s = 0; s < t.rows; s += stride) rows.push({ step: s, start: `${start} start`, pair: name, unit, value: t.params[s * t.nParams + q] });
          const last = t.rows - 1;
          const sub = unit === 1 ? '₁' : '₂';
          const label = gap === 0 ? (name.startsWith('W') ? 'W₁₁ = W₁₂' : 'V₁ = V₂') : name.startsWith('W') ? `W₁${sub}` : `V${sub}`;
          if (gap === 0 && unit === 2) continue;
          ends.push({ step: last, start: `${start} start`, pair: name, unit, value: t.params[last * t.nParams + q], label });
        }
      }
    }
    const facts = gaps.map((g) => `${g.start} start, ${g.pair}: largest difference ${g.gap === 0 ? 'exactly 0' : fmt(g.gap)}`);
    return {
      rows,
      ends,
      gaps,
      steps,
      optimizer,
      alt: `After ${steps} steps at η = ${lr}: ${facts.join('; ')}.`,
      note: notes.length ? `${notes.join('; ')}.` : undefined,
    };
  },
  draw({ rows, ends, optimizer }, document) {
    return plot(document, {
      width: 640, height: 360, marginLeft: 50, marginRight: 72,
      ariaLabel: 'Weights of hidden units 1 and 2 over training, identical start and random start',
      x: { label: optimizer === 'sgd' ? 'SGD step (one example each)' : 'gradient-descent step' },
      y: { label: 'weight', grid: true },
      fx: { label: null, domain: [...PAIRS] }, fy: { label: null, tickFormat: (d: string) => d.replace(' start', '') },
      marks: [
        Plot.frame({ strokeOpacity: 0.2 }),
        // One mark per (start, unit) with a constant colour and dash: cheaper than per-point channels.
        ...STARTS.flatMap((start) => [1, 2].map((unit) => Plot.line(
          rows.filter((r) => r.unit === unit && r.start === `${start} start`),
          { x: 'step', y: 'value', fx: 'pair', fy: 'start', stroke: pair[start], strokeWidth: 2, strokeDasharray: unit === 2 ? '5 4' : 'none' }))),
        // Labels sit just left of the line ends, above unit 1 and below unit 2, inside their own panel.
        Plot.text(ends.filter((r) => r.unit === 1), { x: 'step', y: 'value', fx: 'pair', fy: 'start', text: 'label', dy: -9, textAnchor: 'end' }),
        Plot.text(ends.filter((r) => r.unit === 2), { x: 'step', y: 'value', fx: 'pair', fy: 'start', text: 'label', dy: 11, textAnchor: 'end' }),
      ],
    });
  },
});
