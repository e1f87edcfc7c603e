import * as Plot from '@observablehq/plot';
import type { FigureModule } from '../../../figure/types.ts';
import { palette } from '../../../figure/palette.ts';
import { QUIZ_LOSSES, teacherData, type QuizLoss } from '../network.ts';
import { idxB2 } from '../../../core/trace.ts';
import type { Trace } from '../../../core/train.ts';
import { outputSlope, quizRun } from '../runs.ts';

const EPOCHS = 2;
const LR = 0.1;

/** Largest |parameter| over every recorded state, the output bias c left out. */
function largestWeight(t: Trace): number {
  const c = idxB2(t);
  let m = 0;
  for (let i = 0; i < t.params.length; i++) if (i % t.nParams !== c) m = Math.max(m, Math.abs(t.params[i]));
  return m;
}

type Series = { step: number; value: number; series: string };

/** The zero start under every convention: ReLU′(0), biases, loss. The error signal arrives; the weights stay 0. */
const figure: FigureModule = {
  code: ['chapters/zero-init-quiz/network.ts#quizModel', 'chapters/zero-init-quiz/runs.ts#outputSlope'],
  controls: [
    { kind: 'select', name: 'relu0', label: 'ReLU′(0)', value: '0', options: [{ value: '0', label: '0' }, { value: '1', label: '1' }] },
    { kind: 'checkbox', name: 'biases', label: 'Biases b and c', value: true },
    { kind: 'select', name: 'loss', label: 'Loss', value: 'logistic', options: QUIZ_LOSSES.map((l) => ({ value: l, label: l })) },
  ],
  render(params, document, ctx) {
    const data = (ctx.state.data ??= teacherData({ n: 200, seed: 1 })) as ReturnType<typeof teacherData>;
    const loss = String(params.loss) as QuizLoss;
    const relu0 = Number(params.relu0) as 0 | 1;
    const biases = Boolean(params.biases);
    // The twelve-cell grid does not depend on the controls (only its highlight does): compute it once per page.
    const cache = (ctx.state.grid ??= new Map<string, number>()) as Map<string, number>;
    const key = (l: QuizLoss, b: boolean, r: 0 | 1) => `${l} ${b} ${r}`;
    const opts = { start: 'zero', data, lr: LR, epochs: EPOCHS } as const;
    const run = quizRun({ ...opts, loss, biases, reluPrimeAtZero: relu0, every: 5 });
    cache.set(key(loss, biases, relu0), largestWeight(run.trace));
    const grid = QUIZ_LOSSES.flatMap((l) => ([true, false] as const).flatMap((b) => ([0, 1] as const).map((r) => {
      const k = key(l, b, r);
      if (!cache.has(k)) cache.set(k, largestWeight(quizRun({ ...opts, loss: l, biases: b, reluPrimeAtZero: r, every: 1e9 }).trace));
      return { loss: l, convention: `ReLU′(0)=${r}, ${b ? 'biases' : 'no biases'}`, largest: cache.get(k)!, chosen: k === key(loss, biases, relu0) };
    })));
    const style = (value: number | ((c: number, step: number) => number), series: string, colour: string, dash: string) => ({ value, series, colour, dash });
    const kinds = [
      style((c) => outputSlope(loss, 1, c), 'ℓ′(o), label +1', palette[0], 'none'),
      style((c) => outputSlope(loss, -1, c), 'ℓ′(o), label −1', palette[3], '6 3'),
      style(relu0, `ReLU′(z) used = ${relu0}`, palette[4], '2 3'),
      ...(biases ? [style((c) => c, 'output bias c', palette[5], '8 2 2 2')] : []),
    ];
    const series: Series[] = kinds.flatMap((k) =>
      run.rows.map((r) => ({ step: r.step, value: typeof k.value === 'number' ? k.value : k.value(r.c, r.step), series: k.series })),
    );
    for (const r of run.rows) series.push({ step: r.step, value: r.norm, series: 'W, b, v' });
    const largest = cache.get(key(loss, biases, relu0))!;
    const allZero = grid.every((g) => g.largest === 0);
    const all = [style(0, 'W, b, v', palette[2], 'none'), ...kinds]; // the thick 0 line first, the rest drawn over it
    // End labels, pushed apart so labels of lines that meet (e.g. at 0) stay readable.
    const ends = all.map((k) => ({ ...series.filter((s) => s.series === k.series).at(-1)!, colour: k.colour })).sort((a, b) => b.value - a.value);
    const values = series.map((s) => s.value);
    const [lo, hi] = [Math.min(-2.2, ...values), Math.max(2.2, ...values)];
    const gap = (hi - lo) * 0.07;
    ends.forEach((e, i) => ((e as { at?: number }).at = i === 0 ? e.value : Math.min(e.value, (ends[i - 1] as { at?: number }).at! - gap)));
    const label = (s: Series) => (s.series === 'W, b, v' ? `every weight in W, b, v: ${largest === 0 ? 'exactly 0' : largest.toPrecision(2)}` : s.series);
    const lines = Plot.plot({
      document, width: 640, height: 260, marginLeft: 48, marginRight: 200,
      ariaLabel: 'Error signal, ReLU derivative, output bias and weights over SGD steps from the zero start',
      x: { label: 'SGD step' }, y: { label: 'value', grid: true, domain: [lo, hi] },
      marks: [
        ...all.map((k) => Plot.line(series.filter((s) => s.series === k.series), { x: 'step', y: 'value', stroke: k.colour, strokeDasharray: k.dash, strokeWidth: k.series === 'W, b, v' ? 3 : 1.5 })),
        Plot.text(ends, { x: 'step', y: 'at', dx: 6, textAnchor: 'start', fill: 'colour', text: label }),
      ],
    }) as unknown as Element;
    const cells = Plot.plot({
      document, width: 640, height: 150, marginLeft: 70, marginBottom: 30,
      ariaLabel: 'Largest weight reached from the zero start under each of the twelve conventions',
      x: { label: null, domain: [...new Set(grid.map((g) => g.convention))] }, y: { label: null, domain: [...QUIZ_LOSSES] },
      marks: [
        Plot.cell(grid, { x: 'convention', y: 'loss', fill: 'none', stroke: 'currentColor', strokeOpacity: 0.3, inset: 2 }),
        Plot.cell(grid.filter((g) => g.chosen), { x: 'convention', y: 'loss', fill: 'none', stroke: palette[2], strokeWidth: 3, inset: 2 }),
        Plot.text(grid, { x: 'convention', y: 'loss', text: (g: (typeof grid)[number]) => `max |weight| ${g.largest === 0 ? '= 0' : g.largest.toPrecision(2)}` }),
      ],
    }) as unknown as Element;
    const node = document.createElement('div');
    node.append(lines, cells);
    const end = run.rows.at(-1)!;
    const steps = end.step;
    return {
      node,
      rows: series,
      alt:
        `From the all-zero start, ${steps} SGD steps with ${loss} loss, ReLU′(0) = ${relu0}, ${biases ? 'with' : 'without'} biases: ` +
        `the error signal ℓ′(o) is ${outputSlope(loss, 1, end.c).toFixed(3)} for label +1 and ${outputSlope(loss, -1, end.c).toFixed(3)} for label −1, ` +
        `${biases ? `the output bias moves to ${end.c.toFixed(3)}, ` : ''}and the largest weight in W, b, v is ${largest === 0 ? 'exactly 0' : largest} throughout. ` +
        `Across all ${grid.length} combinations of ReLU′(0), biases and loss the largest weight is ${allZero ? 'exactly 0 in every one' : 'not always 0'}.`,
    };
  },
};
export default figure;
