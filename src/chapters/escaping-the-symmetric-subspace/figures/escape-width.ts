import * as Plot from '@observablehq/plot';
import { logAxis } from '../../../figure/axes.ts';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { labels } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { tiedSaddle } from '../overlap-ode.ts';
import { linearFit, median, quartiles, slopeError, WIDTH_SPEC, widthSweep } from '../plateau.ts';

/** Traces drawn per N (the first seeds): enough to see the spread, small enough to ship. */
const TRACE_SEEDS = 6;
/** The gap axis: traces are floored at its bottom. */
const GAP_DOMAIN = [1e-4, 2] as const;
/** The gap at which a run counts as escaped (teacher-student.ts's threshold). */
const ESCAPE_GAP = 0.3;

/** Island 6: from a random start the initial gap is ~N^(−1/2), so the plateau grows like (1/2λ)·ln N. */
export default defineFigure({
  code: ['chapters/escaping-the-symmetric-subspace/plateau.ts#widthSweep', 'chapters/escaping-the-symmetric-subspace/teacher-student.ts#tsStart'],
  controls: {
    N: { kind: 'select', label: 'Gap traces for N', value: '40', options: WIDTH_SPEC.Ns.map((n) => ({ value: String(n), label: String(n) })) },
  },
  // 96 runs (24 seeds at each N), made once per build; the traces ship rounded to 4 digits, for drawing only.
  prepare: (memo) => {
    const runs = widthSweep(memo);
    return {
      rows: runs.map(({ N, seed, gap0, escape_alpha }) => ({ N, seed, gap0, escape_alpha })),
      traces: runs.filter((r) => r.seed <= TRACE_SEEDS).map((r) => ({ N: r.N, seed: r.seed, gaps: r.gaps.map((g) => +g.toPrecision(4)) })),
    };
  },
  compute({ N: chosen }, { inputs }) {
    const { rows, traces } = inputs;
    const escaped = rows.filter((r) => r.escape_alpha !== null);
    const xs = escaped.map((r) => Math.log(r.N));
    const ys = escaped.map((r) => r.escape_alpha!);
    const fit = linearFit(xs, ys);
    const se = slopeError(xs, ys);
    const saddle = tiedSaddle(WIDTH_SPEC.eta);
    // gap₀ ∝ N^(−1/2) and α_escape ≈ const + (1/λ) ln(1/gap₀): the slope against ln N is 1/(2λ).
    const predictedSlope = saddle ? 1 / (2 * saddle.lambda) : null;
    const byN = WIDTH_SPEC.Ns.map((N) => {
      const at = rows.filter((r) => r.N === N);
      return { N, x: Math.log(N), ...quartiles(at.map((r) => r.escape_alpha)), gap0: median(at.map((r) => r.gap0)) };
    });
    const cx = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const cy = fit.intercept + fit.slope * cx;
    const ends = [Math.log(WIDTH_SPEC.Ns[0]), Math.log(WIDTH_SPEC.Ns[WIDTH_SPEC.Ns.length - 1])];
    const line = ends.map((x) => ({ N: Math.exp(x), y: fit.intercept + fit.slope * x }));
    const predicted = predictedSlope === null ? [] : ends.map((x) => ({ N: Math.exp(x), y: cy + predictedSlope * (x - cx) }));
    // The initial gap against N on log–log axes: the power should be −1/2.
    const gx = rows.map((r) => Math.log(r.N)), gy = rows.map((r) => Math.log(r.gap0));
    const gap0Power = linearFit(gx, gy).slope;
    const gap0PowerSe = slopeError(gx, gy);
    const Nsel = Number(chosen);
    const lines = traces.filter((t) => t.N === Nsel).flatMap((t) => t.gaps.map((gap, alpha) => ({ seed: `seed ${t.seed}`, alpha, gap })).filter((p) => p.gap > 0));
    const measured = `measured: ${fmt(fit.slope)} ± ${se !== null ? fmt(se, 2) : '—'} α per unit ln N (least squares on ${escaped.length} runs)`;
    const theory = predictedSlope !== null ? `predicted 1/(2λ) = ${fmt(predictedSlope)}` : 'no prediction';
    const table = byN.map((b) => `N = ${b.N}: median ${b.median !== null ? fmt(b.median) : '—'} (quartiles ${b.q1 !== null ? fmt(b.q1) : '—'}–${b.q3 !== null ? fmt(b.q3) : '—'}), median gap₀ ${fmt(b.gap0)}`).join('; ');
    return {
      rows,
      chosen: Nsel,
      byN,
      fit,
      slopeSe: se,
      predictedSlope,
      /** gap₀ ∝ N^p: the fitted p and its standard error (p = −1/2 expected). */
      gap0Power,
      gap0PowerSe,
      line,
      predicted,
      runs: escaped.map((r) => ({ N: r.N, y: r.escape_alpha!, chosen: r.N === Nsel })),
      lines,
      measured,
      theory,
      /** The short names drawn on the two lines. */
      fitLabel: `least squares: ${fmt(fit.slope)} α per ln N`,
      theoryLabel: predictedSlope !== null ? `ODE: 1/(2λ) = ${fmt(predictedSlope)}` : '',
      alt: `Random starts w_k = ${WIDTH_SPEC.scale}·z_k, erf, η = ${WIDTH_SPEC.eta}, ${WIDTH_SPEC.seeds.length} seeds per N: escape α against ln N; ${measured}; ${theory}. ${table}. Below: the gap of ${TRACE_SEEDS} runs at N = ${Nsel}.`,
    };
  },
  draw(d, document, view) {
    const top = plot(document, {
      width: view.width, height: view.width < 600 ? 260 : 280, marginLeft: 48,
      // Ticked at the four N of the sweep (under a decade, so no power of ten falls between them).
      x: logAxis('input dimension N', [WIDTH_SPEC.Ns[0], WIDTH_SPEC.Ns[WIDTH_SPEC.Ns.length - 1]], { ticks: [...WIDTH_SPEC.Ns], inset: 16 }),
      y: { label: 'escape α (α = steps / N)', grid: true },
      ariaLabel: 'Escape α from a random start against N on a log axis, with the measured and the predicted slope',
      marks: [
        Plot.dot(d.runs, { x: 'N', y: 'y', r: 2, fill: (r) => (r.chosen ? palette[3] : palette[0]), fillOpacity: 0.5 }),
        Plot.ruleX(d.byN.filter((b) => b.q1 !== null && b.q3 !== null), { x: 'N', y1: 'q1', y2: 'q3', stroke: palette[1], strokeWidth: 3 }),
        Plot.dot(d.byN.filter((b) => b.median !== null), { x: 'N', y: 'median', r: 5, stroke: palette[1], strokeWidth: 2, symbol: 'diamond' }),
        Plot.line(d.line, { x: 'N', y: 'y', stroke: palette[1], strokeWidth: 2 }),
        d.predicted.length ? Plot.line(d.predicted, { x: 'N', y: 'y', stroke: palette[2], strokeWidth: 2, strokeDasharray: '6 4' }) : null,
        // The lines' names in the top-left corner, empty because escape α grows with N.
        labels([
          { text: d.fitLabel, fx: 0, fy: 0, anchor: 'start', dx: 4, dy: 8, fill: ink(1) },
          ...(d.theoryLabel ? [{ text: d.theoryLabel, fx: 0, fy: 0, anchor: 'start' as const, dx: 4, dy: 26, fill: ink(2) }] : []),
        ]),
      ],
    });
    const traces = plot(document, {
      width: view.width, height: view.width < 600 ? 200 : 220, marginLeft: 48,
      x: { label: 'α = steps / N', grid: true },
      y: logAxis(`symmetry gap max |R₁ₙ − R₂ₙ|, N = ${d.chosen}`, GAP_DOMAIN, { grid: true }),
      ariaLabel: `Symmetry gap against α for six random starts at N = ${d.chosen}`,
      marks: [
        Plot.line(d.lines, { x: 'alpha', y: (r) => Math.max(GAP_DOMAIN[0], r.gap), z: 'seed', stroke: palette[0], strokeOpacity: 0.7 }),
        Plot.ruleY([ESCAPE_GAP], { strokeDasharray: '2 3' }),
        labels([{ text: `escape: gap ${ESCAPE_GAP}`, fx: 1, y: ESCAPE_GAP, anchor: 'end', dy: -10 }]),
      ],
    });
    return stack(document, [top, `${d.measured}; ${d.theory}.`, traces]);
  },
});
