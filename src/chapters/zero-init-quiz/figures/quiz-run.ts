import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { row, stack } from '../../../figure/dom.ts';
import { labels, type Label } from '../../../figure/labels.ts';
import { describeNetwork, network } from '../../../figure/network.ts';
import { inkOf, palette, pair } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { stride } from '../../../figure/timeline.ts';
import { teacherData } from '../network.ts';
import { QUIZ_STARTS, networkState, quizRun, weightNorms, type QuizStart } from '../runs.ts';

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

/** One start's run at every SGD step (the rows are a sample): its parameters, ‖W‖ + ‖v‖, and how many weights are not 0. */
interface PerStep {
  /** The trace's parameters, step after step (nParams each). */
  params: Float64Array;
  norm: Float64Array;
  nonzero: Int32Array;
}

/** The quiz, run: SGD from the zero, identical and random starts on teacher data; weight size, accuracy and the networks. */
export default defineFigure({
  code: ['chapters/zero-init-quiz/network.ts#quizModel', 'chapters/zero-init-quiz/runs.ts#quizRun'],
  controls: {
    lr: { kind: 'range', label: 'Learning rate η', min: 0.01, max: 0.2, step: 0.01, value: 0.05 },
    epochs: { kind: 'range', label: 'Epochs', min: 1, max: 20, step: 1, value: 5, integer: true },
    data: { kind: 'range', label: 'Data set (teacher seed)', min: 1, max: 20, step: 1, value: 1, integer: true },
  },
  // An edited cell may run this long in the sandbox: about 1.7 s in QuickJS (native 0.04 s).
  cell: { limit: 20_000 },
  compute({ lr, epochs, data: seed }, ctx) {
    // Rejection sampling makes the data the costliest part of a re-render: make each data set once.
    const data = ctx.memo(`zero-init-quiz:teacher:${seed}`, () => teacherData({ n: 200, seed }));
    // One example per SGD step; a row every Play stride, so each state Play lands on has its accuracy.
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
    // Every step, not only the rows: Step moves one SGD step, and the networks and weight sizes follow it exactly.
    // The scale is one for all three networks over the whole run, so edge widths compare across starts and steps.
    let scale = 0;
    const perStep = runs.map(({ trace: t }): PerStep => {
      const { k, d, m, iW2 } = t.layout;
      const isWeight = (q: number) => q < k * d || (q >= iW2 && q < iW2 + d * m);
      const norm = new Float64Array(t.rows);
      const nonzero = new Int32Array(t.rows);
      for (let s = 0; s < t.rows; s++) {
        const { w, v } = weightNorms(t, s);
        norm[s] = w + v;
        for (let q = 0; q < t.nParams; q++) {
          const p = t.params[s * t.nParams + q];
          if (!isWeight(q)) continue;
          if (p !== 0) nonzero[s]++;
          scale = Math.max(scale, Math.abs(p));
        }
      }
      return { params: t.params, norm, nonzero };
    });
    return {
      rows,
      /** The first (step 0) and last sampled row of each start, in QUIZ_STARTS order. */
      firsts,
      ends,
      zeroExact,
      steps,
      /** Per start (QUIZ_STARTS order), its state at every SGD step, for the timeline's networks and weight sizes. */
      perStep,
      layout: zero.layout,
      /** The largest |weight| in W and v over all three runs: the widest edge. */
      scale,
      /** The largest ‖W‖ + ‖v‖ at any step: the top of the weights axis, fixed while the timeline plays. */
      top: perStep.reduce((m, p) => p.norm.reduce((a, n) => Math.max(a, n), m), 0),
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
  draw({ rows, perStep, layout, scale, size, steps, top, zeroExact }, document, view) {
    // The last step is the end of the run: drawn as at rest, so Play ends on the chart the page shows.
    const mid = view.step !== undefined && view.step < steps;
    const at = mid ? view.step! : steps;
    const shown = rows.filter((r) => r.step <= at);
    const sampled = QUIZ_STARTS.map((s) => shown.filter((r) => r.start === s));
    // A run that diverged stops early: it shows its last recorded step.
    const exact = perStep.map((p, k) => {
      const step = Math.min(at, p.norm.length - 1);
      return { start: QUIZ_STARTS[k], step, weights: p.norm[step], nonzero: p.nonzero[step], params: p.params.subarray(step * layout.size, (step + 1) * layout.size) };
    });
    const wide = view.width >= 600;
    const netWidth = wide ? 220 : Math.floor((view.width - 32) / 3);
    const chartWidth = wide ? view.width - 16 - netWidth : view.width;
    // Labels sit left of a line's end once it has crossed most of the chart, right of it before.
    const label = (start: QuizStart, x: number, y: number, text: string): Label =>
      ({ text, x, y, dy: -12, fill: inkOf(colour[start]), ...(x > 0.6 * steps ? { anchor: 'end', dx: -4 } : { anchor: 'start', dx: 6 }) });
    const chart = (y: 'weights' | 'accuracy', lines: readonly object[][], yAxis: Plot.ScaleOptions, rule: number, ariaLabel: string, texts: Label[]) => plot(document, {
      width: chartWidth, height: wide ? 290 : 240, marginLeft: 48, marginRight: 24, ariaLabel,
      x: { label: 'SGD step (one example each)', domain: [0, steps] }, y: { grid: true, ...yAxis },
      marks: [
        Plot.ruleY([rule]),
        ...(!mid ? [] : [Plot.ruleX([at], { stroke: 'currentColor', strokeOpacity: 0.35 })]),
        ...QUIZ_STARTS.map((s, k) => Plot.line(lines[k], { x: 'step', y, stroke: colour[s], strokeWidth: s === 'zero' ? 3 : 2, strokeDasharray: dash[s] })),
        labels(texts),
      ],
    });
    // The weight sizes are known at every step, so their lines reach the step exactly; accuracy is known at the rows.
    const norm = chart('weights', sampled.map((r, k) => [...r, exact[k]]), { label: '‖W‖ + ‖v‖ (size of all weights)', domain: [0, top], nice: true }, 0, 'Size of all weights over SGD steps for the three starts',
      exact.map((e) => label(e.start, e.step, e.weights, e.start === 'zero' ? `zero: ${zeroExact ? `exactly 0 ${!mid ? 'at every step' : 'so far'}` : e.weights.toPrecision(2)}` : `${e.start}: ${e.weights.toFixed(2)}`)));
    const acc = chart('accuracy', sampled, { label: 'training accuracy (fraction right)', domain: [0.4, 1] }, 0.5, 'Training accuracy over SGD steps for the three starts',
      sampled.map((r) => r.at(-1)!).map((r, k) => label(r.start, r.step, r.accuracy,
        `${r.start}: ${r.accuracy.toFixed(3)}${r.accuracy === 0.5 ? ' (chance)' : ''}${r.step === exact[k].step ? '' : ` (step ${r.step})`}`)));
    const drawings = QUIZ_STARTS.map((s, k) => {
      // Reshaped here, one step per frame, rather than for every step in compute.
      const { weights, biases } = networkState(layout, exact[k].params);
      const spec = { layers: [weights[0][0].length, weights[0].length, weights[1].length], weights, biases, scale, width: netWidth, height: NET_HEIGHT };
      const box = document.createElement('div');
      const head = document.createElement('p');
      head.setAttribute('style', `margin: 0; color: ${inkOf(colour[s])}`);
      head.textContent = name[s];
      box.append(head, network(document, { ...spec, title: `The ${name[s]}'s network at SGD step ${exact[k].step}. ${describeNetwork(spec)}.` }));
      return box;
    });
    const column = document.createElement('div');
    // Beside the charts, one above the other; on a phone, the three side by side under them.
    if (!wide) column.setAttribute('class', 'chart-row');
    column.append(...drawings);
    const key = `At SGD step ${at}, weights ≠ 0 of ${size}: ` + exact.map((e) => `${e.start} ${e.nonzero}`).join(', ') +
      '. Each network: 10 inputs, 10 ReLU units, the output; a line for every weight that is not exactly 0 (blue > 0, orange < 0, wider = larger), none where it is 0; “=” and “tied” mark units whose weights in and out are equal bit for bit.';
    if (!wide) return stack(document, [norm, acc, column, key]);
    return stack(document, [row(document, [stack(document, [norm, acc]), column]), key]);
  },
});
