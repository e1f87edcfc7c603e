import * as Plot from '@observablehq/plot';
import { logAxis } from '../../../figure/axes.ts';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { labels } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { measuredThreshold, predictedThreshold, RETIE, retieRun, retieSweep, type RetieRun } from '../retie.ts';

/** Weight decay γ: the kicked tie shrinks back (γ above threshold) or grows apart, against the curvature μ(γ) across the tie. */
export default defineFigure({
  code: ['chapters/what-breaks-a-tie/retie.ts#antisymmetricCurvature', 'chapters/what-breaks-a-tie/retie.ts#retieRun'],
  controls: {
    gamma: { kind: 'range', label: 'Weight decay γ', min: 0, max: 0.15, step: 0.005, value: 0.1 },
  },
  worker: true,
  // Fourteen tied points and kicked runs of 3000 steps each: about 1.9 s natively and 39 s in QuickJS; ten times that for an edited cell.
  cell: { limit: 400_000 },
  compute({ gamma }, ctx) {
    const blank = (runs: RetieRun[]) => ({
      gaps: [], prediction: [], sweep: runs.map(({ gamma: g, mu, rate }) => ({ gamma: g, mu, rate })), predicted: null, measured: null, mu0: 0, lr: RETIE.lr, steps: RETIE.steps, kick: RETIE.kick, count: RETIE.gammas.length, chosen: { gamma, mu: 0, rate: 0, verdict: 'apart', finalGap: 0 },
      rows: [], alt: 'Running the γ sweep…', note: `Running the γ sweep… ${runs.length} of ${RETIE.gammas.length}.`,
    });
    const sweep = ctx.memo('tie:retie-sweep', () => retieSweep((runs, done) => ctx.progress(done * 0.9, () => blank(runs))));
    const { tied: _tied, ...run } = retieRun(gamma);
    const gaps = run.gaps.map((gap, step) => ({ step, gap })).filter((r) => r.gap > 0 && r.step % 5 === 0);
    // The linearised prediction: the kicked gap changes by the factor (1 − ημ) per step; drawn until it leaves the chart.
    const factor = Math.abs(1 - RETIE.lr * run.mu);
    const leave = factor === 1 ? RETIE.steps : Math.min(RETIE.steps, Math.log((factor < 1 ? 1e-16 : 10) / RETIE.kick) / Math.log(factor));
    const prediction = [0, leave].map((step) => ({ step, gap: RETIE.kick * factor ** step }));
    const predicted = predictedThreshold(sweep), measured = measuredThreshold(sweep);
    const finalGap = run.gaps[run.gaps.length - 1];
    return {
      gaps, prediction, predicted, measured, mu0: sweep[0].mu, lr: RETIE.lr, steps: RETIE.steps, kick: RETIE.kick, count: RETIE.gammas.length,
      sweep: sweep.map(({ gamma: g, mu, rate }) => ({ gamma: g, mu, rate })),
      chosen: { gamma, mu: run.mu, rate: run.rate, verdict: run.verdict, finalGap },
      rows: sweep.map(({ gamma: g, mu, rate, verdict, tiedNorm, tiedGrad }) => ({ gamma: g, curvature_mu: mu, measured_rate: rate, verdict, tied_unit_norm: tiedNorm, tied_gradient_norm: tiedGrad })),
      alt: `Two tanh units kicked ${RETIE.kick} apart from their tied point: at γ = ${gamma} the curvature across the tie is μ = ${fmt(run.mu, 3)} and the gap ${run.verdict === 'retied' ? 'shrinks' : 'grows'} at rate ${fmt(run.rate, 3)} (prediction −μ), ending at ${fmt(finalGap, 2)}. Threshold: μ = 0 at γ = ${predicted !== null ? fmt(predicted) : '—'}; the runs' rate changes sign at γ = ${measured !== null ? fmt(measured) : '—'}.`,
      note: predicted === null ? 'μ(γ) does not cross 0 on the sweep.' : undefined,
    };
  },
  draw(d, document, view) {
    const top = plot(document, {
      width: view.width, height: 230, marginLeft: 56,
      x: { label: 'gradient-descent step after the kick', domain: [0, RETIE.steps] },
      y: { ...logAxis('gap between the units', [1e-16, 10]), grid: true },
      ariaLabel: 'The gap after the kick',
      marks: [
        Plot.line(d.prediction, { x: 'step', y: 'gap', stroke: palette[7], strokeDasharray: '6 4' }),
        Plot.line(d.gaps, { x: 'step', y: 'gap', stroke: palette[0], strokeWidth: 2 }),
        labels([
          { text: `run, γ = ${d.chosen.gamma}`, x: d.gaps.at(-1)?.step ?? 0, y: d.gaps.at(-1)?.gap ?? 1, anchor: 'end', dy: -12, fill: ink(0) },
          { text: 'linear prediction (1 − ημ)ᵗ', fx: 0.03, fy: 0.92, anchor: 'start', fill: ink(7) },
        ]),
      ],
    });
    const rate = plot(document, {
      width: view.width, height: 230, marginLeft: 56,
      x: { label: 'weight decay γ', domain: [0, RETIE.gammas.at(-1)!] }, y: { label: 'rate per unit time', grid: true },
      ariaLabel: 'Curvature and measured rate against γ',
      marks: [
        Plot.ruleY([0], { stroke: 'currentColor' }),
        Plot.line(d.sweep, { x: 'gamma', y: (r: { mu: number }) => -r.mu, stroke: palette[7], strokeDasharray: '6 4' }),
        Plot.dot(d.sweep, { x: 'gamma', y: 'rate', fill: palette[0], r: 4 }),
        Plot.ruleX([d.chosen.gamma], { stroke: palette[1] }),
        labels([
          { text: '−μ(γ) from the Hessian', fx: 0.97, fy: 0.92, anchor: 'end', fill: ink(7) },
          { text: 'measured growth of the gap', fx: 0.97, fy: 0.08, anchor: 'end', fill: ink(0) },
          ...(d.predicted !== null ? [{ text: `threshold ≈ ${fmt(d.predicted)}`, x: d.predicted, y: 0, anchor: 'start' as const, dx: 6, dy: -12, fill: 'currentColor' }] : []),
        ]),
      ],
    });
    return stack(document, [top, rate]);
  },
});
