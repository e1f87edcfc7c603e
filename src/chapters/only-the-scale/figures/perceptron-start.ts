import * as Plot from '@observablehq/plot';
import type { FigureModule } from '../../../figure/types.ts';
import { palette } from '../../../figure/palette.ts';
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
const figure: FigureModule = {
  code: ['chapters/only-the-scale/perceptron.ts#trainPerceptron', 'chapters/only-the-scale/perceptron.ts#differingPredictions', 'chapters/only-the-scale/rates.ts#etaSweep'],
  controls: [
    { kind: 'range', name: 'b0', label: 'Start bias w₀⁽⁰⁾', min: -1, max: 1, step: 0.1, value: 0.5 },
    { kind: 'range', name: 'w1', label: 'Start w₁⁽⁰⁾', min: -2, max: 2, step: 0.1, value: -1 },
    { kind: 'range', name: 'w2', label: 'Start w₂⁽⁰⁾', min: -2, max: 2, step: 0.1, value: 0.8 },
    { kind: 'range', name: 'epoch', label: 'Boundaries after epoch', min: 1, max: EPOCHS, step: 1, value: 3, integer: true },
    { kind: 'range', name: 'k', label: 'Check factor k', min: 0.1, max: 10, step: 0.1, value: 3 },
    { kind: 'checkbox', name: 'separable', label: 'Separable data (off: 15% of labels flipped)', value: false },
  ],
  render(params, document) {
    const w0 = [Number(params.b0), Number(params.w1), Number(params.w2)];
    const k = Number(params.k);
    const data = perceptronData({ n: 40, separable: params.separable === true, seed: 1 });
    const sweep = etaSweep(data, ETAS, { w0, epochs: EPOCHS, reference: REF });
    const scaled = etaSweep(data, ETAS.map((e) => k * e), { w0: w0.map((v) => k * v), epochs: EPOCHS });
    const epoch = Math.min(EPOCHS, Math.max(1, Math.round(Number(params.epoch))));
    const step = epoch * data.n;
    const ws = sweep.runs.map((r) => perceptronWeightsAt(r, step));
    const segs = ws.map((w) => boundarySegment(w, -1.05, 1.05));
    const kSegs = scaled.runs.map((r) => boundarySegment(perceptronWeightsAt(r, step), -1.05, 1.05));
    const start = boundarySegment(w0, -1.05, 1.05);
    const stats = ETAS.map((eta, j) => {
      const d = sweep.differing[j];
      const check = differingPredictions(scaled.runs[j], sweep.runs[j]);
      return { eta, stepsDiffering: d.filter((c) => c > 0).length, mostDiffering: Math.max(...d), differingNow: d[step], kCheck: Math.max(...check) };
    });
    const points = dataPoints(data);
    const svg = Plot.plot({
      document, width: W, height: H, marginRight: 190,
      ariaLabel: 'Data points and the perceptron decision boundaries for five learning rates from a non-zero start',
      x: { domain: [-1.05, 1.05], label: 'x₁' }, y: { domain: [-1.05, 1.05], label: 'x₂' },
      marks: [
        Plot.frame({ strokeOpacity: 0.3 }),
        start ? Plot.line(start, { x: 'x1', y: 'x2', stroke: 'currentColor', strokeOpacity: 0.5, strokeDasharray: '8 5' }) : null,
        ...segs.map((s, j) => (s ? Plot.line(s, { x: 'x1', y: 'x2', stroke: COLORS[j], strokeWidth: WIDTHS[j], strokeOpacity: 0.85 }) : null)),
        // (kη, k·w⁽⁰⁾) drawn as a fine dotted line on top: it should run down the middle of its η's line.
        ...kSegs.map((s) => (s ? Plot.line(s, { x: 'x1', y: 'x2', stroke: 'currentColor', strokeWidth: 1, strokeDasharray: '1 3' }) : null)),
        Plot.dot(points.filter((p) => p.y > 0), { x: 'x1', y: 'x2', symbol: 'plus', stroke: palette[0], strokeWidth: 2, r: 4.5 }),
        Plot.dot(points.filter((p) => p.y < 0), { x: 'x1', y: 'x2', symbol: 'circle', stroke: palette[3], strokeWidth: 1.6, r: 3.5 }),
        ...ETAS.map((eta, j) => Plot.text([eta], { frameAnchor: 'top-right', dx: 180, dy: 8 + 18 * j, textAnchor: 'end', fill: COLORS[j], fontWeight: 'bold', text: () => `━━ η = ${eta}${segs[j] ? '' : ': off the square'}` })),
        Plot.text([0], { frameAnchor: 'top-right', dx: 180, dy: 8 + 18 * ETAS.length + 4, textAnchor: 'end', lineHeight: 1.3, text: () => `- - - start w⁽⁰⁾${start ? '' : ' (off the square)'}\n····· (${k}η, ${k}·w⁽⁰⁾)` }),
      ],
    }) as unknown as Element;
    const node = document.createElement('div');
    const counter = document.createElement('p');
    const worst = Math.max(...stats.map((s) => s.mostDiffering));
    const kWorst = Math.max(...stats.map((s) => s.kCheck));
    counter.textContent = `Points labelled differently from the η = 1 run: up to ${worst} of ${data.n} at one step; after epoch ${epoch}: ${stats.map((s) => s.differingNow).join(', ')} for η = ${ETAS.join(', ')}. Check (${k}η, ${k}·w⁽⁰⁾) against (η, w⁽⁰⁾): ${kWorst} differing predictions at any step, for every η.`;
    node.append(svg, counter, table(document, stats, k));
    return {
      node, rows: stats.map((s, j) => ({ ...s, w0: w0.join(' '), k, epoch, w_0: ws[j][0], w_1: ws[j][1], w_2: ws[j][2] })),
      alt: `Decision boundaries after epoch ${epoch} for η = ${ETAS.join(', ')} from w⁽⁰⁾ = (${w0.join(', ')}). Points labelled differently from the η = 1 run after that epoch: ${stats.map((s) => s.differingNow).join(', ')}; at worst ${worst} at one step. Scaling both η and w⁽⁰⁾ by k = ${k} changes ${kWorst} predictions.`,
    };
  },
};

/** Per rate: how often and how much it disagrees with η = 1, and the (kη, k·w⁽⁰⁾) check. */
function table(document: Document, stats: { eta: number; stepsDiffering: number; mostDiffering: number; differingNow: number; kCheck: number }[], k: number): HTMLTableElement {
  const t = document.createElement('table');
  const cap = document.createElement('caption');
  cap.textContent = 'Disagreement with the η = 1 run, and the scaling check';
  t.append(cap);
  const row = (cells: (string | number)[], head: boolean) => {
    const tr = document.createElement('tr');
    for (const c of cells) {
      const td = document.createElement(head ? 'th' : 'td');
      if (head) td.setAttribute('scope', 'col');
      td.textContent = String(c);
      tr.append(td);
    }
    t.append(tr);
  };
  row(['η', 'steps with any difference', 'most points differing', 'differing after the shown epoch', `(${k}η, ${k}·w⁽⁰⁾): differing at any step`], true);
  for (const s of stats) row([s.eta === ETAS[REF] ? `${s.eta} (reference)` : s.eta, s.stepsDiffering, s.mostDiffering, s.differingNow, s.kCheck], false);
  return t;
}
export default figure;
