import * as Plot from '@observablehq/plot';
import { idxB2 } from '../../../core/trace.ts';
import type { Trace } from '../../../core/train.ts';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { labels } from '../../../figure/labels.ts';
import { inkOf, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { QUIZ_LOSSES, teacherData, type QuizLoss } from '../network.ts';
import { outputSlope, quizRun } from '../runs.ts';

const EPOCHS = 2;
const LR = 0.1;
const WEIGHTS = 'W, b, v'; // the series of every weight's size, drawn thick under the rest

/** Largest |parameter| over every recorded state, the output bias c left out. */
function largestWeight(t: Trace): number {
  const c = idxB2(t);
  let m = 0;
  for (let i = 0; i < t.params.length; i++) if (i % t.nParams !== c) m = Math.max(m, Math.abs(t.params[i]));
  return m;
}

/** One point of one line: the CSV row. */
interface Series {
  step: number;
  value: number;
  series: string;
}

/** How one line is drawn. */
interface Line {
  series: string;
  colour: string;
  dash: string;
}

/** One cell of the twelve-convention grid. */
interface Cell {
  loss: QuizLoss;
  convention: string;
  largest: number;
  chosen: boolean;
}

/** The zero start under every convention: ReLU′(0), biases, loss. The error signal arrives; the weights stay 0. */
export default defineFigure({
  code: ['chapters/zero-init-quiz/network.ts#quizModel', 'chapters/zero-init-quiz/runs.ts#outputSlope'],
  controls: {
    relu0: { kind: 'select', label: 'ReLU′(0)', value: '0', options: [{ value: '0', label: '0' }, { value: '1', label: '1' }] },
    biases: { kind: 'checkbox', label: 'Biases b and c', value: true },
    loss: { kind: 'select', label: 'Loss', value: 'logistic', options: QUIZ_LOSSES.map((l) => ({ value: l, label: l })) },
  },
  // An edited cell may run this long in the sandbox: about 1 s in QuickJS (native 0.08 s).
  cell: { limit: 10_000 },
  compute(params, ctx) {
    const data = ctx.memo('zero-init-quiz:teacher:1', () => teacherData({ n: 200, seed: 1 }));
    const { loss, biases } = params;
    const relu0 = params.relu0 === '1' ? 1 : 0;
    const opts = { start: 'zero', data, lr: LR, epochs: EPOCHS } as const;
    const run = quizRun({ ...opts, loss, biases, reluPrimeAtZero: relu0, every: 5 });
    // The twelve-cell grid does not depend on the controls (only its highlight does): each cell is computed once.
    const grid: Cell[] = QUIZ_LOSSES.flatMap((l) => ([true, false] as const).flatMap((b) => ([0, 1] as const).map((r) => {
      const chosen = l === loss && b === biases && r === relu0;
      // The chosen cell's trace is the run above (sampling rows more often does not change the trace).
      const largest = ctx.memo(`quiz-conventions:largest:${l} ${b} ${r}`, () => largestWeight(chosen ? run.trace : quizRun({ ...opts, loss: l, biases: b, reluPrimeAtZero: r, every: 1e9 }).trace));
      return { loss: l, convention: `ReLU′(0)=${r}, ${b ? 'biases' : 'no biases'}`, largest, chosen };
    })));
    const style = (value: number | ((c: number) => number), series: string, colour: string, dash: string) => ({ value, series, colour, dash });
    const kinds = [
      style((c) => outputSlope(loss, 1, c), 'ℓ′(o), label +1', palette[0], 'none'),
      style((c) => outputSlope(loss, -1, c), 'ℓ′(o), label −1', palette[3], '6 3'),
      style(relu0, `ReLU′(z) used = ${relu0}`, palette[4], '2 3'),
      ...(biases ? [style((c) => c, 'output bias c', palette[5], '8 2 2 2')] : []),
    ];
    const series: Series[] = kinds.flatMap((k) => run.rows.map((r) => ({ step: r.step, value: typeof k.value === 'number' ? k.value : k.value(r.c), series: k.series })));
    for (const r of run.rows) series.push({ step: r.step, value: r.norm, series: WEIGHTS });
    const largest = grid.find((g) => g.chosen)!.largest;
    const allZero = grid.every((g) => g.largest === 0);
    const lines: Line[] = [{ series: WEIGHTS, colour: palette[2], dash: 'none' }, ...kinds.map(({ series: s, colour, dash }) => ({ series: s, colour, dash }))]; // the thick 0 line first, the rest drawn over it
    const values = series.map((s) => s.value);
    // ±2.2 keeps ℓ′ = ±2 (squared loss) inside the frame with room for its label.
    const domain = [Math.min(-2.2, ...values), Math.max(2.2, ...values)];
    const ends = lines.map((k) => ({ ...series.filter((s) => s.series === k.series).at(-1)!, colour: k.colour }));
    const end = run.rows.at(-1)!;
    const steps = end.step;
    return {
      rows: series,
      lines,
      /** Each line's last point, where its label goes, with the line's colour. */
      ends,
      domain,
      grid,
      /** Largest |weight| in W, b, v over the shown run, and whether it is 0 under all twelve conventions. */
      largest,
      allZero,
      alt:
        `From the all-zero start, ${steps} SGD steps with ${loss} loss, ReLU′(0) = ${relu0}, ${biases ? 'with' : 'without'} biases: ` +
        `the error signal ℓ′(o) is ${outputSlope(loss, 1, end.c).toFixed(3)} for label +1 and ${outputSlope(loss, -1, end.c).toFixed(3)} for label −1, ` +
        `${biases ? `the output bias moves to ${end.c.toFixed(3)}, ` : ''}and the largest weight in W, b, v is ${largest === 0 ? 'exactly 0' : largest} throughout. ` +
        `Across all ${grid.length} combinations of ReLU′(0), biases and loss the largest weight is ${allZero ? 'exactly 0 in every one' : 'not always 0'}.`,
    };
  },
  draw({ rows, lines, ends, domain, grid, largest }, document, view) {
    const narrow = view.width < 600;
    const label = (s: Series) => (s.series === WEIGHTS ? `every weight in W, b, v: ${largest === 0 ? 'exactly 0' : largest.toPrecision(2)}` : s.series);
    const chart = plot(document, {
      width: view.width, height: narrow ? 250 : 280, marginLeft: 48, marginRight: 24,
      ariaLabel: 'Error signal, ReLU derivative, output bias and weights over SGD steps from the zero start',
      x: { label: 'SGD step (one example each)' }, y: { label: 'value of each line (a plain number)', grid: true, domain },
      marks: [
        ...lines.map((k) => Plot.line(rows.filter((s) => s.series === k.series), { x: 'step', y: 'value', stroke: k.colour, strokeDasharray: k.dash, strokeWidth: k.series === WEIGHTS ? 3 : 1.5 })),
        labels(ends.map((e) => ({ text: label(e), x: e.step, y: e.value, anchor: 'end', dx: -4, fill: inkOf(e.colour) }))),
      ],
    });
    const conventions = [...new Set(grid.map((g) => g.convention))];
    const cells = plot(document, {
      // Two lines a row label on a phone (ReLU′(0) over biases), so the three loss columns keep their width.
      width: view.width, height: 30 + conventions.length * (narrow ? 38 : 32) + 40, marginLeft: narrow ? 84 : 150, marginRight: 16,
      ariaLabel: 'Largest weight reached from the zero start under each of the twelve conventions',
      x: { label: 'loss function', domain: [...QUIZ_LOSSES] },
      y: { label: 'ReLU′(0) and biases', labelAnchor: 'top', domain: conventions, tickFormat: (c: string) => (narrow ? c.replace(', ', '\n') : c) },
      marks: [
        Plot.cell(grid, { x: 'loss', y: 'convention', fill: 'none', stroke: 'currentColor', strokeOpacity: 0.3, inset: 2 }),
        Plot.cell(grid.filter((g) => g.chosen), { x: 'loss', y: 'convention', fill: 'none', stroke: palette[2], strokeWidth: 3, inset: 2 }),
        labels(grid.map((g) => ({ text: g.largest === 0 ? 'exactly 0' : g.largest.toPrecision(2), x: g.loss, y: g.convention, anchor: 'middle' }))),
      ],
    });
    return stack(document, [chart, 'Largest |weight| in W, b, v over the run, under each of the twelve conventions (outlined: the one drawn above):', cells]);
  },
});
