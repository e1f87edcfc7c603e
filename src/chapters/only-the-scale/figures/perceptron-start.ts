import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { stack, table } from '../../../figure/dom.ts';
import { palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { perceptronData } from '../data.ts';
import { differingPredictions, perceptronWeightsAt } from '../perceptron.ts';
import { boundarySegment, dataPoints, etaSweep } from '../rates.ts';

const ETAS = [0.001, 0.01, 0.1, 1, 10];
const REF = 3; // compare with η = 1
const COLORS = [palette[1], palette[2], palette[4], palette[5], palette[6]];
const WIDTHS = [17, 12.5, 8, 4.5, 1.5]; // as in the zero-start figure, so the two read alike
const EPOCHS = 20;
const [W, H] = [640, 400];

/** Several learning rates from a reader-set w⁽⁰⁾ ≠ 0: boundaries part, and (kη, k·w⁽⁰⁾) matches (η, w⁽⁰⁾). */
export default defineFigure({
  code: ['chapters/only-the-scale/perceptron.ts#trainPerceptron', 'chapters/only-the-scale/perceptron.ts#differingPredictions', 'chapters/only-the-scale/rates.ts#etaSweep'],
  controls: {
    b0: { kind: 'range', label: 'Start bias w₀⁽⁰⁾', min: -1, max: 1, step: 0.1, value: 0.5 },
    w1: { kind: 'range', label: 'Start w₁⁽⁰⁾', min: -2, max: 2, step: 0.1, value: -1 },
    w2: { kind: 'range', label: 'Start w₂⁽⁰⁾', min: -2, max: 2, step: 0.1, value: 0.8 },
    epoch: { kind: 'range', label: 'Boundaries after epoch', min: 1, max: EPOCHS, step: 1, value: 3, integer: true },
    k: { kind: 'range', label: 'Check factor k', min: 0.1, max: 10, step: 0.1, value: 3 },
    separable: { kind: 'checkbox', label: 'Separable data (off: 15% of labels flipped)', value: false },
  },
  compute({ b0, w1, w2, epoch, k, separable }) {
    const w0 = [b0, w1, w2];
    const data = perceptronData({ n: 40, separable, seed: 1 });
    const sweep = etaSweep(data, ETAS, { w0, epochs: EPOCHS, reference: REF });
    const scaled = etaSweep(data, ETAS.map((e) => k * e), { w0: w0.map((v) => k * v), epochs: EPOCHS });
    const step = epoch * data.n;
    const ws = sweep.runs.map((r) => perceptronWeightsAt(r, step));
    const stats = ETAS.map((eta, j) => {
      const d = sweep.differing[j];
      const check = differingPredictions(scaled.runs[j], sweep.runs[j]);
      return { eta, stepsDiffering: d.filter((c) => c > 0).length, mostDiffering: Math.max(...d), differingNow: d[step], kCheck: Math.max(...check) };
    });
    const worst = Math.max(...stats.map((s) => s.mostDiffering));
    const kWorst = Math.max(...stats.map((s) => s.kCheck));
    return {
      rows: stats.map((s, j) => ({ ...s, w0: w0.join(' '), k, epoch, w_0: ws[j][0], w_1: ws[j][1], w_2: ws[j][2] })),
      stats,
      points: dataPoints(data),
      /** Each rate's boundary at the shown step, the (kη, k·w⁽⁰⁾) runs' boundaries, and the start's; null when off the square. */
      segs: ws.map((w) => boundarySegment(w, -1.05, 1.05)),
      kSegs: scaled.runs.map((r) => boundarySegment(perceptronWeightsAt(r, step), -1.05, 1.05)),
      start: boundarySegment(w0, -1.05, 1.05),
      k,
      n: data.n,
      epoch,
      /** Most points any rate labels differently from η = 1 at one step; most the (kη, k·w⁽⁰⁾) runs differ from theirs. */
      worst,
      kWorst,
      alt: `Decision boundaries after epoch ${epoch} for η = ${ETAS.join(', ')} from w⁽⁰⁾ = (${w0.join(', ')}). Points labelled differently from the η = 1 run after that epoch: ${stats.map((s) => s.differingNow).join(', ')}; at worst ${worst} at one step. Scaling both η and w⁽⁰⁾ by k = ${k} changes ${kWorst} predictions.`,
    };
  },
  draw(d, document) {
    const { k, start } = d;
    const chart = plot(document, {
      width: W, height: H, marginRight: 190,
      ariaLabel: 'Data points and the perceptron decision boundaries for five learning rates from a non-zero start',
      x: { domain: [-1.05, 1.05], label: 'x₁' }, y: { domain: [-1.05, 1.05], label: 'x₂' },
      marks: [
        Plot.frame({ strokeOpacity: 0.3 }),
        start ? Plot.line(start, { x: 'x1', y: 'x2', stroke: 'currentColor', strokeOpacity: 0.5, strokeDasharray: '8 5' }) : null,
        ...d.segs.map((s, j) => (s ? Plot.line(s, { x: 'x1', y: 'x2', stroke: COLORS[j], strokeWidth: WIDTHS[j], strokeOpacity: 0.85 }) : null)),
        // (kη, k·w⁽⁰⁾) drawn as a fine dotted line on top: it should run down the middle of its η's line.
        ...d.kSegs.map((s) => (s ? Plot.line(s, { x: 'x1', y: 'x2', stroke: 'currentColor', strokeWidth: 1, strokeDasharray: '1 3' }) : null)),
        Plot.dot(d.points.filter((p) => p.y > 0), { x: 'x1', y: 'x2', symbol: 'plus', stroke: palette[0], strokeWidth: 2, r: 4.5 }),
        Plot.dot(d.points.filter((p) => p.y < 0), { x: 'x1', y: 'x2', symbol: 'circle', stroke: palette[3], strokeWidth: 1.6, r: 3.5 }),
        ...ETAS.map((eta, j) => Plot.text([eta], { frameAnchor: 'top-right', dx: 180, dy: 8 + 18 * j, textAnchor: 'end', fill: COLORS[j], fontWeight: 'bold', text: () => `━━ η = ${eta}${d.segs[j] ? '' : ': off the square'}` })),
        Plot.text([0], { frameAnchor: 'top-right', dx: 180, dy: 8 + 18 * ETAS.length + 4, textAnchor: 'end', lineHeight: 1.3, text: () => `- - - start w⁽⁰⁾${start ? '' : ' (off the square)'}\n····· (${k}η, ${k}·w⁽⁰⁾)` }),
      ],
    });
    const counter = `Points labelled differently from the η = 1 run: up to ${d.worst} of ${d.n} at one step; after epoch ${d.epoch}: ${d.stats.map((s) => s.differingNow).join(', ')} for η = ${ETAS.join(', ')}. Check (${k}η, ${k}·w⁽⁰⁾) against (η, w⁽⁰⁾): ${d.kWorst} differing predictions at any step, for every η.`;
    // Per rate: how often and how much it disagrees with η = 1, and the (kη, k·w⁽⁰⁾) check.
    const check = table(document, {
      caption: 'Disagreement with the η = 1 run, and the scaling check',
      head: ['η', 'steps with any difference', 'most points differing', 'differing after the shown epoch', `(${k}η, ${k}·w⁽⁰⁾): differing at any step`],
      rows: d.stats.map((s) => [s.eta === ETAS[REF] ? `${s.eta} (reference)` : s.eta, s.stepsDiffering, s.mostDiffering, s.differingNow, s.kCheck]),
    });
    return stack(document, [chart, counter, check]);
  },
});
