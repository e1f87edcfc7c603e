import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { logTick, sci } from '../../../figure/format.ts';
import { pair } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { stack } from '../../../figure/dom.ts';
import { regressionData } from '../../../core/datasets.ts';
import { train } from '../../../core/train.ts';
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
export default defineFigure({
  code: ['core/init.ts#initParams', 'core/layout.ts#gapIn'],
  controls: {
    eps: { kind: 'range', label: 'Asymmetry ε (far left: exactly 0)', min: EPS_ZERO, max: -1, step: 1, value: 1e-8, log: true, zero: true },
    m: { kind: 'range', label: 'Outputs m', min: 1, max: 3, step: 1, value: 3, integer: true },
    lr: { kind: 'range', label: 'Learning rate η', min: 0.005, max: 0.05, step: 0.005, value: 0.05 },
    steps: { kind: 'range', label: 'Steps', min: 100, max: 2000, step: 100, value: 600, integer: true },
    seed: { kind: 'range', label: 'Seed (direction of ε)', min: 1, max: 20, step: 1, value: 1, integer: true },
  },
  compute({ eps, m, lr, steps, seed }, ctx) {
    const e = eps > 0 ? Math.round(Math.log10(eps)) : EPS_ZERO;
    const model = linearModel(regressionData({ m }), { d: 4 });
    const opts = { lr, steps, seed };
    const run = train(model, { ...opts, init: { kind: 'perturbed', eps } });
    // The ε = 0 run does not depend on ε: moving the ε slider reuses it.
    const ref = ctx.memo(`twins-gap:ref:${m}:${lr}:${steps}:${seed}`, () => train(model, { ...opts, init: { kind: 'perturbed', eps: 0 } }));
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
    // The positive gaps, thinned, for the log axis (which cannot show 0); below the axis they sit on its floor.
    const pos = (k: 'gapIn' | 'gapOut') => thin.filter((r) => r[k] > 0).map((r) => ({ step: r.step, gap: Math.max(r[k], GAP_DOMAIN[0]), k }));
    const label = eps === 0 ? 'ε = 0' : `ε = 1e${e}`;
    const lossRows = thin.flatMap((r) => [
      { step: r.step, loss: r.loss, run: label },
      ...(eps > 0 && r.lossAtZero !== null ? [{ step: r.step, loss: r.lossAtZero, run: 'ε = 0' }] : []),
    ]).filter((r) => r.loss > 0);
    const refEnd = ref.loss[ref.rows - 1];
    // The identical run is stuck when it ends far above the perturbed run (a rank-one plateau); 100× is "far".
    const stuck = refEnd > 1e-6 && refEnd > 100 * lastRow.loss;
    const fate =
      eps === 0
        ? `With ε = 0 the gap is exactly 0 at all ${zeroSteps} steps: the units are bitwise copies throughout.`
        : `The gap starts at ${sci(rows[0].gapIn)} and ends at ${sci(lastRow.gapIn)} ` +
          `(factor ${sci(growth)}; over the second half of the run, factor ${late.toPrecision(3)})` +
          (broke ? `, passing ${BROKEN} at step ${broke.step}. ` : '. ') +
          (stuck
            ? `The loss leaves the identical run's plateau (${refEnd.toPrecision(4)}) and ends at ${sci(lastRow.loss)}.`
            : `Breaking the symmetry changes little here: the loss ends at ${sci(lastRow.loss)}, against ${sci(refEnd)} with ε = 0.`);
    return {
      rows,
      /** The lines drawn: positive gaps, thinned. */
      inLine: pos('gapIn'),
      outLine: pos('gapOut'),
      lossRows,
      eps,
      label,
      m: model.layout.m,
      steps,
      lastStep: lastRow.step,
      /** Steps (of run.rows) at which both gaps are exactly 0. */
      zeroSteps,
      /** Whether the ε = 0 run's gaps are exactly 0 at every one of its refRows steps. */
      refZero,
      refRows: ref.rows,
      /** The first step whose incoming gap exceeds BROKEN, or null. */
      brokeAt: broke ? broke.step : null,
      broken: BROKEN,
      maxGapIn: Math.max(...rows.map((r) => r.gapIn)),
      finalLoss: lastRow.loss,
      refFinalLoss: refEnd,
      stuck,
      growth,
      late,
      alt: `Largest distance between the ${model.layout.d} hidden units' incoming and outgoing weights over ${run.rows - 1} steps, ${label}, ${model.layout.m === 1 ? 'one output' : `m = ${model.layout.m} outputs`}. ${fate}`,
      note: run.diverged ? `${run.diverged.message}: lower the learning rate.` : undefined,
    };
  },
  draw({ inLine, outLine, lossRows, eps, label, m, steps, lastStep, refZero, refRows, brokeAt, broken }, document) {
    const band =
      `ε = 0 run: gap exactly 0 at ${refZero ? 'every one' : 'some'} of ${refRows} steps (a log axis cannot show 0)` +
      (eps === 0 ? ' — the run chosen' : '');
    const top = plot(document, {
      width: 640, height: 240, marginRight: 80, ariaLabel: `largest distance between hidden units, ${label}, log scale`,
      x: { label: 'step', domain: [0, steps] },
      y: { type: 'log', label: `largest gap between units (${label}, m = ${m})`, domain: GAP_DOMAIN, clamp: true, grid: true, tickFormat: logTick },
      marks: [
        Plot.line(inLine, { x: 'step', y: 'gap', stroke: pair.random, strokeWidth: 2 }),
        Plot.line(outLine, { x: 'step', y: 'gap', stroke: pair.identical, strokeWidth: 2, strokeDasharray: '6 3' }),
        Plot.text(inLine.slice(-1), { x: 'step', y: 'gap', text: () => 'incoming', dx: 4, textAnchor: 'start', fill: 'currentColor' }),
        Plot.text(outLine.slice(-1), { x: 'step', y: 'gap', text: () => 'outgoing', dy: 12, dx: 4, textAnchor: 'start', fill: 'currentColor' }),
        brokeAt !== null ? Plot.ruleX([brokeAt], { strokeDasharray: '2 3', stroke: 'currentColor' }) : null,
        brokeAt !== null ? Plot.text([`gap > ${broken} at step ${brokeAt}`], { x: brokeAt, frameAnchor: 'bottom', dx: 4, dy: -24, textAnchor: 'start', fill: 'currentColor' }) : null,
        Plot.text([band], { frameAnchor: 'bottom-left', dx: 6, dy: -6, fill: 'currentColor' }),
      ],
    });
    const bottom = plot(document, {
      width: 640, height: 170, marginRight: 80, ariaLabel: 'loss over training, log scale',
      x: { label: 'step', domain: [0, steps] },
      y: { type: 'log', label: 'loss (log scale)', grid: true, tickFormat: logTick },
      marks: [
        Plot.line(lossRows.filter((r) => r.run === 'ε = 0'), { x: 'step', y: 'loss', stroke: pair.identical, strokeWidth: 2, strokeDasharray: '6 3' }),
        Plot.line(lossRows.filter((r) => r.run !== 'ε = 0'), { x: 'step', y: 'loss', stroke: pair.random, strokeWidth: 2 }),
        Plot.text(lossRows.filter((r) => r.step === lastStep), { x: 'step', y: 'loss', text: 'run', dx: 4, textAnchor: 'start', fill: 'currentColor' }),
      ],
    });
    return stack(document, [top, bottom]);
  },
});
