import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { labels } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { tiedSaddle } from '../overlap-ode.ts';
import { memoSweep, PLATEAU_SPECS, plateauSummary, SWEEP_EPS, SWEEP_SEEDS, sweepKey, type SweepRow, type SweepSpec } from '../plateau.ts';

/** The sweeps the build runs anyway (for plateau.csv and escape-knobs) that this figure's controls can reach: at s = 0.5. */
export const PREPARED = PLATEAU_SPECS.filter((p) => p.spec.scale === 0.5).map((p) => p.spec);

/** A prepared sweep, as the build ships it beside the page: its memo key and its rows. */
export interface PreparedSweep { key: string; rows: SweepRow[] }

/** The figure's data for the runs done so far (all of them, or a partial while the sweep runs). */
function plateauData(rows: SweepRow[], spec: SweepSpec, seeds: number, done: number) {
  const sum = plateauSummary(rows);
  const { slope, intercept, r2 } = sum.fit;
  const xs = SWEEP_EPS.map((e) => Math.log(1 / e));
  const line = [Math.min(...xs), Math.max(...xs)].map((x) => ({ x, y: intercept + slope * x }));
  // The theory's slope 1/λ, λ the unstable eigenvalue of the overlap ODE at its tied fixed point (erf only).
  const saddle = spec.activation === 'erf' ? tiedSaddle(spec.eta) : null;
  const theorySlope = saddle ? 1 / saddle.lambda : null;
  // Only the slope is predicted: the dashed line passes through the centre of the means.
  const cx = sum.means.reduce((a, m) => a + m.x, 0) / Math.max(1, sum.means.length);
  const cy = intercept + slope * cx;
  const predicted = theorySlope === null || sum.means.length < 2 ? [] : line.map((p) => ({ x: p.x, y: cy + theorySlope * (p.x - cx) }));
  const runs = rows.flatMap((r) => (r.escape_alpha === null ? [] : [{ x: Math.log(1 / r.eps), y: r.escape_alpha, seed: r.seed }]));
  const fitText = sum.means.length >= 2 ? `measured: slope ${fmt(slope)} α per unit ln(1/ε) (least squares on the means, R² = ${r2.toFixed(4)})` : 'not enough ε yet';
  const theoryText = theorySlope !== null ? `predicted by the ODE: 1/λ = ${fmt(theorySlope)} (λ = ${fmt(saddle!.lambda)})` : 'no ODE for tanh here: no prediction';
  const growthText = sum.measuredSlope !== null ? `1/λ from the gap's growth on each run's plateau: ${fmt(sum.measuredSlope)} (median of ${sum.rates} runs)` : 'λ not measured yet';
  const label = `${spec.activation}, η = ${spec.eta}, s = ${spec.scale}, ${seeds} seeds`;
  const note = done < 1 ? `Running the sweep… ${Math.round(done * 100)}% (${rows.length} runs).` : sum.unescaped ? `${sum.unescaped} runs did not escape by α = ${spec.maxAlpha}.` : undefined;
  return {
    rows,
    runs,
    means: sum.means,
    fit: sum.fit,
    /** The growth rate measured on the plateaus (median over runs), and its 1/λ. */
    lambda: sum.lambda,
    measuredSlope: sum.measuredSlope,
    /** How many runs had a plateau window (the rest start too close to the escape, e.g. ε = 1e-2). */
    rates: sum.rates,
    /** The ODE's λ and the slope 1/λ it predicts (null for tanh). */
    theoryLambda: saddle?.lambda ?? null,
    theorySlope,
    /** How many α a tenfold smaller ε adds to the plateau, by the theory: ln(10)/λ. */
    perDecade: theorySlope !== null ? theorySlope * Math.LN10 : null,
    unescaped: sum.unescaped,
    line: sum.means.length >= 2 ? line : [],
    predicted,
    fitText,
    theoryText,
    growthText,
    alt: `${label}: escape α against ln(1/ε) for ε = 1e-2 … 1e-8; ${fitText}; ${theoryText}; ${growthText}.`,
    note,
  };
}

