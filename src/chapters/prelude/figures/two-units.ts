import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { row, stack } from '../../../figure/dom.ts';
import { labels } from '../../../figure/labels.ts';
import { network } from '../../../figure/network.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { twoUnitsGrad, twoUnitsRun } from '../two-units.ts';

const STEPS = 60;
const [X, Y] = [1, 2]; // the one example (x, y)

/** Two hidden units from starts that differ by δ: their weights over gradient-descent steps. */
export default defineFigure({
  code: ['chapters/prelude/two-units.ts#twoUnitsGrad'],
  controls: {
    delta: { kind: 'range', label: 'Start difference δ', min: 0, max: 0.5, step: 0.01, value: 0 },
    rate: { kind: 'range', label: 'Learning rate', min: 0.01, max: 0.3, step: 0.01, value: 0.05 },
  },
  compute({ delta, rate }) {
    const start = { w1: 0.3, w2: 0.3 + delta, v1: 0.5, v2: 0.5 + delta };
    const { rows, diverged } = twoUnitsRun(start, X, Y, rate, STEPS);
    const last = rows[rows.length - 1];
    const gap = Math.abs(last.w1 - last.w2);
    return {
      rows,
      gap,
      /** The start and the one example, and the gradient there (the chapter's exercise checks a hand computation against it). */
      start: { ...start, x: X, y: Y },
      startGrad: twoUnitsGrad(start, X, Y),
      alt: `Incoming weights of two hidden units over ${rows.length - 1} steps from starts ${delta} apart; after training ${gap === 0 ? 'they are exactly equal, one line on top of the other' : `they differ by ${gap.toPrecision(3)}`}.`,
      note: diverged === null ? undefined : `Diverged at step ${diverged}: lower the learning rate.`,
    };
  },
  // After compute: placed before it, this untyped callback would stop TS inferring the data type from compute.
  timeline: { steps: (d) => d.rows.length - 1 },
  draw({ rows }, document, view) {
    const shown = rows.slice(0, (view.step ?? rows.length - 1) + 1);
    const end = shown[shown.length - 1];
    const tied = end.w1 === end.w2;
    // Side by side on a wide screen, the network above the chart on a phone.
    const wide = view.width >= 600;
    const netWidth = wide ? 220 : view.width;
    // One scale for the whole run, so an edge's width means the same weight at every step.
    const scale = Math.max(...rows.map((r) => Math.max(Math.abs(r.w1), Math.abs(r.w2), Math.abs(r.v1), Math.abs(r.v2))));
    const net = network(document, {
      layers: [1, 2, 1],
      weights: [[[end.w1], [end.w2]], [[end.v1, end.v2]]],
      labels: [['x'], ['h₁', 'h₂'], ['ŷ']],
      width: netWidth,
      height: wide ? 260 : 170,
      scale,
      title: `The network at step ${end.step}: w₁ = ${end.w1.toPrecision(3)}, w₂ = ${end.w2.toPrecision(3)}, v₁ = ${end.v1.toPrecision(3)}, v₂ = ${end.v2.toPrecision(3)}${tied ? '; the two hidden units are tied' : ''}.`,
    });
    const chart = plot(document, {
      width: wide ? view.width - netWidth - 16 : view.width,
      height: 260,
      marginLeft: 48,
      x: { label: 'gradient-descent step', domain: [0, rows.length - 1] },
      y: { label: 'incoming weight w', grid: true, domain: [Math.min(...rows.map((r) => Math.min(r.w1, r.w2))), Math.max(...rows.map((r) => Math.max(r.w1, r.w2)))], nice: true },
      marks: [
        Plot.line(shown, { x: 'step', y: 'w1', stroke: palette[0], strokeWidth: 2 }),
        // Dashed so the two lines stay distinguishable when they lie on top of each other.
        Plot.line(shown, { x: 'step', y: 'w2', stroke: palette[1], strokeWidth: 2, strokeDasharray: '6 4' }),
        labels(tied
          ? [{ text: 'units 1 and 2 (identical)', x: end.step, y: end.w1, anchor: 'end', dy: 14, fill: ink(1) }]
          : [
            { text: 'unit 1', x: end.step, y: end.w1, anchor: 'end', dy: end.w1 >= end.w2 ? -12 : 12, fill: ink(0) },
            { text: 'unit 2', x: end.step, y: end.w2, anchor: 'end', dy: end.w2 > end.w1 ? -12 : 12, fill: ink(1) },
          ]),
      ],
    });
    return stack(document, [row(document, wide ? [chart, net] : [net, chart])]);
  },
});
