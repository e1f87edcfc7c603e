import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { row, stack, table } from '../../../figure/dom.ts';
import { labels, type Label } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { perceptronData } from '../data.ts';
import { differingPredictions, perceptronWeightsAt } from '../perceptron.ts';
import { boundarySegment, dataPoints, etaSweep, sameSegment, type Point2 } from '../rates.ts';

const ETAS = [0.001, 0.01, 0.1, 1, 10];
const REF = 3; // compare with η = 1
const SERIES = [1, 2, 4, 5, 6]; // palette (and ink) index per η
const COLORS = SERIES.map((i) => palette[i]);
const WIDTHS = [17, 12.5, 8, 4.5, 1.5]; // as in the zero-start figure, so the two read alike
const EPOCHS = 20;
const [ML, MR, MT, MB] = [44, 16, 30, 40]; // margins: the frame is kept square, so boundaries cross it at their true angle
const ROW = 19; // px between stacked labels: a 12 px label's box and the gap placeBoxes keeps

/**
 * A label by a boundary's right-hand end, on the side away from the line, `slot` of `count` rows out
 * (slot 0 reads first, so a stack reads top-down whichever side it is on); in a corner when off the square.
 */
function boundaryLabel(seg: readonly [Point2, Point2] | null, text: string, fill = 'currentColor', slot = 0, count = 1): Label {
  if (!seg) return { text: `${text}: off the square`, fx: 0, fy: 1, anchor: 'start', dx: 6, dy: -10, fill };
  const [e, o] = seg[0].x1 >= seg[1].x1 ? seg : [seg[1], seg[0]];
  const below = o.x2 > e.x2; // the line climbs to the left, so the free side is under its end
  return { text, x: e.x1, y: e.x2, anchor: 'end', dx: -4, dy: below ? 12 + ROW * slot : -12 - ROW * (count - 1 - slot), fill };
}

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
    const segs = ws.map((w) => boundarySegment(w, -1.05, 1.05));
    const worst = Math.max(...stats.map((s) => s.mostDiffering));
    const kWorst = Math.max(...stats.map((s) => s.kCheck));
    return {
      rows: stats.map((s, j) => ({ ...s, w0: w0.join(' '), k, epoch, w_0: ws[j][0], w_1: ws[j][1], w_2: ws[j][2] })),
      stats,
      points: dataPoints(data),
      /** Each rate's boundary at the shown step, the (kη, k·w⁽⁰⁾) runs' boundaries, and the start's; null when off the square. */
      segs,
      /** Whether the five boundaries are one line up to rounding (as from a zero start). */
      oneLine: segs[REF] !== null && segs.every((sg) => sameSegment(sg, segs[REF])),
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
  draw(d, document, view) {
    const { k, start } = d;
    // On a wide screen the square sits beside its table; on a phone it takes the full width.
    const wide = view.width >= 600;
    const side = wide ? 480 : view.width;
    const name = (j: number) => `η = ${ETAS[j]}`;
    // One line (a zero start): its five names in one column under a header; five lines: a name at each one's end.
    const lineLabels: Label[] = d.oneLine
      ? ['all five lie on one line', ...ETAS.map((_, j) => name(j))].map((text, i) => boundaryLabel(d.segs[REF], text, i ? ink(SERIES[i - 1]) : 'currentColor', i, ETAS.length + 1))
      : ETAS.map((_, j) => boundaryLabel(d.segs[j], name(j), ink(SERIES[j])));
    const chart = plot(document, {
      width: side, height: side - ML - MR + MT + MB, marginLeft: ML, marginRight: MR, marginTop: MT, marginBottom: MB,
      ariaLabel: 'Data points and the perceptron decision boundaries for five learning rates from a non-zero start',
      x: { domain: [-1.05, 1.05], label: 'input x₁' }, y: { domain: [-1.05, 1.05], label: 'input x₂' },
      marks: [
        Plot.frame({ strokeOpacity: 0.3 }),
        start ? Plot.line(start, { x: 'x1', y: 'x2', stroke: 'currentColor', strokeOpacity: 0.5, strokeDasharray: '8 5' }) : null,
        ...d.segs.map((s, j) => (s ? Plot.line(s, { x: 'x1', y: 'x2', stroke: COLORS[j], strokeWidth: WIDTHS[j], strokeOpacity: 0.85 }) : null)),
        // (kη, k·w⁽⁰⁾) drawn as a fine dotted line on top: it should run down the middle of its η's line.
        ...d.kSegs.map((s) => (s ? Plot.line(s, { x: 'x1', y: 'x2', stroke: 'currentColor', strokeWidth: 1, strokeDasharray: '1 3' }) : null)),
        Plot.dot(d.points.filter((p) => p.y > 0), { x: 'x1', y: 'x2', symbol: 'plus', stroke: palette[0], strokeWidth: 2, r: 4.5 }),
        Plot.dot(d.points.filter((p) => p.y < 0), { x: 'x1', y: 'x2', symbol: 'circle', stroke: palette[3], strokeWidth: 1.6, r: 3.5 }),
        labels([
          ...lineLabels,
          boundaryLabel(start, 'start w⁽⁰⁾ (dashed)'),
          { text: `dotted: (${k}η, ${k}·w⁽⁰⁾)`, fx: 0, fy: 0, anchor: 'start', dx: 6, dy: 10 },
        ]),
      ],
    });
    const counter = `Points labelled differently from the η = 1 run: up to ${d.worst} of ${d.n} at one step; after epoch ${d.epoch}: ${d.stats.map((s) => s.differingNow).join(', ')} for η = ${ETAS.join(', ')}. Check (${k}η, ${k}·w⁽⁰⁾) against (η, w⁽⁰⁾): ${d.kWorst} differing predictions at any step, for every η.`;
    // Per rate: how often and how much it disagrees with η = 1, and the (kη, k·w⁽⁰⁾) check.
    const check = table(document, {
      caption: 'Points labelled differently from the η = 1 run, and the scaling check',
      head: ['η', 'steps with a difference', 'most points differing', `differing after epoch ${d.epoch}`, `(${k}η, ${k}·w⁽⁰⁾): most differing`],
      rows: d.stats.map((s) => [s.eta === ETAS[REF] ? `${s.eta} (ref.)` : s.eta, s.stepsDiffering, s.mostDiffering, s.differingNow, s.kCheck]),
    });
    if (!wide) return stack(document, [chart, counter, check]);
    // The table takes the room beside the square (global.css), its columns narrowing before it drops under it.
    const beside = row(document, [chart, check]);
    return stack(document, [beside, counter]);
  },
});
