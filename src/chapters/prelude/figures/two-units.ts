import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
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
  draw({ rows }, document) {
    return plot(document, {
      width: 640,
      height: 260,
      marginLeft: 48,
      x: { label: 'step' },
      y: { label: 'incoming weight w', grid: true },
      marks: [
        Plot.line(rows, { x: 'step', y: 'w1', stroke: '#1d5fa8', strokeWidth: 2 }),
        // Dashed so the two lines stay distinguishable when they lie on top of each other.
        Plot.line(rows, { x: 'step', y: 'w2', stroke: '#b04a12', strokeWidth: 2, strokeDasharray: '6 4' }),
        Plot.text(rows.slice(-1), { x: 'step', y: 'w1', text: () => 'unit 1', dy: -10, textAnchor: 'end', fill: '#1d5fa8' }),
        Plot.text(rows.slice(-1), { x: 'step', y: 'w2', text: () => 'unit 2', dy: 12, textAnchor: 'end', fill: '#b04a12' }),
      ],
    });
  },
});
