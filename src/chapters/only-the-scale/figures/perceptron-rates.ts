import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { row, stack, table } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { labels, type Label } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot, valueAt } from '../../../figure/plot.ts';
import { perceptronData } from '../data.ts';
import { perceptronWeightsAt } from '../perceptron.ts';
import { boundarySegment, dataPoints, etaSweep, pointsData, sameSegment, type Point, type Point2 } from '../rates.ts';

const ETAS = [0.001, 0.01, 0.1, 1, 10];
const REF = 3; // η = 1 is the run every other rate is compared with
const SERIES = [1, 2, 4, 5, 6]; // palette (and ink) index per η
const COLORS = SERIES.map((i) => palette[i]);
const WIDTHS = [17, 12.5, 8, 4.5, 1.5]; // nested widths: coinciding lines read as one striped cable, separate ones as five lines
const WIDTH_NAMES = ['widest', 'wide', 'middle', 'narrow', 'thinnest'];
const EPOCHS = 20;
const SEEDED = 40; // points in the seeded data set the reader starts from
const MAX_ADDED = 60; // keeps a render within a frame (5 runs × 20 epochs × n² predictions)
const [ML, MR, MT, MB] = [44, 16, 30, 40]; // margins: the frame is kept square, so boundaries cross it at their true angle

/** The reader's edits: points added (in order) and how many seeded points were removed from the end. */
interface State {
  added: Point[];
  removed: number;
}

/** The reader's data: the seeded set minus points removed from its end, plus points the reader added. */
function readerPoints(separable: boolean, st: State): Point[] {
  const seeded = dataPoints(perceptronData({ n: SEEDED, separable, seed: 1 }));
  return [...seeded.slice(0, seeded.length - st.removed), ...st.added];
}

/** A clicked point handed to the add action: inside the square, labelled ±1. */
function isPoint(v: unknown): v is Point {
  const p = v as Partial<Point> | null;
  return !!p && typeof p === 'object' && Math.abs(p.x1 as number) <= 1 && Math.abs(p.x2 as number) <= 1 && (p.y === 1 || p.y === -1);
}

const ROW = 19; // px between stacked labels: a 12 px label's box and the gap placeBoxes keeps

/**
 * A label by a boundary's right-hand end, on the side away from the line, `slot` of `count` rows out
 * (slot 0 reads first, so a stack reads top-down whichever side it is on); in a corner when there is no line.
 */
function boundaryLabel(seg: readonly [Point2, Point2] | null, text: string, fill: string, slot = 0, count = 1): Label {
  if (!seg) return { text: `${text}: no line`, fx: 0, fy: 1, anchor: 'start', dx: 6, dy: -10, fill };
  const [e, o] = seg[0].x1 >= seg[1].x1 ? seg : [seg[1], seg[0]];
  const below = o.x2 > e.x2; // the line climbs to the left, so the free side is under its end
  return { text, x: e.x1, y: e.x2, anchor: 'end', dx: -4, dy: below ? 12 + ROW * slot : -12 - ROW * (count - 1 - slot), fill };
}

/** "3 for every η" when all runs agree, else the list. */
const lastErrors = (e: readonly number[]) => (e.every((v) => v === e[0]) ? `${e[0]} for every η` : e.join(', '));

