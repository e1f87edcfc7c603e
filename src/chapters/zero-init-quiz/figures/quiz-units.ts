import * as Plot from '@observablehq/plot';
import { idxW, paramsAt } from '../../../core/trace.ts';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { labels } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { quizModel, teacherData } from '../network.ts';
import { collapseToOneUnit, quizRun } from '../runs.ts';

const EPOCHS = 5;
const EVERY = 5; // plot every 5th of the 1000 steps: 200 points a line is smooth at the widest drawing (928 px)

/** One weight at one step: into unit `line` from the chosen input (top), or from input `line` into unit 1 (bottom). */
interface Point {
  step: number;
  weight: number;
  line: number;
}

/** The identical start: ten hidden units' weights from one input coincide; one unit's weights from ten inputs do not. */
export default defineFigure({
  code: ['chapters/zero-init-quiz/network.ts#quizModel', 'chapters/zero-init-quiz/runs.ts#collapseToOneUnit'],
  controls: {
    start: {
      kind: 'select', label: 'Start', value: 'identical',
      options: [{ value: 'identical', label: 'identical units, random weights' }, { value: 'constant', label: 'every parameter 0.1' }],
    },
    input: { kind: 'range', label: 'Input l', min: 1, max: 10, step: 1, value: 1, integer: true },
    lr: { kind: 'range', label: 'Learning rate η', min: 0.01, max: 0.2, step: 0.01, value: 0.05 },
  },
  compute({ start, input, lr }, ctx) {
    const data = ctx.memo('zero-init-quiz:teacher:1', () => teacherData({ n: 200, seed: 1 })); // fixed data: make it once
    const l = input - 1;
    const init = start === 'constant' ? { kind: 'constant' as const, c: 0.1 } : undefined;
    const { trace: t } = quizRun({ start: 'identical', init, data, lr, epochs: EPOCHS, every: 1e9 });
    const { k, d } = t.layout;
    const units: Point[] = [];
    const inputs: Point[] = [];
    const last = t.rows - 1;
    for (let s = 0; ; s = Math.min(s + EVERY, last)) {
      for (let j = 0; j < d; j++) units.push({ step: s, weight: t.params[s * t.nParams + idxW(t, l, j)], line: j + 1 });
      for (let i = 0; i < k; i++) inputs.push({ step: s, weight: t.params[s * t.nParams + idxW(t, i, 0)], line: i + 1 });
      if (s === last) break;
    }
    const widest = t.gapIn.reduce((m, g) => Math.max(m, g), 0);
    // The ten-unit network against the one-unit network it collapses to, on every example.
    const model = quizModel(data, { loss: 'logistic' });
    const p = paramsAt(t, last);
    const ten = model.predict(p, new Float64Array(data.n));
    const one = quizModel(data, { loss: 'logistic', d: 1 }).predict(collapseToOneUnit(t.layout, p), new Float64Array(data.n));
    const outGap = ten.reduce((m, o, i) => Math.max(m, Math.abs(o - one[i])), 0);
    const spread = inputs.filter((q) => q.step === last).map((q) => q.weight);
    const fan = Math.max(...spread) - Math.min(...spread);
    const unitWeights = units.map((q) => q.weight);
    const startText = start === 'constant' ? 'every parameter 0.1' : 'ten copies of one random unit';
    // The first SGD step from "every parameter 0.1", whichever start is shown: one step, so it costs nothing.
    const firstStep = ctx.memo(`quiz-units:constant-step:${lr}`, () => {
      const { trace: c } = quizRun({ start: 'identical', init: { kind: 'constant', c: 0.1 }, data, lr, epochs: 1, every: 1e9 });
      const delta = (l: number, j: number) => c.params[c.nParams + idxW(c, l, j)] - c.params[idxW(c, l, j)];
      const intoUnit1 = Array.from({ length: c.layout.k }, (_, i) => delta(i, 0));
      let unitGap = 0; // largest |ΔW[l, j] − ΔW[l, 1]|: the ten units' updates from one input
      for (let i = 0; i < c.layout.k; i++) for (let j = 1; j < c.layout.d; j++) unitGap = Math.max(unitGap, Math.abs(delta(i, j) - delta(i, 0)));
      return { min: Math.min(...intoUnit1), max: Math.max(...intoUnit1), unitGap };
    });
    return {
      rows: [...units.map((q) => ({ panel: 'units', input: l + 1, unit: q.line, step: q.step, weight: q.weight })),
        ...inputs.map((q) => ({ panel: 'inputs', input: q.line, unit: 1, step: q.step, weight: q.weight }))],
      units,
      inputs,
      /** Hidden units (lines in the top chart) and inputs (lines in the bottom one). */
      d,
      k,
      input,
      last,
      /** Largest distance between two units' incoming weights over every step (0: the ten units never part). */
      widest,
      /** Largest |output| difference between the ten-unit net and its one-unit collapse. */
      outGap,
      /** How far apart unit 1's weights from the ten inputs end, and the highest of them. */
      fan,
      top: Math.max(...spread),
      /** Whether the top chart's line ends in the upper half of its range: its note then goes in the lower corner. */
      endsHigh: units[units.length - 1].weight > (Math.min(...unitWeights) + Math.max(...unitWeights)) / 2,
      /** From every parameter 0.1, the first step: the smallest and largest change of unit 1's ten incoming weights, and how far the ten units' changes from one input differ (0: not at all). */
      firstStep,
      alt:
        `Start: ${startText}; ${last} SGD steps. Top: the weight from input ${input} into each of the ten hidden units; ` +
        `${widest === 0 ? 'the ten lines coincide exactly (largest distance between two units’ incoming weights: 0 at every step)' : `units drift apart by ${widest}`}. ` +
        `The ten-unit network's outputs match a single unit with output weight Σv to within ${outGap.toExponential(1)}. ` +
        `Bottom: unit 1's weights from the ten inputs take ten different paths, ending ${fan.toFixed(3)} apart.`,
      note: t.diverged ? `${t.diverged.message}: lower the learning rate.` : undefined,
    };
  },
  draw({ units, inputs, d, k, input, last, widest, fan, top, endsHigh }, document, view) {
    const end = (pts: Point[], line: number) => pts.find((q) => q.step === last && q.line === line)!;
    const size = { width: view.width, height: view.width < 600 ? 230 : 250, marginLeft: 52, marginRight: 24 };
    const x = { label: 'SGD step (one example each)' };
    const a = plot(document, {
      ...size, x,
      ariaLabel: `Weight from input ${input} into each of the ten hidden units over SGD steps`,
      y: { label: `weight W[${input}, j] into unit j = 1…${d}`, grid: true },
      marks: [
        ...Array.from({ length: d }, (_, j) =>
          Plot.line(units.filter((q) => q.line === j + 1), { x: 'step', y: 'weight', stroke: palette[j % palette.length], strokeWidth: 2, strokeDasharray: j === 0 ? 'none' : `${2 + j} ${2 + j}` })),
        // Two short lines rather than one long one, so both fit a phone's chart; in the corner the line leaves free.
        labels((widest === 0 ? [`${d} units, ${d} lines drawn:`, 'one line (largest gap exactly 0)'] : [`largest gap between units ${widest.toPrecision(2)}`])
          .map((text, i) => ({ text, fx: 1, fy: endsHigh ? 1 : 0, anchor: 'end', dx: -4, dy: (endsHigh ? -30 : 10) + 16 * i }))),
      ],
    });
    const b = plot(document, {
      ...size, x,
      ariaLabel: 'Weights from each of the ten inputs into hidden unit 1 over SGD steps',
      y: { label: `weight into unit 1 from input i = 1…${k}`, grid: true },
      marks: [
        Plot.line(inputs, { x: 'step', y: 'weight', z: 'line', stroke: 'currentColor', strokeOpacity: 0.35, strokeWidth: 1 }),
        Plot.line(inputs.filter((q) => q.line === input), { x: 'step', y: 'weight', stroke: palette[0], strokeWidth: 2.5 }),
        labels([
          { text: `input ${input}`, x: last, y: end(inputs, input).weight, anchor: 'end', dy: -12, fill: ink(0) },
          { text: `${k} inputs: spread ${fan.toFixed(3)}`, x: last, y: top, anchor: 'end', dy: -12 },
        ]),
      ],
    });
    return stack(document, [a, b]);
  },
});
