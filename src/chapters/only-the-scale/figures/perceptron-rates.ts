import * as Plot from '@observablehq/plot';
import type { FigureModule, RenderContext } from '../../../figure/types.ts';
import { palette } from '../../../figure/palette.ts';
import { perceptronData } from '../data.ts';
import { perceptronWeightsAt } from '../perceptron.ts';
import { boundarySegment, dataPoints, etaSweep, pointsData, type Point } from '../rates.ts';

const ETAS = [0.001, 0.01, 0.1, 1, 10];
const REF = 3; // η = 1 is the run every other rate is compared with
const COLORS = [palette[1], palette[2], palette[4], palette[5], palette[6]];
const WIDTHS = [17, 12.5, 8, 4.5, 1.5]; // nested widths: coinciding lines read as one striped cable, separate ones as five lines
const EPOCHS = 20;
const MAX_ADDED = 60; // keeps a render within a frame (5 runs × 20 epochs × n² predictions)
const [W, H] = [640, 400];

interface State { added: Point[]; removed: number }

/** The reader's data: the seeded set minus points removed from its end, plus points the reader added. */
function readerPoints(separable: boolean, st: State): Point[] {
  const seeded = dataPoints(perceptronData({ n: 40, separable, seed: 1 }));
  return [...seeded.slice(0, seeded.length - st.removed), ...st.added];
}

/** Applies an Add / Remove button press to the state; returns a note when it could not. */
function applyAction(action: string | undefined, st: State, point: Point, total: number): string | undefined {
  if (action === 'add') {
    if (st.added.length >= MAX_ADDED) return `At most ${MAX_ADDED} added points: remove some first.`;
    st.added.push(point);
  } else if (action === 'remove') {
    if (st.added.length) st.added.pop();
    else if (total > 2) st.removed++;
    else return 'Two points stay, so there is something to classify.';
  }
  return undefined;
}

/** "3 for every η" when all runs agree, else the list. */
const lastErrors = (e: number[]) => (e.every((v) => v === e[0]) ? `${e[0]} for every η` : e.join(', '));

const fmt = (v: number) => (v === 0 ? '0' : v.toPrecision(5));

