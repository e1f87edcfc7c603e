import * as Plot from '@observablehq/plot';
import type { FigureModule } from '../../../figure/types.ts';
import { palette, pair } from '../../../figure/palette.ts';
import { teacherData } from '../network.ts';
import { QUIZ_STARTS, quizRun, type QuizRow, type QuizStart } from '../runs.ts';

const colour: Record<QuizStart, string> = { zero: palette[2], identical: pair.identical, random: pair.random };
const dash: Record<QuizStart, string> = { zero: 'none', identical: '6 3', random: '2 2' };
const name: Record<QuizStart, string> = { zero: 'all-zero start', identical: 'identical start', random: 'random start' };

/** The quiz, run: SGD from the zero, identical and random starts on teacher data; weight size and accuracy. */
const figure: FigureModule = {
  code: ['chapters/zero-init-quiz/network.ts#quizModel', 'chapters/zero-init-quiz/runs.ts#quizRun'],
  controls: [
    { kind: 'range', name: 'lr', label: 'Learning rate η', min: 0.01, max: 0.2, step: 0.01, value: 0.05 },
    { kind: 'range', name: 'epochs', label: 'Epochs', min: 1, max: 20, step: 1, value: 5, integer: true },
    { kind: 'range', name: 'data', label: 'Data set (teacher seed)', min: 1, max: 20, step: 1, value: 1, integer: true },
  ],
  render(params, document, ctx) {
    const seed = Number(params.data);
    // Rejection sampling makes the data the costliest part of a re-render: keep the last data set.
    const kept = ctx.state.data as { seed: number; data: ReturnType<typeof teacherData> } | undefined;
    const data = kept?.seed === seed ? kept.data : teacherData({ n: 200, seed });
    ctx.state.data = { seed, data };
    const runs = QUIZ_STARTS.map((start) => quizRun({ start, data, lr: Number(params.lr), epochs: Number(params.epochs) }));
    const rows: QuizRow[] = runs.flatMap((r) => r.rows);
    const last = (s: QuizStart) => runs[QUIZ_STARTS.indexOf(s)].rows.at(-1)!;
    const zeroRows = runs[0].rows;
    // "Exactly 0" is checked on every recorded state of the trace, not just the sampled rows.
    const zeroExact = runs[0].trace.params.every((v, i) => i % runs[0].trace.nParams === runs[0].trace.layout.ib2 || v === 0);
    const steps = zeroRows.at(-1)!.step;
    const diverged = runs.find((r) => r.trace.diverged);
    const ends = QUIZ_STARTS.map(last);
    const lines = (y: 'norm' | 'accuracy') =>
      QUIZ_STARTS.map((s) => Plot.line(rows.filter((r) => r.start === s), { x: 'step', y, stroke: colour[s], strokeWidth: s === 'zero' ? 3 : 2, strokeDasharray: dash[s] }));
    const norm = Plot.plot({
      document, width: 640, height: 220, marginLeft: 48, marginRight: 150,
      ariaLabel: 'Size of all weights over SGD steps for the three starts',
      x: { label: 'SGD step' }, y: { label: '‖W‖ + ‖v‖', grid: true },
      marks: [
        Plot.ruleY([0]),
        ...lines('norm'),
        Plot.text(ends, {
          x: 'step', y: 'norm', dx: 6, textAnchor: 'start', fill: (r: QuizRow) => colour[r.start],
          text: (r: QuizRow) => (r.start === 'zero' ? `zero: ${zeroExact ? 'exactly 0 at every step' : r.norm.toPrecision(2)}` : `${r.start}: ${r.norm.toFixed(2)}`),
        }),
      ],
    }) as unknown as Element;
    const acc = Plot.plot({
      document, width: 640, height: 220, marginLeft: 48, marginRight: 150,
      ariaLabel: 'Training accuracy over SGD steps for the three starts',
      x: { label: 'SGD step' }, y: { label: 'accuracy', domain: [0.4, 1], grid: true, percent: false },
      marks: [
        ...lines('accuracy'),
        Plot.text(ends, { x: 'step', y: 'accuracy', dx: 6, textAnchor: 'start', fill: (r: QuizRow) => colour[r.start], text: (r: QuizRow) => `${r.start}: ${r.accuracy.toFixed(3)}${r.accuracy === 0.5 ? ' (chance)' : ''}` }),
      ],
    }) as unknown as Element;
    const node = document.createElement('div');
    node.append(norm, acc);
    const [z, id, rnd] = ends;
    return {
      node,
      rows: rows.map(({ start, step, norm: size, w, v, c, accuracy }) => ({ start, step, weights: size, W: w, v, c, accuracy })),
      alt:
        `SGD for ${steps} steps on 200 teacher-labelled examples (data set ${params.data}). ` +
        `The ${name.zero}: every weight ${zeroExact ? 'is exactly 0 at every step' : `reaches ${z.norm}`}, only the output bias moves (to ${z.c.toFixed(3)}), accuracy ${z.accuracy.toFixed(3)}. ` +
        `The ${name.identical}: weights move (from ${runs[1].rows[0].norm.toFixed(2)} to ${id.norm.toFixed(2)}), accuracy ${id.accuracy.toFixed(3)}. ` +
        `The ${name.random}: weights ${rnd.norm.toFixed(2)}, accuracy ${rnd.accuracy.toFixed(3)}.`,
      note: diverged ? `${diverged.trace.diverged!.message} (${diverged.rows[0].start} start): lower the learning rate.` : undefined,
    };
  },
};
export default figure;
