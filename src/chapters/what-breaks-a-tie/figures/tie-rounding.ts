import * as Plot from '@observablehq/plot';
import { logAxis } from '../../../figure/axes.ts';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { labels } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { startParams, SETUP } from '../mechanisms.ts';
import { gapRun, plateauLaw, ROUNDING } from '../rounding.ts';
import type { Precision, SumOrder } from '../sums.ts';

/** What the chart shows while the runs are still going: nothing yet, and a note saying so. */
const blank = (what: string) => ({
  series: [], faint: [], points: [], rounding: [], line: [], fit: { slope: 0, intercept: 0, r2: 0 }, oneMinusR2: 1, steps: 1, rate: 0, lr: ROUNDING.lr, escapeGap: ROUNDING.escapeGap, all: {}, rows: [], alt: what, note: what,
});
const ORDERS = [['blocked', 'f64'], ['blocked', 'f32'], ['pairwise', 'f64'], ['pairwise', 'f32']] as const;

/** A tie broken by rounding alone: when the units split and escape, against the plateau law measured with deliberate ε on the same network. */
export default defineFigure({
  code: ['chapters/what-breaks-a-tie/rounding.ts#gapRun', 'chapters/what-breaks-a-tie/rounding.ts#plateauLaw'],
  controls: {
    order: { kind: 'select', label: 'Summation order', value: 'blocked', options: [{ value: 'blocked', label: 'blocked, by row' }, { value: 'pairwise', label: 'pairwise, by row' }] },
    precision: { kind: 'select', label: 'Reductions in', value: 'f64', options: [{ value: 'f64', label: 'float64' }, { value: 'f32', label: 'float32 (Math.fround)' }] },
  },
  worker: true,
  // Six ε runs and four rounding runs of up to 2600 steps: about 0.4 s natively and 9 s in QuickJS; ten times that for an edited cell.
  cell: { limit: 100_000 },
  compute({ order, precision }, ctx) {
    const law = ctx.memo('tie:plateau-law', () => plateauLaw('tanh', (f) => ctx.progress(0.6 * f, () => blank('Measuring the plateau law…'))));
    const all = ORDERS.map(([o, p], i) => {
      const r = ctx.memo(`tie:rounding:${o}:${p}`, () => gapRun('tanh', startParams({ k: SETUP.k, d: SETUP.d }, 'tied'), o as SumOrder, p as Precision));
      ctx.progress(0.6 + 0.1 * (i + 1), () => blank('Running the rounding runs…'));
      const eps = r.split !== null ? r.gap[r.split] : null;
      const predicted = law.fit && eps ? law.fit.intercept + law.fit.slope * Math.log(1 / eps) : null;
      return { order: o, precision: p, split: r.split, eps, escape: r.escape, predicted, gap: r.gap };
    });
    const chosen = all.find((a) => a.order === order && a.precision === precision)!;
    const series = chosen.gap.map((gap, step) => ({ step, gap, who: 'rounding only' })).filter((r) => r.gap > 0);
    const faint = law.runs.flatMap((r) => r.gap.map((gap, step) => ({ step, gap, who: `ε = ${r.eps}` })).filter((_, i) => i % 10 === 0));
    const points = law.runs.filter((r) => r.escape !== null).map((r) => ({ x: Math.log(1 / r.eps), y: r.escape!, kind: 'deliberate ε' }));
    const rounding = all.filter((a) => a.eps && a.escape).map((a) => ({ x: Math.log(1 / a.eps!), y: a.escape!, kind: `${a.order} ${a.precision}` }));
    const fit = law.fit ?? { slope: 0, intercept: 0, r2: 0 };
    const xs = [...points, ...rounding].map((p) => p.x);
    const line = [Math.min(...xs), Math.max(...xs)].map((x) => ({ x, y: fit.intercept + fit.slope * x }));
    const summary = (a: (typeof all)[number]) => `${a.order} ${a.precision}: split at step ${a.split ?? '—'} by ${a.eps ? fmt(a.eps, 2) : '—'}, escape at ${a.escape ?? '—'}, plateau law ${a.predicted !== null ? fmt(a.predicted) : '—'}`;
    return {
      series, faint, points, rounding, line, fit, oneMinusR2: 1 - fit.r2, steps: chosen.gap.length - 1,
      // The plateau's growth rate per unit time ηt: the slope is steps per unit ln(1/ε), so the rate is 1/(η·slope).
      rate: fit.slope > 0 ? 1 / (fit.slope * ROUNDING.lr) : null,
      lr: ROUNDING.lr, escapeGap: ROUNDING.escapeGap,
      // A missing value stays null, so the prose's <Value> fails the build instead of printing a sentinel.
      all: Object.fromEntries(all.map((a) => [`${a.order}${a.precision.slice(1)}`, { split: a.split, eps: a.eps, escape: a.escape, predicted: a.predicted, ratio: a.escape && a.predicted ? a.escape / a.predicted : null }])),
      rows: all.map((a) => ({ order: a.order, precision: a.precision, split_step: a.split, gap_at_split: a.eps, escape_step: a.escape, plateau_law_step: a.predicted })),
      alt: `tanh units from an identical start, η = ${ROUNDING.lr}. Plateau law on deliberate ε: escape = ${fmt(fit.intercept)} + ${fmt(fit.slope)}·ln(1/ε) steps (R² = ${fmt(fit.r2, 5)}). ${all.map(summary).join('; ')}.`,
      note: chosen.escape === null ? `No escape within ${ROUNDING.maxSteps} steps.` : undefined,
    };
  },
  draw(d, document, view) {
    const top = plot(document, {
      width: view.width, height: 240, marginLeft: 56,
      x: { label: 'gradient-descent step', domain: [0, d.steps] },
      y: { ...logAxis('gap between the units', [1e-18, 10]), grid: true },
      ariaLabel: 'The gap between the units over the run',
      marks: [
        Plot.line(d.faint, { x: 'step', y: 'gap', z: 'who', stroke: palette[7], strokeOpacity: 0.5 }),
        Plot.line(d.series, { x: 'step', y: 'gap', stroke: palette[0], strokeWidth: 2 }),
        Plot.ruleY([ROUNDING.escapeGap], { stroke: 'currentColor', strokeDasharray: '3 3' }),
        labels([
          { text: 'rounding only', x: d.series.at(-1)?.step ?? 0, y: d.series.at(-1)?.gap ?? 1, anchor: 'end', dy: -12, fill: ink(0) },
          { text: 'deliberate ε, 10⁻³ … 10⁻¹³', fx: 0.02, fy: 0.08, anchor: 'start', fill: ink(7) },
        ]),
      ],
    });
    const law = plot(document, {
      width: view.width, height: 230, marginLeft: 56,
      x: { label: 'ln(1/ε), ε = initial gap', grid: true }, y: { label: 'escape step (gap > 0.3)', grid: true },
      ariaLabel: 'Escape step against ln(1/ε)',
      marks: [
        Plot.line(d.line, { x: 'x', y: 'y', stroke: palette[7], strokeDasharray: '6 4' }),
        Plot.dot(d.points, { x: 'x', y: 'y', fill: palette[7], r: 4 }),
        Plot.dot(d.rounding, { x: 'x', y: 'y', stroke: palette[0], strokeWidth: 2, r: 6, symbol: 'diamond' }),
        labels([
          { text: `plateau law: ${fmt(d.fit.slope)} steps per unit ln(1/ε)`, fx: 0.02, fy: 0.06, anchor: 'start', fill: ink(7) },
          { text: 'rounding runs (ε = gap at the split)', fx: 0.98, fy: 0.94, anchor: 'end', fill: ink(0) },
        ]),
      ],
    });
    return stack(document, [top, law]);
  },
});
