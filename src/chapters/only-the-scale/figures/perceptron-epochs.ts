import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { perceptronData } from '../data.ts';
import { etaSweep } from '../rates.ts';

const ETAS = [0.001, 0.01, 0.1, 1, 10];
const REF = 3;
const COLORS = [palette[1], palette[2], palette[4], palette[5], palette[6]];
const WIDTHS = [9, 7, 5, 3, 1.2]; // nested: curves that coincide read as one striped curve
const EPOCHS = 5; // enough to see noisy data keep flipping the weights, few enough to see each step
const START = [0.5, -1, 0.8]; // the default start of the previous figure
const WEIGHTS = ['0', '1', '2'] as const; // the select's values: the index q of w_q
const NAMES = ['w₀ (bias)', 'w₁', 'w₂'];

/** One recorded state of one run: the CSV row. */
interface Row {
  eta: string;
  epoch: number;
  weight: string;
  w: number;
  norm: number;
  w_over_eta: number;
}

/** Weights over training for each η: raw length ‖w‖ (log axis: decades apart) and one weight divided by η (one curve from w = 0). */
export default defineFigure({
  code: ['chapters/only-the-scale/perceptron.ts#trainPerceptron', 'chapters/only-the-scale/rates.ts#etaSweep'],
  controls: {
    q: { kind: 'select', label: 'Weight', value: '1', options: WEIGHTS.map((value, q) => ({ value, label: NAMES[q] })) },
    separable: { kind: 'checkbox', label: 'Separable data (off: 15% of labels flipped)', value: false },
    nonzero: { kind: 'checkbox', label: `Start from w⁽⁰⁾ = (${START.join(', ')}) instead of 0`, value: false },
  },
  compute(params) {
    const q = WEIGHTS.indexOf(params.q);
    const w0 = params.nonzero ? START : undefined;
    const data = perceptronData({ n: 40, separable: params.separable, seed: 1 });
    const { runs } = etaSweep(data, ETAS, { w0, epochs: EPOCHS, reference: REF });
    const rows: Row[] = [];
    let gap = 0; // largest |w/η − w_ref/η_ref| over steps and rates, relative to (1 + |w_ref/η_ref|)
    runs.forEach((r, j) => {
      for (let s = 0; s < r.rows; s++) {
        const w = r.w[s * 3 + q];
        const ref = runs[REF].w[s * 3 + q] / ETAS[REF];
        gap = Math.max(gap, Math.abs(w / ETAS[j] - ref) / (1 + Math.abs(ref)));
        rows.push({ eta: `η = ${ETAS[j]}`, epoch: s / data.n, weight: NAMES[q], w, norm: Math.hypot(r.w[s * 3], r.w[s * 3 + 1], r.w[s * 3 + 2]), w_over_eta: w / ETAS[j] });
      }
    });
    const perRun = runs[0].rows;
    const ends = runs.map((r, j) => rows[(j + 1) * r.rows - 1]);
    const same = gap < 1e-12; // rounding only: see tests/unit/chapters/only-the-scale/rates.test.ts for the bound
    const zeros = rows.filter((r) => r.norm === 0); // a log axis cannot show these: say so instead
    const finalNorms = ends.map((e) => e.norm);
    return {
      rows,
      /** Recorded states per run (rows of run j are rows[j·perRun …]). */
      perRun,
      weight: NAMES[q],
      gap,
      same,
      finalNorms,
      /** States with ‖w‖ = 0 exactly, and whether they are all at the start of a run. */
      zeroStates: zeros.length,
      zerosAtStart: zeros.every((r) => r.epoch === 0),
      alt: `Training from ${w0 ? `w⁽⁰⁾ = (${START.join(', ')})` : 'w = 0'} for ${EPOCHS} epochs with η = ${ETAS.join(', ')}. Final lengths ‖w‖: ${finalNorms.map((v) => v.toPrecision(3)).join(', ')}. ${NAMES[q]} divided by η: the five curves ${same ? 'coincide' : 'differ'}, largest relative gap ${gap.toPrecision(2)}.`,
    };
  },
  draw({ rows, perRun, weight, gap, same, zeroStates, zerosAtStart }, document) {
    const slice = (j: number) => rows.slice(j * perRun, (j + 1) * perRun);
    const ends = ETAS.map((_, j) => ({ ...rows[(j + 1) * perRun - 1], j }));
    const top = plot(document, {
      width: 640, height: 230, marginLeft: 60, marginRight: 90,
      ariaLabel: 'Length of the weight vector over epochs for each learning rate, log axis',
      x: { label: 'epoch', domain: [0, EPOCHS] },
      y: { label: 'raw length ‖w‖ (log axis)', type: 'log', grid: true, tickFormat: '~g' },
      marks: [
        ...ETAS.map((_, j) => Plot.line(slice(j).filter((r) => r.norm > 0), { x: 'epoch', y: 'norm', stroke: COLORS[j], strokeWidth: 2, curve: 'step-after' })),
        Plot.text(ends, { x: 'epoch', y: 'norm', text: 'eta', dx: 8, textAnchor: 'start', fill: (d: { j: number }) => COLORS[d.j], fontWeight: 'bold' }),
      ],
    });
    const bottom = plot(document, {
      width: 640, height: 230, marginLeft: 60, marginRight: 90,
      ariaLabel: `${weight} divided by the learning rate over epochs for each learning rate`,
      x: { label: 'epoch', domain: [0, EPOCHS] },
      y: { label: `${weight} / η`, grid: true },
      marks: [
        Plot.ruleY([0], { strokeOpacity: 0.4 }),
        ...ETAS.map((_, j) => Plot.line(slice(j), { x: 'epoch', y: 'w_over_eta', stroke: COLORS[j], strokeWidth: WIDTHS[j], curve: 'step-after' })),
        Plot.text([0], { frameAnchor: 'top-right', dx: 86, textAnchor: 'end', lineHeight: 1.3, text: () => (same ? `all five\ncoincide\n(gap ${gap === 0 ? '0' : gap.toExponential(0)})` : `curves differ\n(gap ${gap.toPrecision(2)})`) }),
      ],
    });
    const say = zeroStates
      ? `‖w‖ is exactly 0 in ${zeroStates} of the ${rows.length} recorded states${zerosAtStart ? ' (the start of each run)' : ''}; a log axis cannot show 0, so those are left out of the top chart.`
      : 'No recorded state has ‖w‖ = 0.';
    return stack(document, [top, say, bottom]);
  },
});
