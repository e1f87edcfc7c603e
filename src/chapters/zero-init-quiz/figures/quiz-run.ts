import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { palette, pair } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { teacherData } from '../network.ts';
import { QUIZ_STARTS, quizRun, type QuizStart } from '../runs.ts';

const colour: Record<QuizStart, string> = { zero: palette[2], identical: pair.identical, random: pair.random };
const dash: Record<QuizStart, string> = { zero: 'none', identical: '6 3', random: '2 2' };
const name: Record<QuizStart, string> = { zero: 'all-zero start', identical: 'identical start', random: 'random start' };

/** One sampled state of one run: the CSV row and what the charts plot. */
interface Row {
  start: QuizStart;
  step: number;
  /** ‖W‖ + ‖v‖. */
  weights: number;
  W: number;
  v: number;
  c: number;
  accuracy: number;
}

/** The quiz, run: SGD from the zero, identical and random starts on teacher data; weight size and accuracy. */
export default defineFigure({
  code: ['chapters/zero-init-quiz/network.ts#quizModel', 'chapters/zero-init-quiz/runs.ts#quizRun'],
  controls: {
    lr: { kind: 'range', label: 'Learning rate η', min: 0.01, max: 0.2, step: 0.01, value: 0.05 },
    epochs: { kind: 'range', label: 'Epochs', min: 1, max: 20, step: 1, value: 5, integer: true },
    data: { kind: 'range', label: 'Data set (teacher seed)', min: 1, max: 20, step: 1, value: 1, integer: true },
  },
  compute({ lr, epochs, data: seed }, ctx) {
    // Rejection sampling makes the data the costliest part of a re-render: make each data set once.
    const data = ctx.memo(`zero-init-quiz:teacher:${seed}`, () => teacherData({ n: 200, seed }));
    const runs = QUIZ_STARTS.map((start) => quizRun({ start, data, lr, epochs }));
    const rows: Row[] = runs.flatMap((r) => r.rows.map(({ start, step, norm, w, v, c, accuracy }) => ({ start, step, weights: norm, W: w, v, c, accuracy })));
    const ends = QUIZ_STARTS.map((s) => rows.filter((r) => r.start === s).at(-1)!);
    const zero = runs[0].trace;
    // "Exactly 0" is checked on every recorded state of the trace, not just the sampled rows.
    const zeroExact = zero.params.every((v, i) => i % zero.nParams === zero.layout.ib2 || v === 0);
    const steps = ends[0].step;
    const diverged = runs.find((r) => r.trace.diverged);
    const [z, id, rnd] = ends;
    const firsts = QUIZ_STARTS.map((s) => rows.find((r) => r.start === s)!);
    const identicalFrom = firsts[1].weights;
    return {
      rows,
      /** The first (step 0) and last sampled row of each start, in QUIZ_STARTS order. */
      firsts,
      ends,
      zeroExact,
      steps,
      alt:
        `SGD for ${steps} steps on 200 teacher-labelled examples (data set ${seed}). ` +
        `The ${name.zero}: every weight ${zeroExact ? 'is exactly 0 at every step' : `reaches ${z.weights}`}, only the output bias moves (to ${z.c.toFixed(3)}), accuracy ${z.accuracy.toFixed(3)}. ` +
        `The ${name.identical}: weights move (from ${identicalFrom.toFixed(2)} to ${id.weights.toFixed(2)}), accuracy ${id.accuracy.toFixed(3)}. ` +
        `The ${name.random}: weights ${rnd.weights.toFixed(2)}, accuracy ${rnd.accuracy.toFixed(3)}.`,
      note: diverged ? `${diverged.trace.diverged!.message} (${diverged.rows[0].start} start): lower the learning rate.` : undefined,
    };
  },
  draw({ rows, ends, zeroExact }, document) {
    const lines = (y: 'weights' | 'accuracy') =>
      QUIZ_STARTS.map((s) => Plot.line(rows.filter((r) => r.start === s), { x: 'step', y, stroke: colour[s], strokeWidth: s === 'zero' ? 3 : 2, strokeDasharray: dash[s] }));
    const norm = plot(document, {
      width: 640, height: 220, marginLeft: 48, marginRight: 150,
      ariaLabel: 'Size of all weights over SGD steps for the three starts',
      x: { label: 'SGD step' }, y: { label: '‖W‖ + ‖v‖', grid: true },
      marks: [
        Plot.ruleY([0]),
        ...lines('weights'),
        Plot.text(ends, {
          x: 'step', y: 'weights', dx: 6, textAnchor: 'start', fill: (r: Row) => colour[r.start],
          text: (r: Row) => (r.start === 'zero' ? `zero: ${zeroExact ? 'exactly 0 at every step' : r.weights.toPrecision(2)}` : `${r.start}: ${r.weights.toFixed(2)}`),
        }),
      ],
    });
    const acc = plot(document, {
      width: 640, height: 220, marginLeft: 48, marginRight: 150,
      ariaLabel: 'Training accuracy over SGD steps for the three starts',
      x: { label: 'SGD step' }, y: { label: 'accuracy', domain: [0.4, 1], grid: true, percent: false },
      marks: [
        ...lines('accuracy'),
        Plot.text(ends, { x: 'step', y: 'accuracy', dx: 6, textAnchor: 'start', fill: (r: Row) => colour[r.start], text: (r: Row) => `${r.start}: ${r.accuracy.toFixed(3)}${r.accuracy === 0.5 ? ' (chance)' : ''}` }),
      ],
    });
    return stack(document, [norm, acc]);
  },
});
