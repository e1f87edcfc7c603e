import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { sci } from '../../../figure/format.ts';
import { logAxis, logExtent, pow10 } from '../../../figure/axes.ts';
import { labels } from '../../../figure/labels.ts';
import { inkOf, pair } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { stack } from '../../../figure/dom.ts';
import { regressionData } from '../../../core/datasets.ts';
import { symmetricEigenvalues } from '../../../core/linalg.ts';
import { train } from '../../../core/train.ts';
import { linearModel } from '../linear.ts';
import { positionOrderModel } from '../kernel.ts';
import { bestRankLoss, endToEnd, findPlateaus, leastSquares, rankModes, rankOneSaddle, residualRates } from '../rank.ts';
import { paramsAt } from '../../../core/trace.ts';

/** The slider's far left stands for ε = 0 exactly (a log slider cannot reach 0). */
const EPS_ZERO = -13;
// Fixed so that moving ε shifts the curve instead of rescaling the axis; every ε ≥ 1e-12 starts inside it.
const GAP_DOMAIN: [number, number] = [1e-14, 10];
// "Broken" = the units are as far apart as the weights themselves (order 0.1–1 here).
const BROKEN = 0.1;
// At most this many points per line: a light SVG, the same picture.
const MAX_POINTS = 300;
// A plateau "sits on" the best rank-r loss when it is within this relative distance of it (see the tests).
const PLATEAU_MATCH = 1e-2;
// The loss panel shows this factor below the lowest best rank-r loss (m > 1).
const LOSS_DECADES = 1e3;

