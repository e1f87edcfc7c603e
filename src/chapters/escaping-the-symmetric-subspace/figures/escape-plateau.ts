import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { fmt } from '../../../figure/format.ts';
import { palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { tiedSaddle } from '../overlap-ode.ts';
import { memoSweep, plateauSummary, SWEEP_EPS, SWEEP_SEEDS, type SweepRow, type SweepSpec } from '../plateau.ts';

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
  compute({ act, eta, seeds }, ctx) {
    // Fewer seeds only subset the full six-seed sweep (the one the build and plateau.csv compute), never rerun it.
    const full: SweepSpec = { activation: act, eta, scale: 0.5, eps: SWEEP_EPS, seeds: SWEEP_SEEDS, maxAlpha: 4000 };
    const spec: SweepSpec = { ...full, seeds: SWEEP_SEEDS.slice(0, seeds) };
    const mine = (rows: readonly SweepRow[]) => rows.filter((r) => r.seed <= seeds);
    const rows = memoSweep(ctx.memo, full, (sofar, done) => ctx.progress(done, () => plateauData(mine(sofar), spec, seeds, done)));
    return plateauData(mine(rows), spec, seeds, 1);
  },
  draw(d, document) {
    return plot(document, {
      width: 640, height: 320, marginLeft: 56,
      x: { label: 'ln(1/ε)', domain: [4, 19] }, y: { label: 'escape α', grid: true, zero: true },
      ariaLabel: 'Escape α against ln(1/ε)',
      marks: [
        Plot.dot(d.runs, { x: 'x', y: 'y', r: 2.5, fill: palette[0], fillOpacity: 0.5 }),
        Plot.dot(d.means, { x: 'x', y: 'mean', r: 5, stroke: palette[1], strokeWidth: 2, symbol: 'diamond' }),
        d.line.length ? Plot.line(d.line, { x: 'x', y: 'y', stroke: palette[1], strokeWidth: 2 }) : null,
        d.predicted.length ? Plot.line(d.predicted, { x: 'x', y: 'y', stroke: palette[2], strokeWidth: 2, strokeDasharray: '6 4' }) : null,
        Plot.text([d.fitText], { frameAnchor: 'top-left', dx: 6, dy: 6, text: (t) => t, fill: palette[1] }),
        Plot.text([d.theoryText], { frameAnchor: 'top-left', dx: 6, dy: 22, text: (t) => t, fill: palette[2] }),
        Plot.text([d.growthText], { frameAnchor: 'top-left', dx: 6, dy: 38, text: (t) => t }),
      ],
    });
  },
});