/** Several learning rates from w = 0 on the reader's data: one boundary, identical predictions at every step. */
const figure: FigureModule = {
  code: ['chapters/only-the-scale/perceptron.ts#trainPerceptron', 'chapters/only-the-scale/perceptron.ts#differingPredictions', 'chapters/only-the-scale/rates.ts#etaSweep'],
  controls: [
    { kind: 'checkbox', name: 'separable', label: 'Separable data (off: 15% of labels flipped)', value: true },
    { kind: 'range', name: 'epoch', label: 'Boundaries after epoch', min: 1, max: EPOCHS, step: 1, value: 1, integer: true },
    { kind: 'range', name: 'px', label: 'New point x₁', min: -1, max: 1, step: 0.05, value: 0.6 },
    { kind: 'range', name: 'py', label: 'New point x₂', min: -1, max: 1, step: 0.05, value: -0.6 },
    { kind: 'select', name: 'label', label: 'New point label', value: '1', options: [{ value: '1', label: '+1 (plus)' }, { value: '-1', label: '−1 (circle)' }] },
    { kind: 'button', name: 'add', label: 'Add point' },
    { kind: 'button', name: 'remove', label: 'Remove last point' },
  ],
  render(params, document, ctx: RenderContext) {
    const st = ((ctx.state.points as State | undefined) ??= { added: [], removed: 0 }) as State;
    const separable = params.separable !== false;
    const label: 1 | -1 = params.label === '-1' ? -1 : 1;
    const preview: Point = { x1: Number(params.px), x2: Number(params.py), y: label };
    const note = applyAction(params.action, st, preview, readerPoints(separable, st).length);
    const points = readerPoints(separable, st);
    const data = pointsData(points);
    const sweep = etaSweep(data, ETAS, { epochs: EPOCHS, reference: REF });
    const epoch = Math.min(EPOCHS, Math.max(1, Math.round(Number(params.epoch))));
    const step = epoch * data.n;
    const ws = sweep.runs.map((r) => perceptronWeightsAt(r, step));
    const segs = ws.map((w) => boundarySegment(w, -1.05, 1.05));
    const mark = (y: 1 | -1) => points.filter((p) => p.y === y);
    const svg = Plot.plot({
      document, width: W, height: H, marginRight: 190,
      ariaLabel: 'Data points and the perceptron decision boundary for five learning rates',
      x: { domain: [-1.05, 1.05], label: 'x₁' }, y: { domain: [-1.05, 1.05], label: 'x₂' },
      marks: [
        Plot.frame({ strokeOpacity: 0.3 }),
        ...segs.map((s, j) => (s ? Plot.line(s, { x: 'x1', y: 'x2', stroke: COLORS[j], strokeWidth: WIDTHS[j] }) : null)),
        Plot.dot(mark(1), { x: 'x1', y: 'x2', symbol: 'plus', stroke: palette[0], strokeWidth: 2, r: 4.5 }),
        Plot.dot(mark(-1), { x: 'x1', y: 'x2', symbol: 'circle', stroke: palette[3], strokeWidth: 1.6, r: 3.5 }),
        Plot.dot([preview], { x: 'x1', y: 'x2', stroke: 'currentColor', strokeWidth: 1, r: 10, strokeDasharray: '3 2' }),
        Plot.dot([preview], { x: 'x1', y: 'x2', symbol: label > 0 ? 'plus' : 'circle', stroke: label > 0 ? palette[0] : palette[3], strokeWidth: 2, r: 3.5 }),
        Plot.text([preview], { x: 'x1', y: 'x2', text: () => 'new point', dy: -16, fontSize: 10 }),
        ...ETAS.map((eta, j) => Plot.text([eta], { frameAnchor: 'top-right', dx: 180, dy: 8 + 18 * j, textAnchor: 'end', fill: COLORS[j], fontWeight: 'bold', text: () => `━━ η = ${eta} (${['widest', 'wide', 'middle', 'narrow', 'thinnest'][j]})${segs[j] ? '' : ': no line'}` })),
        Plot.text([0], { frameAnchor: 'top-right', dx: 180, dy: 8 + 18 * ETAS.length + 6, textAnchor: 'end', text: () => (sweep.maxDiffering === 0 ? 'all five lie on one line' : 'the lines differ') }),
      ],
    }) as unknown as SVGSVGElement;
    if (ctx.live) attachClick(svg, st, label, ctx);
    const node = document.createElement('div');
    const counter = document.createElement('p');
    const steps = sweep.runs[REF].rows;
    counter.textContent = `Points labelled differently from the η = 1 run: ${sweep.maxDiffering === 0 ? `0 at every one of ${steps} steps, for every η` : `up to ${sweep.maxDiffering}`} (${data.n} points, ${EPOCHS} epochs). Training errors in the last epoch: ${lastErrors(sweep.runs.map((r) => r.errorsPerEpoch[EPOCHS - 1]))}.`;
    node.append(svg, counter, table(document, ws, step));
    const rows = ETAS.map((eta, j) => ({ eta, epoch, step, w0: ws[j][0], w1: ws[j][1], w2: ws[j][2], w0_over_eta: ws[j][0] / eta, w1_over_eta: ws[j][1] / eta, w2_over_eta: ws[j][2] / eta, max_differing: Math.max(...sweep.differing[j]) }));
    return {
      node, rows, note,
      alt: `${data.n} points and the decision boundaries after epoch ${epoch} for η = ${ETAS.join(', ')}, all trained from w = 0. ${sweep.maxDiffering === 0 ? 'The five boundaries coincide exactly and' : 'The boundaries differ;'} the largest number of points labelled differently from the η = 1 run, over all ${steps} steps, is ${sweep.maxDiffering}. w/η after epoch ${epoch}: (${fmt(ws[REF][0])}, ${fmt(ws[REF][1])}, ${fmt(ws[REF][2])}) for η = 1.`,
    };
  },
};

/** Clicking or tapping the chart adds a point there with the selected label. */
function attachClick(svg: SVGSVGElement, st: State, label: 1 | -1, ctx: RenderContext) {
  const plot = svg as unknown as { scale(name: string): { invert(v: number): number } };
  svg.style.cursor = 'crosshair';
  svg.addEventListener('click', (e) => {
    const r = svg.getBoundingClientRect();
    // The SVG may be drawn narrower than W × H on a phone: map screen pixels back to its own units.
    const x1 = plot.scale('x').invert(((e.clientX - r.left) * W) / r.width);
    const x2 = plot.scale('y').invert(((e.clientY - r.top) * H) / r.height);
    if (!(Math.abs(x1) <= 1 && Math.abs(x2) <= 1) || st.added.length >= MAX_ADDED) return;
    st.added.push({ x1, x2, y: label });
    ctx.update?.();
  });
}

/** w and w/η per rate at the shown step: the raw weights differ by the factor η, the divided ones agree. */
function table(document: Document, ws: Float64Array[], step: number): HTMLTableElement {
  const t = document.createElement('table');
  const cap = document.createElement('caption');
  cap.textContent = `Weights after step ${step}: raw length ‖w‖ and w/η`;
  t.append(cap);
  const row = (cells: string[], head: boolean) => {
    const tr = document.createElement('tr');
    for (const c of cells) {
      const td = document.createElement(head ? 'th' : 'td');
      if (head) td.setAttribute('scope', 'col');
      td.textContent = c;
      tr.append(td);
    }
    t.append(tr);
  };
  row(['η', '‖w‖', 'w₀/η', 'w₁/η', 'w₂/η'], true);
  ws.forEach((w, j) => row([String(ETAS[j]), fmt(Math.hypot(...w)), ...Array.from(w, (v) => fmt(v / ETAS[j]))], false));
  return t;
}
export default figure;