/** Largest distance between hidden units over training (log scale), from a start ε away from identical. */
export default defineFigure({
  code: ['core/init.ts#initParams', 'core/layout.ts#gapIn', 'chapters/identical-twins/rank.ts#bestRankLoss', 'chapters/identical-twins/rank.ts#rankOneSaddle', 'chapters/identical-twins/rank.ts#residualRates', 'chapters/identical-twins/kernel.ts#positionOrderModel'],
  controls: {
    eps: { kind: 'range', label: 'Asymmetry ε (far left: exactly 0)', min: EPS_ZERO, max: -1, step: 1, value: 1e-8, log: true, zero: true },
    m: { kind: 'range', label: 'Outputs m', min: 1, max: 3, step: 1, value: 3, integer: true },
    lr: { kind: 'range', label: 'Learning rate η', min: 0.005, max: 0.05, step: 0.005, value: 0.05 },
    steps: { kind: 'range', label: 'Steps', min: 100, max: 2000, step: 100, value: 600, integer: true },
    seed: { kind: 'range', label: 'Seed (direction of ε)', min: 1, max: 20, step: 1, value: 1, integer: true },
    sums: {
      kind: 'select', label: 'Order of each unit’s sums', value: 'unit',
      options: [
        { value: 'unit', label: 'the same for every unit (this site’s loops)' },
        { value: 'position', label: 'depends on the unit’s position (as a blocked kernel may)' },
      ],
    },
  },
  compute({ eps, m, lr, steps, seed, sums }, ctx) {
    const e = eps > 0 ? Math.round(Math.log10(eps)) : EPS_ZERO;
    const data = regressionData({ m });
    const model = sums === 'position' ? positionOrderModel(data, { d: 4 }) : linearModel(data, { d: 4 });
    const opts = { lr, steps, seed };
    const run = train(model, { ...opts, init: { kind: 'perturbed', eps } });
    // The ε = 0 run does not depend on ε: moving the ε slider reuses it.
    const ref = ctx.memo(`twins-gap:ref:${m}:${lr}:${steps}:${seed}:${sums}`, () => train(model, { ...opts, init: { kind: 'perturbed', eps: 0 } }));
    // The best loss of a map of rank ≤ r, r = 1 … m − 1 (rank m is least squares: the exact fit here).
    const modes = rankModes(data);
    const singular = Array.from(modes.lambda, Math.sqrt);
    const rankLines = Array.from({ length: m - 1 }, (_, i) => ({ rank: i + 1, loss: bestRankLoss(data, i + 1) }));
    // Each plateau of the run, and the best rank-r loss nearest to it.
    const plateaus = findPlateaus(run.loss).map((p) => {
      const near = rankLines.reduce<{ rank: number; loss: number } | null>((b, l) => (b === null || Math.abs(p.level - l.loss) < Math.abs(p.level - b.loss) ? l : b), null);
      const relErr = near ? Math.abs(p.level - near.loss) / near.loss : 1;
      return { ...p, rank: near && relErr < PLATEAU_MATCH ? near.rank : null, relErr };
    });
    // Leaving plateau r: the first step at which the loss is below half the best rank-r loss. Linearised at the
    // rank-one saddle the units' difference along direction r grows by 1 + 2η σ_r per step (rankOneSaddle), so it
    // needs about ln(1/ε) / ln(1 + 2η σ_r) steps to grow from ε to order one: Saxe et al.'s ln(1/size)/s law.
    const saddle = m > 1 ? rankOneSaddle(data).rates : [];
    // On the rank-two plateau the next direction grows by 1 + 2η σ₁(C(B* − WW₂)), measured at its middle step.
    const second = plateaus.find((p) => p.rank === 2);
    const secondRate = second ? residualRates(data, endToEnd(model.layout, paramsAt(run, Math.floor((second.from + second.to) / 2))))[0] : null;
    const escapes = rankLines.map((l) => {
      const at = Array.from(run.loss).findIndex((v) => v < l.loss / 2);
      const rate = Math.log(1 + 2 * lr * saddle[l.rank - 1]);
      return { rank: l.rank, step: at < 0 ? null : at, rate: saddle[l.rank - 1], predicted: eps > 0 && rate > 0 ? Math.log(1 / eps) / rate : null };
    });
    const rows = Array.from({ length: run.rows }, (_, s) => ({
      step: s, gapIn: run.gapIn[s], gapOut: run.gapOut[s], loss: run.loss[s], lossAtZero: s < ref.rows ? ref.loss[s] : null,
    }));
    const zeroSteps = rows.filter((r) => r.gapIn === 0 && r.gapOut === 0).length;
    const refZeroSteps = ref.gapIn.filter((g, s) => g === 0 && ref.gapOut[s] === 0).length;
    const refZero = refZeroSteps === ref.rows;
    const broke = rows.find((r) => r.gapIn > BROKEN);
    const lastRow = rows[rows.length - 1];
    const growth = eps > 0 && rows[0].gapIn > 0 ? lastRow.gapIn / rows[0].gapIn : 0;
    const stride = Math.ceil(rows.length / MAX_POINTS);
    const thin = rows.filter((r) => r.step % stride === 0 || r.step === lastRow.step);
    const mid = rows[Math.floor(rows.length / 2)].gapIn;
    const late = mid > 0 ? lastRow.gapIn / mid : 0;
    // The positive gaps, thinned, for the log axis (which cannot show 0); below the axis they sit on its floor.
    const pos = (k: 'gapIn' | 'gapOut') => thin.filter((r) => r[k] > 0).map((r) => ({ step: r.step, gap: Math.max(r[k], GAP_DOMAIN[0]), k }));
    const label = eps === 0 ? 'ε = 0' : `ε = ${pow10(Number(`1e${e}`))}`;
    const lossRows = thin.flatMap((r) => [
      { step: r.step, loss: r.loss, run: label },
      ...(eps > 0 && r.lossAtZero !== null ? [{ step: r.step, loss: r.lossAtZero, run: 'ε = 0' }] : []),
    ]).filter((r) => r.loss > 0);
    const refEnd = ref.loss[ref.rows - 1];
    // With several outputs the loss axis stops three decades below the lowest plateau, so the plateaus read
    // apart; an exact fit decays to 1e-30 and would squash them into the top tenth of the panel.
    const lossTop = 2 * Math.max(...lossRows.map((r) => r.loss));
    // The floor is rounded down to a power of ten, so the axis label can name it as its ticks are written (10ⁿ).
    const floor = rankLines.length ? Number(`1e${Math.floor(Math.log10(rankLines[rankLines.length - 1].loss / LOSS_DECADES))}`) : 0;
    const lossDomain: [number, number] | null = rankLines.length ? [floor, lossTop] : null;
    // The identical run is stuck when it ends far above the perturbed run (a rank-one plateau); 100× is "far".
    const stuck = refEnd > 1e-6 && refEnd > 100 * lastRow.loss;
    const firstApart = rows.findIndex((r) => r.gapIn > 0 || r.gapOut > 0);
    const fate =
      eps === 0 && zeroSteps === rows.length
        ? `With ε = 0 the gap is exactly 0 at all ${zeroSteps} steps: in these loops the units are bitwise copies throughout.`
        : eps === 0
          ? `With ε = 0 the units start bitwise equal, but their sums are rounded differently and the gap is ${sci(Math.max(rows[firstApart].gapIn, rows[firstApart].gapOut))} at step ${firstApart}; it ends at ${sci(lastRow.gapIn)}` +
            (broke ? `, passing ${BROKEN} at step ${broke.step}. ` : '. ') + `The loss ends at ${sci(lastRow.loss)}.`
          : `The gap starts at ${sci(rows[0].gapIn)} and ends at ${sci(lastRow.gapIn)} ` +
          `(factor ${sci(growth)}; over the second half of the run, factor ${late.toPrecision(3)})` +
          (broke ? `, passing ${BROKEN} at step ${broke.step}. ` : '. ') +
          (stuck
            ? `The loss leaves the identical run's plateau (${refEnd.toPrecision(4)}) and ends at ${sci(lastRow.loss)}.`
            : `Breaking the symmetry changes little here: the loss ends at ${sci(lastRow.loss)}, against ${sci(refEnd)} with ε = 0.`);
    const onPlateaus = plateaus.length
      ? ` Plateaus: ${plateaus.map((p) => `${p.level.toPrecision(4)} (steps ${p.from}–${p.to}${p.rank ? `, the best rank-${p.rank} loss ${rankLines[p.rank - 1].loss.toPrecision(4)}` : ''})`).join('; ')}.`
      : '';
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
      /** Whether the ε = 0 run's gaps are exactly 0 at every one of its refRows steps, and at how many. */
      refZero,
      refZeroSteps,
      /** σ₁ of C(B* − WW₂) in the middle of the rank-two plateau (null: no such plateau). */
      secondRate,
      /** The loss panel's log domain (m > 1; null: Plot's own). */
      lossDomain,
      /** The first step at which the run's units differ at all (−1: never). */
      firstApart,
      /** The best loss of any map of rank ≤ r, r = 1 … m − 1, and the least-squares loss (rank m). */
      rankLines,
      leastSquaresLoss: modes.leastSquaresLoss,
      /** Singular values s_i of the whitened least-squares map C^{1/2}B*, largest first, and their squares λ_i. */
      singular,
      lambda: Array.from(modes.lambda),
      /** The eigenvalues of C = XᵀX/n, largest first: how far the inputs are from whitened (all 1). */
      inputSpread: Array.from(symmetricEigenvalues(leastSquares(data).C, data.k)),
      /** The flat stretches of the run's loss, each with the best rank-r loss it sits on (null: none within PLATEAU_MATCH). */
      plateaus,
      /** When the run leaves each plateau; σ_r at the rank-one saddle and the prediction ln(1/ε)/ln(1 + 2η σ_r). */
      escapes,
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
      alt: `Largest distance between the ${model.layout.d} hidden units' incoming and outgoing weights over ${run.rows - 1} steps, ${label}, ${model.layout.m === 1 ? 'one output' : `m = ${model.layout.m} outputs`}${sums === 'position' ? ', each unit summing in an order set by its position' : ''}. ${fate}${onPlateaus}`,
      note: run.diverged ? `${run.diverged.message}: lower the learning rate.` : undefined,
    };
  },
  draw({ inLine, outLine, lossRows, eps, label, m, steps, lastStep, refZero, refZeroSteps, refRows, brokeAt, broken, rankLines, lossDomain }, document, view) {
    const narrow = view.width < 600;
    const band = `ε = 0 run: gap exactly 0 at ${refZero ? 'every one' : refZeroSteps} of ${refRows} steps${eps === 0 ? ' (the run shown)' : ''}`;
    const inEnd = inLine.at(-1);
    const outEnd = outLine.at(-1);
    const top = plot(document, {
      width: view.width, height: narrow ? 230 : 250, marginLeft: 48, marginRight: 24,
      ariaLabel: `largest distance between hidden units, ${label}, log scale`,
      x: { label: 'gradient-descent step', domain: [0, steps] },
      y: logAxis(`largest distance between units (${label}, m = ${m})`, GAP_DOMAIN, { clamp: true, grid: true }),
      marks: [
        Plot.line(inLine, { x: 'step', y: 'gap', stroke: pair.random, strokeWidth: 2 }),
        Plot.line(outLine, { x: 'step', y: 'gap', stroke: pair.identical, strokeWidth: 2, strokeDasharray: '6 3' }),
        brokeAt !== null ? Plot.ruleX([brokeAt], { strokeDasharray: '2 3', stroke: 'currentColor' }) : null,
        labels([
          ...(inEnd ? [{ text: 'incoming', x: inEnd.step, y: inEnd.gap, anchor: 'end' as const, dy: -10, fill: inkOf(pair.random) }] : []),
          ...(outEnd ? [{ text: 'outgoing', x: outEnd.step, y: outEnd.gap, anchor: 'end' as const, dy: 10, fill: inkOf(pair.identical) }] : []),
          ...(brokeAt !== null ? [{ text: `gap > ${broken} at step ${brokeAt}`, x: brokeAt, fy: 1, anchor: 'start' as const, dx: 4, dy: -24 }] : []),
          // A log axis cannot show 0: the ε = 0 run is told in words, pinned to the frame's foot.
          { text: band, fx: 0, fy: 1, anchor: 'start', dx: 4, dy: -8 },
        ]),
      ],
    });
    const runs = [...new Set(lossRows.map((r) => r.run))];
    const endOf = (run: string) => lossRows.filter((r) => r.run === run).at(-1);
    const bottom = plot(document, {
      width: view.width, height: lossDomain ? (narrow ? 220 : 240) : 190, marginLeft: 48, marginRight: 24,
      ariaLabel: 'loss over training, log scale, with the best loss of each rank',
      x: { label: 'gradient-descent step', domain: [0, steps] },
      y: logAxis(
        lossDomain ? `loss (mean squared error; floor ${pow10(lossDomain[0])})` : 'loss (mean squared error)',
        lossDomain ?? logExtent(lossRows.map((r) => r.loss)),
        { clamp: true, grid: true },
      ),
      marks: [
        Plot.line(lossRows.filter((r) => r.run === 'ε = 0'), { x: 'step', y: 'loss', stroke: pair.identical, strokeWidth: 2, strokeDasharray: '6 3' }),
        Plot.line(lossRows.filter((r) => r.run !== 'ε = 0'), { x: 'step', y: 'loss', stroke: pair.random, strokeWidth: 2 }),
        Plot.ruleY(rankLines, { y: 'loss', stroke: 'currentColor', strokeOpacity: 0.6, strokeDasharray: '1 3' }),
        labels([
          // The two end labels sit apart even when the runs end at the same loss (one output: both fit).
          ...runs.flatMap((run) => {
            const e = endOf(run);
            const zero = run === 'ε = 0';
            return e && e.step === lastStep ? [{ text: run, x: e.step, y: e.loss, anchor: 'end' as const, dy: zero ? -10 : 10, fill: inkOf(zero ? pair.identical : pair.random) }] : [];
          }),
          ...rankLines.map((l) => ({ text: `best rank-${l.rank} loss ${l.loss.toPrecision(4)}`, x: 0.7 * steps, y: l.loss, anchor: 'middle' as const, dy: -9 })),
        ]),
      ],
    });
    return stack(document, [top, bottom]);
  },
});
