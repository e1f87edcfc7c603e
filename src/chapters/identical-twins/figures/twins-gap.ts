import * as Plot from '@observablehq/plot';
import type { FigureModule } from '../../../figure/types.ts';
import { pair } from '../../../figure/palette.ts';
import { regressionData, train } from '../../../core/index.ts';
import { linearModel } from '../linear.ts';

/** The slider's far left stands for ε = 0 exactly (a log slider cannot reach 0). */
const EPS_ZERO = -13;
// Fixed so that moving ε shifts the curve instead of rescaling the axis; every ε ≥ 1e-12 starts inside it.
const GAP_DOMAIN: [number, number] = [1e-14, 10];
// "Broken" = the units are as far apart as the weights themselves (order 0.1–1 here).
const BROKEN = 0.1;
// At most this many points per line: a light SVG, the same picture.
const MAX_POINTS = 300;

/** Largest distance between hidden units over training (log scale), from a start ε away from identical. */
const figure: FigureModule = {
  code: ['core/init.ts#initParams', 'core/layout.ts#gapIn'],
  controls: [
    { kind: 'range', name: 'eps', label: 'Asymmetry ε (far left: exactly 0)', min: EPS_ZERO, max: -1, step: 1, value: 1e-8, log: true, zero: true },
    { kind: 'range', name: 'm', label: 'Outputs m', min: 1, max: 3, step: 1, value: 3, integer: true },
    { kind: 'range', name: 'lr', label: 'Learning rate η', min: 0.005, max: 0.05, step: 0.005, value: 0.05 },
    { kind: 'range', name: 'steps', label: 'Steps', min: 100, max: 2000, step: 100, value: 600, integer: true },
    { kind: 'range', name: 'seed', label: 'Seed (direction of ε)', min: 1, max: 20, step: 1, value: 1, integer: true },
  ],
  render(params, document) {
    const eps = Number(params.eps);
    const e = eps > 0 ? Math.round(Math.log10(eps)) : EPS_ZERO;
    const model = linearModel(regressionData({ m: Number(params.m) }), { d: 4 });
    const opts = { lr: Number(params.lr), steps: Number(params.steps), seed: Number(params.seed) };
    const run = train(model, { ...opts, init: { kind: 'perturbed', eps } });
    const ref = train(model, { ...opts, init: { kind: 'perturbed', eps: 0 } });
    const rows = Array.from({ length: run.rows }, (_, s) => ({
      step: s, gapIn: run.gapIn[s], gapOut: run.gapOut[s], loss: run.loss[s], lossAtZero: s < ref.rows ? ref.loss[s] : null,
    }));
    const zeroSteps = rows.filter((r) => r.gapIn === 0 && r.gapOut === 0).length;
    const refZero = ref.gapIn.every((g) => g === 0) && ref.gapOut.every((g) => g === 0);
    const broke = rows.find((r) => r.gapIn > BROKEN);
    const lastRow = rows[rows.length - 1];
    const growth = eps > 0 && rows[0].gapIn > 0 ? lastRow.gapIn / rows[0].gapIn : 0;
    const stride = Math.ceil(rows.length / MAX_POINTS);
    const thin = rows.filter((r) => r.step % stride === 0 || r.step === lastRow.step);
    const mid = rows[Math.floor(rows.length / 2)].gapIn;
    const late = mid > 0 ? lastRow.gapIn / mid : 0;
    const pos = (k: 'gapIn' | 'gapOut') => thin.filter((r) => r[k] > 0).map((r) => ({ step: r.step, gap: Math.max(r[k], GAP_DOMAIN[0]), k }));
    const label = eps === 0 ? 'ε = 0' : `ε = 1e${e}`;
    const band =
      `ε = 0 run: gap exactly 0 at ${refZero ? 'every one' : 'some'} of ${ref.rows} steps (a log axis cannot show 0)` +
      (eps === 0 ? ' — the run chosen' : '');
    const top = Plot.plot({
      document, width: 640, height: 240, marginRight: 80, ariaLabel: `largest distance between hidden units, ${label}, log scale`,
      x: { label: 'step', domain: [0, opts.steps] },
      y: { type: 'log', label: `largest gap between units (${label}, m = ${model.layout.m})`, domain: GAP_DOMAIN, clamp: true, grid: true, tickFormat: (v: number) => (v >= 0.01 && v <= 100 ? String(+v.toPrecision(2)) : `1e${Math.round(Math.log10(v))}`) },
      marks: [
        Plot.line(pos('gapIn'), { x: 'step', y: 'gap', stroke: pair.random, strokeWidth: 2 }),
        Plot.line(pos('gapOut'), { x: 'step', y: 'gap', stroke: pair.identical, strokeWidth: 2, strokeDasharray: '6 3' }),
        Plot.text(pos('gapIn').slice(-1), { x: 'step', y: 'gap', text: () => 'incoming', dx: 4, textAnchor: 'start', fill: 'currentColor' }),
        Plot.text(pos('gapOut').slice(-1), { x: 'step', y: 'gap', text: () => 'outgoing', dy: 12, dx: 4, textAnchor: 'start', fill: 'currentColor' }),
        broke ? Plot.ruleX([broke.step], { strokeDasharray: '2 3', stroke: 'currentColor' }) : null,
        broke ? Plot.text([`gap > ${BROKEN} at step ${broke.step}`], { x: broke.step, frameAnchor: 'bottom', dx: 4, dy: -24, textAnchor: 'start', fill: 'currentColor' }) : null,
        Plot.text([band], { frameAnchor: 'bottom-left', dx: 6, dy: -6, fill: 'currentColor' }),
      ],
    }) as unknown as Element;
    const lossRows = thin.flatMap((r) => [
      { step: r.step, loss: r.loss, run: label },
      ...(eps > 0 && r.lossAtZero !== null ? [{ step: r.step, loss: r.lossAtZero, run: 'ε = 0' }] : []),
    ]).filter((r) => r.loss > 0);
    const bottom = Plot.plot({
      document, width: 640, height: 170, marginRight: 80, ariaLabel: 'loss over training, log scale',
      x: { label: 'step', domain: [0, opts.steps] },
      y: { type: 'log', label: 'loss (log scale)', grid: true, tickFormat: (v: number) => (v >= 0.01 && v <= 100 ? String(+v.toPrecision(2)) : `1e${Math.round(Math.log10(v))}`) },
      marks: [
        Plot.line(lossRows.filter((r) => r.run === 'ε = 0'), { x: 'step', y: 'loss', stroke: pair.identical, strokeWidth: 2, strokeDasharray: '6 3' }),
        Plot.line(lossRows.filter((r) => r.run !== 'ε = 0'), { x: 'step', y: 'loss', stroke: pair.random, strokeWidth: 2 }),
        Plot.text(lossRows.filter((r) => r.step === lastRow.step), { x: 'step', y: 'loss', text: 'run', dx: 4, textAnchor: 'start', fill: 'currentColor' }),
      ],
    }) as unknown as Element;
    const node = document.createElement('div');
    node.append(top, bottom);
    const refEnd = ref.loss[ref.rows - 1];
    // The identical run is stuck when it ends far above the perturbed run (a rank-one plateau); 100× is "far".
    const stuck = refEnd > 1e-6 && refEnd > 100 * lastRow.loss;
    const fate =
      eps === 0
        ? `With ε = 0 the gap is exactly 0 at all ${zeroSteps} steps: the units are bitwise copies throughout.`
        : `The gap starts at ${rows[0].gapIn.toExponential(1)} and ends at ${lastRow.gapIn.toExponential(1)} ` +
          `(factor ${growth.toExponential(1)}; over the second half of the run, factor ${late.toPrecision(3)})` +
          (broke ? `, passing ${BROKEN} at step ${broke.step}. ` : '. ') +
          (stuck
            ? `The loss leaves the identical run's plateau (${refEnd.toPrecision(4)}) and ends at ${lastRow.loss.toExponential(1)}.`
            : `Breaking the symmetry changes little here: the loss ends at ${lastRow.loss.toExponential(1)}, against ${refEnd.toExponential(1)} with ε = 0.`);
    return {
      node,
      rows,
      alt: `Largest distance between the ${model.layout.d} hidden units' incoming and outgoing weights over ${run.rows - 1} steps, ${label}, ${model.layout.m === 1 ? 'one output' : `m = ${model.layout.m} outputs`}. ${fate}`,
      note: run.diverged ? `${run.diverged.message}: lower the learning rate.` : undefined,
    };
  },
};
export default figure;
