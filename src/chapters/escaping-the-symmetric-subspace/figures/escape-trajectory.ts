import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { pow10 } from '../../../figure/axes.ts';
import { palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { trajectory, type TrajectoryResult } from '../jobs.ts';
import { tiedSaddle } from '../overlap-ode.ts';
import { TS_DEFAULTS, type TsActivation } from '../teacher-student.ts';

const MAX_ALPHA = 1000;

/** What the chart shows of one run (so far, while it streams): rows, escape, the plateau fit, and the exact zeros of the gap. */
function view(r: TrajectoryResult, act: TsActivation, eps: number, eta: number, done: number) {
  const rows = r.rows;
  const last = rows[rows.length - 1];
  const zeroChecks = rows.filter((x) => x.gap === 0).length;
  const g = done < 1 ? null : r.growth;
  // The N → ∞ prediction: the unstable eigenvalue of the overlap ODE at its tied fixed point (erf only: the ODE is erf's).
  const saddle = act === 'erf' ? tiedSaddle(eta) : null;
  const predicted = saddle ? saddle.lambda : null;
  const diverged = r.diverged ? `${r.diverged.message}: lower the learning rate.` : null;
  const running = done < 1 ? `Running… α = ${last?.alpha ?? 0} of ${r.maxAlpha} (${Math.round(done * 100)}%).` : null;
  const fitText = g
    ? ` On the plateau (ε_g ≈ ${fmt(g.plateau)} from α = ${g.entry}) ln(gap) grew at λ = ${fmt(g.lambda)} per unit α between α = ${g.from} and ${g.to}: 1/λ = ${fmt(1 / g.lambda)}.`
    : act === 'relu' ? ' ReLU\'s gap does not grow exponentially: it waits for a sample that splits the two fields.' : ' No plateau window: the gap reached 1e-2 before it had grown tenfold on the plateau.';
  const predText = predicted !== null ? ` The ODE's linearisation at η = ${eta} predicts λ = ${fmt(predicted)} (1/λ = ${fmt(1 / predicted)}).` : '';
  const outcome = r.escape !== null ? `Escaped at α = ${r.escape}.`
    : `Not escaped by α = ${last?.alpha ?? 0}${rows.every((x) => x.identical) ? ': the units are identical at every check' : ''}.`;
  const status = diverged ?? running ?? `${outcome}${fitText}${predText}`;
  return {
    rows,
    eps,
    maxAlpha: r.maxAlpha,
    escape: r.escape,
    firstSplit: r.firstSplit,
    /** The plateau window and the growth rate fitted in it (null while streaming, for ReLU, or without a window). */
    growth: g,
    /** λ from the ODE (erf only; null where the tied fixed point does not exist). */
    predicted,
    /** 1/λ measured on the plateau and predicted by the ODE. */
    inverse: g ? 1 / g.lambda : null,
    predictedInverse: predicted !== null ? 1 / predicted : null,
    /** The fitted line exp(intercept + λα) over the window, for the gap chart. */
    fitLine: g ? [g.from, g.to].map((alpha) => ({ alpha, gap: Math.exp(g.intercept + g.lambda * alpha) })) : [],
    divergedAlpha: r.diverged?.alpha ?? null,
    /** Checks (whole α) at which w₁ = w₂ bit for bit, of `checks`. */
    zeroChecks,
    checks: rows.length,
    /** The run's outcome, shown under the charts; a divergence or the progress goes in the note instead. */
    summary: (diverged ?? running) === null ? status : null,
    alt: `For ε = ${eps}: ε_g falls from ${fmt(rows[0]?.eg ?? 0)} to a plateau near ${fmt(rows[Math.min(rows.length - 1, 60)]?.eg ?? 0)}; ${status} The gap was exactly 0 at ${zeroChecks} of ${rows.length} checks.`,
    note: diverged ?? running ?? undefined,
  };
}

/** Island 1: ε_g and the symmetry gap against α for one tied start w_k = w₀ + ε z_k. */
export default defineFigure({
  code: ['chapters/escaping-the-symmetric-subspace/teacher-student.ts#tsSim', 'chapters/escaping-the-symmetric-subspace/plateau.ts#plateauGrowth'],
  controls: {
    act: { kind: 'select', label: 'Activation g', value: 'erf', options: [{ value: 'erf', label: 'erf(z/√2)' }, { value: 'tanh', label: 'tanh' }, { value: 'relu', label: 'ReLU' }] },
    eps: { kind: 'range', label: 'Asymmetry ε', min: -8, max: -1, step: 0.25, value: 1e-4, log: true },
    zero: { kind: 'checkbox', label: 'ε = 0 exactly', value: false },
    order: { kind: 'checkbox', label: 'Sum unit 2’s field in reverse order', value: false },
    eta: { kind: 'range', label: 'Learning rate η', min: 0.05, max: 4, step: 0.05, value: 0.5 },
    scale: { kind: 'range', label: 'Init scale s', min: 0.05, max: 1.5, step: 0.05, value: 0.5 },
  },
  worker: true,
  compute({ act, eps: epsSlider, zero, order, eta, scale }, ctx) {
    const eps = zero ? 0 : epsSlider;
    const config = { activation: act, eps, eta, scale, seed: TS_DEFAULTS.seed, N: 40, maxAlpha: MAX_ALPHA, order: order ? 'reversed' as const : 'same' as const };
    return view(trajectory(config, (done, partial) => ctx.progress(done, () => view(partial(), act, eps, eta, done))), act, eps, eta, 1);
  },
  draw(d, document) {
    const { rows } = d;
    const zeroRows = rows.filter((x) => x.gap === 0);
    const posRows = rows.filter((x) => x.gap > 0);
    const egRows = rows.filter((x) => x.eg > 0);
    const x = { domain: [0, d.maxAlpha], label: 'α = steps / N' };
    const g = d.growth;
    const top = plot(document, {
      width: 640, height: 200, marginLeft: 56, x, y: { type: 'log', label: 'ε_g', grid: true, domain: [1e-5, 1] },
      ariaLabel: 'Generalisation error against α',
      marks: [
        g ? Plot.rectX([g], { x1: 'entry', x2: 'to', fill: palette[2], fillOpacity: 0.08 }) : null,
        g ? Plot.ruleY([g.plateau], { stroke: palette[2], strokeDasharray: '2 3' }) : null,
        Plot.line(egRows, { x: 'alpha', y: (r) => Math.max(1e-5, r.eg), stroke: palette[0], strokeWidth: 2 }),
        d.escape !== null ? Plot.ruleX([d.escape], { stroke: palette[3], strokeDasharray: '4 3' }) : null,
      ],
    });
    // Down to 1e-12 as a rule; lower only when the gap is (a rounding gap, with ε = 0).
    const smallest = posRows.reduce((m, r) => Math.min(m, r.gap), 1e-12);
    const floor = 10 ** Math.floor(Math.log10(smallest));
    const bottom = plot(document, {
      width: 640, height: 200, marginLeft: 56, x, y: { type: 'log', label: 'symmetry gap max|R₁ₙ − R₂ₙ|', grid: true, domain: [floor, 2], tickFormat: pow10 },
      ariaLabel: 'Symmetry gap against α (log scale), with the growth fitted on the plateau',
      marks: [
        g ? Plot.rectX([g], { x1: 'from', x2: 'to', fill: palette[2], fillOpacity: 0.12 }) : null,
        Plot.line(posRows, { x: 'alpha', y: 'gap', stroke: palette[1], strokeWidth: 2 }),
        d.fitLine.length ? Plot.line(d.fitLine, { x: 'alpha', y: 'gap', stroke: palette[2], strokeWidth: 2, strokeDasharray: '6 3' }) : null,
        g ? Plot.text([g], { x: 'from', y: floor * 100, text: (v: typeof g) => `fit: λ = ${fmt(v.lambda)}`, textAnchor: 'start', dx: 2, fill: palette[2] }) : null,
        Plot.ruleY([0.3], { stroke: 'currentColor', strokeDasharray: '2 3' }),
        Plot.text([0.3], { x: d.maxAlpha, y: (v) => v, text: () => 'escape threshold 0.3', textAnchor: 'end', dy: -6 }),
        d.escape !== null ? Plot.ruleX([d.escape], { stroke: palette[3], strokeDasharray: '4 3' }) : null,
        d.escape !== null ? Plot.text([d.escape], { x: (v) => v, y: floor * 10, text: (v) => `escaped at α = ${v}`, dx: 4, textAnchor: 'start' }) : null,
      ],
    });
    // A log axis has no 0: α's at which the gap is exactly 0 get their own strip.
    const strip = plot(document, {
      width: 640, height: 56, marginLeft: 56, x: { ...x, axis: null }, y: { axis: null, domain: [0, 1] },
      ariaLabel: 'α at which the two units are exactly equal',
      marks: [
        Plot.tickX(zeroRows, { x: 'alpha', stroke: palette[2] }),
        Plot.text([`gap exactly 0 (w₁ = w₂ bit for bit) at ${d.zeroChecks} of ${d.checks} checks`], { frameAnchor: 'left', dx: 4, dy: -18, text: (t) => t }),
      ],
    });
    return stack(document, [top, bottom, strip, d.summary]);
  },
});