/** Island 2: escape α against ln(1/ε), one point per run, the means, their least-squares line and the slope 1/λ the ODE predicts. */
export default defineFigure({
  code: ['chapters/escaping-the-symmetric-subspace/overlap-ode.ts#tiedSaddle', 'chapters/escaping-the-symmetric-subspace/plateau.ts#plateauSummary'],
  controls: {
    act: { kind: 'select', label: 'Activation g', value: 'erf', options: [{ value: 'erf', label: 'erf(z/√2)' }, { value: 'tanh', label: 'tanh' }] },
    eta: { kind: 'range', label: 'Learning rate η', min: 0.25, max: 1, step: 0.25, value: 0.5 },
    seeds: { kind: 'range', label: 'Seeds per ε', min: 2, max: 6, step: 1, value: 6, integer: true },
  },
  worker: true,
  // Live, a sweep the build already ran arrives with the page: the seeds control, and those η and g, only subset it.
  prepare: (memo): PreparedSweep[] => PREPARED.map((spec) => ({ key: sweepKey(spec), rows: memoSweep(memo, spec) })),
  compute({ act, eta, seeds }, ctx) {
    // Fewer seeds only subset the full six-seed sweep (the one the build and plateau.csv compute), never rerun it.
    const full: SweepSpec = { activation: act, eta, scale: 0.5, eps: SWEEP_EPS, seeds: SWEEP_SEEDS, maxAlpha: 4000 };
    const spec: SweepSpec = { ...full, seeds: SWEEP_SEEDS.slice(0, seeds) };
    const mine = (rows: readonly SweepRow[]) => rows.filter((r) => r.seed <= seeds);
    const key = sweepKey(full);
    const rows = ctx.inputs?.find((p) => p.key === key)?.rows
      ?? memoSweep(ctx.memo, full, (sofar, done) => ctx.progress(done, () => plateauData(mine(sofar), spec, seeds, done)));
    return plateauData(mine(rows), spec, seeds, 1);
  },
  draw(d, document, view) {
    const chart = plot(document, {
      width: view.width, height: view.width < 600 ? 260 : 320, marginLeft: 56,
      x: { label: 'ln(1/ε), ε the start’s asymmetry', domain: [4, 19] }, y: { label: 'escape α = steps / N', grid: true, zero: true },
      ariaLabel: 'Escape α against ln(1/ε)',
      marks: [
        Plot.dot(d.runs, { x: 'x', y: 'y', r: 2.5, fill: palette[0], fillOpacity: 0.5 }),
        Plot.dot(d.means, { x: 'x', y: 'mean', r: 5, stroke: palette[1], strokeWidth: 2, symbol: 'diamond' }),
        d.line.length ? Plot.line(d.line, { x: 'x', y: 'y', stroke: palette[1], strokeWidth: 2 }) : null,
        d.predicted.length ? Plot.line(d.predicted, { x: 'x', y: 'y', stroke: palette[2], strokeWidth: 2, strokeDasharray: '6 4' }) : null,
        // The two lines nearly coincide, so their names go in the empty corner under them, not on them.
        labels([
          ...(d.line.length ? [{ text: `solid: measured, slope ${fmt(d.fit.slope)}`, fx: 1, fy: 0.78, anchor: 'end' as const, fill: ink(1) }] : []),
          ...(d.predicted.length ? [{ text: `dashed: ODE, slope 1/λ = ${fmt(d.theorySlope!)}`, fx: 1, fy: 0.9, anchor: 'end' as const, fill: ink(2) }] : []),
        ]),
      ],
    });
    const theory = d.predicted.length ? `Dashed line — ${d.theoryText}.` : `${d.theoryText[0].toUpperCase()}${d.theoryText.slice(1)}.`;
    return stack(document, [chart, `Solid line — ${d.fitText}. ${theory} ${d.growthText}.`]);
  },
});
