import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { labels, type Label } from '../../../figure/labels.ts';
import { describeNetwork, network } from '../../../figure/network.ts';
import { inkOf, palette, pair } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { stride } from '../../../figure/timeline.ts';
import { teacherData } from '../network.ts';
import { QUIZ_STARTS, networkState, quizRun, type QuizStart } from '../runs.ts';

const colour: Record<QuizStart, string> = { zero: palette[2], identical: pair.identical, random: pair.random };
const dash: Record<QuizStart, string> = { zero: 'none', identical: '6 3', random: '2 2' };
const name: Record<QuizStart, string> = { zero: 'all-zero start', identical: 'identical start', random: 'random start' };
const NET_HEIGHT = 190; // ten units a column, far enough apart that the "=" between tied ones do not touch

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

/** One start's network at one sampled row, as the network mark takes it, with its count of non-zero weights. */
interface NetState {
  step: number;
  weights: number[][][];
  biases?: number[][];
  nonzero: number;
}

/** The quiz, run: SGD from the zero, identical and random starts on teacher data; weight size, accuracy and the networks. */
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
    // One example per SGD step; rows every player stride, so each state Play and Step land on is a sampled row.
    const every = stride(epochs * data.n);
    const runs = QUIZ_STARTS.map((start) => quizRun({ start, data, lr, epochs, every }));
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
    const { gapIn, gapOut } = runs[1].trace;
    const identicalTied = gapIn.every((g) => g === 0) && gapOut.every((g) => g === 0);
    const nets = runs.map(({ trace: t, rows: sampled }) => sampled.map(({ step }): NetState => {
      const state = networkState(t.layout, t.params.subarray(step * t.nParams, (step + 1) * t.nParams));
      return { step, ...state, nonzero: state.weights.flat(2).filter((w) => w !== 0).length };
    }));
    // One edge scale for all three networks over the whole run, so widths compare across starts and steps.
    let scale = 0;
    for (const { trace: t } of runs) {
      const { k, d, m, iW2 } = t.layout;
      const isWeight = (q: number) => q < k * d || (q >= iW2 && q < iW2 + d * m);
      for (let i = 0; i < t.params.length; i++) if (isWeight(i % t.nParams)) scale = Math.max(scale, Math.abs(t.params[i]));
    }
    return {
      rows,
      /** The first (step 0) and last sampled row of each start, in QUIZ_STARTS order. */
      firsts,
      ends,
      zeroExact,
      steps,
      /** Per start (QUIZ_STARTS order), its network at each sampled row, for the network drawings. */
      nets,
      /** The largest |weight| in W and v over all three runs: the widest edge. */
      scale,
      /** The largest ‖W‖ + ‖v‖ of any row: the top of the weights axis, fixed while the timeline plays. */
      top: Math.max(...rows.map((r) => r.weights)),
      /** How many weights the network has (W and v, biases excluded). */
      size: zero.layout.k * zero.layout.d + zero.layout.d * zero.layout.m,
      alt:
        `SGD for ${steps} steps on 200 teacher-labelled examples (data set ${seed}). ` +
        `The ${name.zero}: every weight ${zeroExact ? 'is exactly 0 at every step (its network drawing has no connection, its hidden units all tied)' : `reaches ${z.weights}`}, only the output bias moves (to ${z.c.toFixed(3)}), accuracy ${z.accuracy.toFixed(3)}. ` +
        `The ${name.identical}: weights move (from ${identicalFrom.toFixed(2)} to ${id.weights.toFixed(2)})${identicalTied ? ' with the hidden units tied at every step' : ''}, accuracy ${id.accuracy.toFixed(3)}. ` +
        `The ${name.random}: weights ${rnd.weights.toFixed(2)}, accuracy ${rnd.accuracy.toFixed(3)}.`,
      note: diverged ? `${diverged.trace.diverged!.message} (${diverged.rows[0].start} start): lower the learning rate.` : undefined,
    };
  },
  // After compute, so TypeScript knows the data's type when it reads the callback.
  timeline: { steps: (d) => d.steps, unit: 'SGD step' },
  draw({ rows, nets, scale, size, steps, top, zeroExact }, document, view) {
    // The last step is the end of the run: drawn as at rest, so Play ends on the chart the page shows.
    const mid = view.step !== undefined && view.step < steps;
    const at = mid ? view.step! : steps;
    const shown = rows.filter((r) => r.step <= at);
    const now = QUIZ_STARTS.map((s) => shown.filter((r) => r.start === s).at(-1)!);
    const wide = view.width >= 600;
    const netWidth = wide ? 220 : Math.floor((view.width - 32) / 3);
    const chartWidth = wide ? view.width - 16 - netWidth : view.width;
    // Labels sit left of a line's end once it has crossed most of the chart, right of it before.
    const side = (r: Row): Pick<Label, 'anchor' | 'dx'> => (r.step > 0.6 * steps ? { anchor: 'end', dx: -4 } : { anchor: 'start', dx: 6 });
    const label = (r: Row, y: 'weights' | 'accuracy', text: string): Label => ({ text, x: r.step, y: r[y], dy: -12, fill: inkOf(colour[r.start]), ...side(r) });
    const chart = (y: 'weights' | 'accuracy', yAxis: Plot.ScaleOptions, rule: number, ariaLabel: string, texts: Label[]) => plot(document, {
      width: chartWidth, height: wide ? 290 : 240, marginLeft: 48, marginRight: 24, ariaLabel,
      x: { label: 'SGD step (one example each)', domain: [0, steps] }, y: { grid: true, ...yAxis },
      marks: [
        Plot.ruleY([rule]),
        ...(!mid ? [] : [Plot.ruleX([at], { stroke: 'currentColor', strokeOpacity: 0.35 })]),
        ...QUIZ_STARTS.map((s) => Plot.line(shown.filter((r) => r.start === s), { x: 'step', y, stroke: colour[s], strokeWidth: s === 'zero' ? 3 : 2, strokeDasharray: dash[s] })),
        labels(texts),
      ],
    });
    const norm = chart('weights', { label: '‖W‖ + ‖v‖ (size of all weights)', domain: [0, top], nice: true }, 0, 'Size of all weights over SGD steps for the three starts',
      now.map((r) => label(r, 'weights', r.start === 'zero' ? `zero: ${zeroExact ? `exactly 0 ${!mid ? 'at every step' : 'so far'}` : r.weights.toPrecision(2)}` : `${r.start}: ${r.weights.toFixed(2)}`)));
    const acc = chart('accuracy', { label: 'training accuracy (fraction right)', domain: [0.4, 1] }, 0.5, 'Training accuracy over SGD steps for the three starts',
      now.map((r) => label(r, 'accuracy', `${r.start}: ${r.accuracy.toFixed(3)}${r.accuracy === 0.5 ? ' (chance)' : ''}`)));
    const states = nets.map((run) => run.filter((n) => n.step <= at).at(-1)!);
    const drawings = QUIZ_STARTS.map((s, k) => {
      const { weights, biases } = states[k];
      const spec = { layers: [weights[0][0].length, weights[0].length, weights[1].length], weights, biases, scale, width: netWidth, height: NET_HEIGHT };
      const box = document.createElement('div');
      const head = document.createElement('p');
      head.setAttribute('style', `margin: 0; color: ${inkOf(colour[s])}`);
      head.textContent = name[s];
      box.append(head, network(document, { ...spec, title: `The ${name[s]}'s network at SGD step ${states[k].step}. ${describeNetwork(spec)}.` }));
      return box;
    });
    const column = document.createElement('div');
    // Beside the charts, one above the other; on a phone, the three side by side under them.
    if (!wide) column.setAttribute('class', 'chart-row');
    column.append(...drawings);
    const key = `At SGD step ${states[0].step}, weights ≠ 0 of ${size}: ` + QUIZ_STARTS.map((s, k) => `${s} ${states[k].nonzero}`).join(', ') +
      '. Each network: 10 inputs, 10 ReLU units, the output; a line for every weight that is not exactly 0 (blue > 0, orange < 0, wider = larger), none where it is 0; “=” and “tied” mark units whose weights in and out are equal bit for bit.';
    if (!wide) return stack(document, [norm, acc, column, key]);
    const row = document.createElement('div');
    row.setAttribute('class', 'chart-row');
    row.append(stack(document, [norm, acc]), column);
    return stack(document, [row, key]);
  },
});