/** Several learning rates from w = 0 on the reader's data: one boundary, identical predictions at every step. */
export default defineFigure({
  code: ['chapters/only-the-scale/perceptron.ts#trainPerceptron', 'chapters/only-the-scale/perceptron.ts#differingPredictions', 'chapters/only-the-scale/rates.ts#etaSweep'],
  controls: {
    separable: { kind: 'checkbox', label: 'Separable data (off: 15% of labels flipped)', value: true },
    epoch: { kind: 'range', label: 'Boundaries after epoch', min: 1, max: EPOCHS, step: 1, value: 1, integer: true },
    px: { kind: 'range', label: 'New point x₁', min: -1, max: 1, step: 0.05, value: 0.6 },
    py: { kind: 'range', label: 'New point x₂', min: -1, max: 1, step: 0.05, value: -0.6 },
    label: { kind: 'select', label: 'New point label', value: '1', options: [{ value: '1', label: '+1 (plus)' }, { value: '-1', label: '−1 (circle)' }] },
  },
  state: (): State => ({ added: [], removed: 0 }),
  actions: {
    add: {
      label: 'Add point',
      // payload: a clicked point; without one, the point the px/py/label controls set.
      apply(st, params, payload) {
        if (st.added.length >= MAX_ADDED) return `At most ${MAX_ADDED} added points: remove some first.`;
        if (payload !== undefined && !isPoint(payload)) return 'A new point must lie in the square [−1, 1]² with label +1 or −1.';
        const point: Point = isPoint(payload) ? payload : { x1: params.px, x2: params.py, y: params.label === '-1' ? -1 : 1 };
        return { added: [...st.added, { x1: point.x1, x2: point.x2, y: point.y }], removed: st.removed };
      },
    },
    remove: {
      label: 'Remove last point',
      apply(st) {
        if (st.added.length) return { added: st.added.slice(0, -1), removed: st.removed };
        if (SEEDED - st.removed > 2) return { added: st.added, removed: st.removed + 1 };
        return 'Two points stay, so there is something to classify.';
      },
    },
  },
  compute(params, ctx) {
    const label: 1 | -1 = params.label === '-1' ? -1 : 1;
    const preview: Point = { x1: params.px, x2: params.py, y: label };
    const points = readerPoints(params.separable, ctx.state);
    const data = pointsData(points);
    const sweep = etaSweep(data, ETAS, { epochs: EPOCHS, reference: REF });
    const epoch = params.epoch;
    const step = epoch * data.n;
    const ws = sweep.runs.map((r) => Array.from(perceptronWeightsAt(r, step)));
    const segs = ws.map((w) => boundarySegment(w, -1.05, 1.05));
    const oneLine = segs[REF] !== null && segs.every((sg) => sameSegment(sg, segs[REF]));
    const steps = sweep.runs[REF].rows;
    const lastEpochErrors = sweep.runs.map((r) => r.errorsPerEpoch[EPOCHS - 1]);
    // The first mistake of the η = 1 run from w = 0: the step Δw = η(y − ŷ)x̃ moves each weight by its own amount.
    const ref = sweep.runs[REF];
    const first = Array.from({ length: ref.rows - 1 }, (_, s) => s + 1).find((s) => [0, 1, 2].some((q) => ref.w[s * 3 + q] !== ref.w[(s - 1) * 3 + q]));
    const firstMove = first === undefined ? null : {
      step: first,
      eta: ETAS[REF],
      x1: data.X[2 * ref.example[first]],
      x2: data.X[2 * ref.example[first] + 1],
      y: data.Y[ref.example[first]],
      /** Δw₀, Δw₁, Δw₂ of that step. */
      dw: [0, 1, 2].map((q) => ref.w[first * 3 + q] - ref.w[(first - 1) * 3 + q]),
    };
    const rows = ETAS.map((eta, j) => ({ eta, epoch, step, w0: ws[j][0], w1: ws[j][1], w2: ws[j][2], w0_over_eta: ws[j][0] / eta, w1_over_eta: ws[j][1] / eta, w2_over_eta: ws[j][2] / eta, max_differing: Math.max(...sweep.differing[j]) }));
    return {
      rows,
      points,
      preview,
      /** Each rate's decision boundary across the square at the shown step, null when it misses it. */
      segs,
      /** Whether the five segments are one line up to rounding (1e-9 in data units, far below a pixel). */
      oneLine,
      /** ‖w‖ per rate at the shown step. */
      norms: ws.map((w) => Math.hypot(...w)),
      n: data.n,
      step,
      steps,
      maxDiffering: sweep.maxDiffering,
      lastEpochErrors,
      /** The η = 1 run's first update (null if it never errs): its step, example and Δw. */
      firstMove,
      alt: `${data.n} points and the decision boundaries after epoch ${epoch} for η = ${ETAS.join(', ')}, all trained from w = 0. ${sweep.maxDiffering === 0 ? 'The five boundaries coincide exactly and' : 'The boundaries differ;'} the largest number of points labelled differently from the η = 1 run, over all ${steps} steps, is ${sweep.maxDiffering}. w/η after epoch ${epoch}: (${fmt(ws[REF][0], 5)}, ${fmt(ws[REF][1], 5)}, ${fmt(ws[REF][2], 5)}) for η = 1.`,
    };
  },
  draw(d, document, view) {
    const { preview } = d;
    const mark = (y: 1 | -1) => d.points.filter((p) => p.y === y);
    // On a wide screen the square sits beside its table; on a phone it takes the full width.
    const wide = view.width >= 600;
    const side = wide ? 480 : view.width;
    const name = (j: number) => `η = ${ETAS[j]} (${WIDTH_NAMES[j]})`;
    // One line: its five names in one column under a header; five lines: a name at each one's end.
    const lineLabels: Label[] = d.oneLine
      ? ['all five lie on one line', ...ETAS.map((_, j) => name(j))].map((text, k) => boundaryLabel(d.segs[REF], text, k ? ink(SERIES[k - 1]) : 'currentColor', k, ETAS.length + 1))
      : [...ETAS.map((_, j) => boundaryLabel(d.segs[j], name(j), ink(SERIES[j]))), { text: 'the lines differ', fx: 0, fy: 0, anchor: 'start', dx: 6, dy: 10 }];
    const chart = plot(document, {
      width: side, height: side - ML - MR + MT + MB, marginLeft: ML, marginRight: MR, marginTop: MT, marginBottom: MB,
      ariaLabel: 'Data points and the perceptron decision boundary for five learning rates',
      x: { domain: [-1.05, 1.05], label: 'input x₁' }, y: { domain: [-1.05, 1.05], label: 'input x₂' },
      marks: [
        Plot.frame({ strokeOpacity: 0.3 }),
        ...d.segs.map((s, j) => (s ? Plot.line(s, { x: 'x1', y: 'x2', stroke: COLORS[j], strokeWidth: WIDTHS[j] }) : null)),
        Plot.dot(mark(1), { x: 'x1', y: 'x2', symbol: 'plus', stroke: palette[0], strokeWidth: 2, r: 4.5 }),
        Plot.dot(mark(-1), { x: 'x1', y: 'x2', symbol: 'circle', stroke: palette[3], strokeWidth: 1.6, r: 3.5 }),
        Plot.dot([preview], { x: 'x1', y: 'x2', stroke: 'currentColor', strokeWidth: 1, r: 10, strokeDasharray: '3 2' }),
        Plot.dot([preview], { x: 'x1', y: 'x2', symbol: preview.y > 0 ? 'plus' : 'circle', stroke: preview.y > 0 ? palette[0] : palette[3], strokeWidth: 2, r: 3.5 }),
        labels([{ text: 'new point', x: preview.x1, y: preview.x2, anchor: 'middle', dy: -20 }, ...lineLabels]),
      ],
    });
    if (view.live) {
      // Clicking or tapping the chart adds a point there with the selected label.
      chart.style.cursor = 'crosshair';
      chart.onclick = (e) => {
        const x1 = valueAt(chart, e, 'x');
        const x2 = valueAt(chart, e, 'y');
        if (typeof x1 !== 'number' || typeof x2 !== 'number' || !(Math.abs(x1) <= 1 && Math.abs(x2) <= 1)) return; // outside the square
        view.act('add', { x1, x2, y: preview.y });
      };
    }
    const counter = `Points labelled differently from the η = 1 run: ${d.maxDiffering === 0 ? `0 at every one of ${d.steps} steps, for every η` : `up to ${d.maxDiffering}`} (${d.n} points, ${EPOCHS} epochs). Training errors in the last epoch: ${lastErrors(d.lastEpochErrors)}.`;
    // w and w/η per rate at the shown step: the raw weights differ by the factor η, the divided ones agree.
    const weights = table(document, {
      caption: `Weights after step ${d.step}: raw length ‖w‖ and w/η`,
      head: ['η', '‖w‖', 'w₀/η', 'w₁/η', 'w₂/η'],
      rows: d.rows.map((r, j) => [String(r.eta), fmt(d.norms[j], 5), fmt(r.w0_over_eta, 5), fmt(r.w1_over_eta, 5), fmt(r.w2_over_eta, 5)]),
    });
    if (!wide) return stack(document, [chart, counter, weights]);
    // The table takes the room beside the square (global.css), its columns narrowing before it drops under it.
    const beside = row(document, [chart, weights]);
    return stack(document, [beside, counter]);
  },
});
