import * as Plot from '@observablehq/plot';
import { logAxis, logExtent } from '../../../figure/axes.ts';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { labels, type Label } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { perceptronData } from '../data.ts';
import { etaSweep } from '../rates.ts';

const ETAS = [0.001, 0.01, 0.1, 1, 10];
const REF = 3;
const SERIES = [1, 2, 4, 5, 6]; // palette (and ink) index per η
const COLORS = SERIES.map((i) => palette[i]);
const WIDTHS = [9, 7, 5, 3, 1.2]; // nested: curves that coincide read as one striped curve
const EPOCHS = 5; // enough to see noisy data keep flipping the weights, few enough to see each step
const START = [0.5, -1, 0.8]; // the default start of the previous figure
const WEIGHTS = ['0', '1', '2'] as const; // the select's values: the index q of w_q
const NAMES = ['w₀ (bias)', 'w₁', 'w₂'];
const EPOCH_TICKS = Array.from({ length: EPOCHS + 1 }, (_, e) => e);
const [ML, MR] = [48, 16];
const NAME_ROOM = 78; // px right of the last epoch: "η = 0.001" at 12 px and its gap

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
    const ratios = rows.map((r) => r.w_over_eta);
    return {
      rows,
      /** Recorded states per run (rows of run j are rows[j·perRun …]). */
      perRun,
      weight: NAMES[q],
      gap,
      same,
      finalNorms,
      /** The y domains over the whole run, so the axes stay put while the timeline plays. */
      normDomain: logExtent(rows.map((r) => r.norm)),
      ratioDomain: [Math.min(0, ...ratios), Math.max(0, ...ratios)] as [number, number],
      /** States with ‖w‖ = 0 exactly, and whether they are all at the start of a run. */
      zeroStates: zeros.length,
      zerosAtStart: zeros.every((r) => r.epoch === 0),
      alt: `Training from ${w0 ? `w⁽⁰⁾ = (${START.join(', ')})` : 'w = 0'} for ${EPOCHS} epochs with η = ${ETAS.join(', ')}. Final lengths ‖w‖: ${finalNorms.map((v) => v.toPrecision(3)).join(', ')}. ${NAMES[q]} divided by η: the five curves ${same ? 'coincide' : 'differ'}, largest relative gap ${gap.toPrecision(2)}.`,
    };
  },
  // Play walks the runs one presented example at a time: the step is the row within each run. (After
  // compute: TS infers the data type from the first context-sensitive function it meets.)
  timeline: { steps: (d) => d.perRun - 1, unit: 'step' },
  draw({ rows, perRun, weight, gap, same, zeroStates, zerosAtStart, normDomain, ratioDomain }, document, view) {
    const upTo = view.step ?? perRun - 1;
    const slice = (j: number) => rows.slice(j * perRun, j * perRun + upTo + 1);
    const ends = ETAS.map((_, j) => rows[j * perRun + upTo]);
    const height = view.width < 600 ? 220 : 250;
    // Room right of the run for the names of the lines: each rides just right of its line's head, while
    // playing and at the end alike, so it never sits on a line (the x axis runs on past the last epoch).
    const epochAxis = (marginLeft: number) => {
      const frame = view.width - marginLeft - MR;
      return { label: 'epoch (passes over the 40 points)', domain: [0, (EPOCHS * frame) / (frame - NAME_ROOM)], ticks: EPOCH_TICKS, tickFormat: 'd' };
    };
    const head = (e: Row, y: number, j: number): Label => ({ text: `η = ${ETAS[j]}`, x: e.epoch, y, anchor: 'start', dx: 6, fill: ink(SERIES[j]) });
    const top = plot(document, {
      width: view.width, height, marginLeft: ML, marginRight: MR,
      ariaLabel: 'Length of the weight vector over epochs for each learning rate, log axis',
      x: epochAxis(ML),
      y: logAxis('raw length ‖w‖ (log axis)', normDomain, { grid: true }),
      marks: [
        ...ETAS.map((_, j) => Plot.line(slice(j).filter((r) => r.norm > 0), { x: 'epoch', y: 'norm', stroke: COLORS[j], strokeWidth: 2, curve: 'step-after' })),
        // ‖w‖ = 0 has no place on a log axis: a run still at w = 0 gets no name.
        labels(ends.flatMap((e, j) => (e.norm > 0 ? [head(e, e.norm, j)] : []))),
      ],
    });
    const note = same ? `all five coincide (gap ${fmt(gap, 1)})` : `curves differ (gap ${fmt(gap, 2)})`;
    // Room for tick labels like "−1,000": w/η runs into the thousands for a small η from w⁽⁰⁾ ≠ 0.
    const left = Math.max(-ratioDomain[0], ratioDomain[1]) >= 1000 ? ML + 12 : ML;
    const bottom = plot(document, {
      width: view.width, height, marginLeft: left, marginRight: MR,
      ariaLabel: `${weight} divided by the learning rate over epochs for each learning rate`,
      x: epochAxis(left),
      y: { label: `weight ${weight} ÷ learning rate η`, grid: true, domain: ratioDomain, nice: true },
      marks: [
        Plot.ruleY([0], { strokeOpacity: 0.4 }),
        ...ETAS.map((_, j) => Plot.line(slice(j), { x: 'epoch', y: 'w_over_eta', stroke: COLORS[j], strokeWidth: WIDTHS[j], curve: 'step-after' })),
        labels([
          { text: note, fx: 1, fy: 0, anchor: 'end', dx: -6, dy: 10 },
          ...(same ? [] : ends.map((e, j) => head(e, e.w_over_eta, j))),
        ]),
      ],
    });
    const say = zeroStates
      ? `‖w‖ is exactly 0 in ${zeroStates} of the ${rows.length} recorded states${zerosAtStart ? ' (the start of each run)' : ''}; a log axis cannot show 0, so those are left out of the top chart.`
      : 'No recorded state has ‖w‖ = 0.';
    return stack(document, [top, say, bottom]);
  },
});
