import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { trajectory, type TrajectoryResult } from '../jobs.ts';
import { TS_DEFAULTS } from '../teacher-student.ts';

const MAX_ALPHA = 1000;

/** What the chart shows of one run (so far, while it streams): rows, escape, λ, and the exact zeros of the gap. */
function view(r: TrajectoryResult, eps: number, done: number) {
  const rows = r.rows;
  const last = rows[rows.length - 1];
  const zeroChecks = rows.filter((x) => x.gap === 0).length;
  const diverged = r.diverged ? `${r.diverged.message}: lower the learning rate.` : null;
  const running = done < 1 ? `Running… α = ${last?.alpha ?? 0} of ${r.maxAlpha} (${Math.round(done * 100)}%).` : null;
  const status = diverged ?? running
    ?? (r.escape !== null ? `Escaped at α = ${r.escape}${r.lambda !== null ? `; on the plateau ln(gap) grew at λ = ${fmt(r.lambda)} per unit α` : ''}.`
      : `Not escaped by α = ${last?.alpha ?? 0}${eps === 0 ? ': with ε = 0 the units are identical at every check' : ''}.`);
  return {
    rows,
    eps,
    maxAlpha: r.maxAlpha,
    escape: r.escape,
    lambda: r.lambda,
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
  code: ['chapters/escaping-the-symmetric-subspace/teacher-student.ts#tsSim', 'chapters/escaping-the-symmetric-subspace/jobs.ts#simulate'],
  controls: {
    act: { kind: 'select', label: 'Activation g', value: 'erf', options: [{ value: 'erf', label: 'erf(z/√2)' }, { value: 'tanh', label: 'tanh' }, { value: 'relu', label: 'ReLU' }] },
    eps: { kind: 'range', label: 'Asymmetry ε', min: -8, max: -1, step: 0.25, value: 1e-4, log: true },
    zero: { kind: 'checkbox', label: 'ε = 0 exactly', value: false },
    eta: { kind: 'range', label: 'Learning rate η', min: 0.05, max: 4, step: 0.05, value: 0.5 },
    scale: { kind: 'range', label: 'Init scale s', min: 0.05, max: 1.5, step: 0.05, value: 0.5 },
  },
  worker: true,
  compute({ act, eps: epsSlider, zero, eta, scale }, ctx) {
    const eps = zero ? 0 : epsSlider;
    const config = { activation: act, eps, eta, scale, seed: TS_DEFAULTS.seed, N: 40, maxAlpha: MAX_ALPHA };
    return view(trajectory(config, (done, partial) => ctx.progress(done, () => view(partial(), eps, done))), eps, 1);
  },
  draw(d, document) {
    const { rows } = d;
    const zeroRows = rows.filter((x) => x.gap === 0);
    const posRows = rows.filter((x) => x.gap > 0);
    const egRows = rows.filter((x) => x.eg > 0);
    const x = { domain: [0, d.maxAlpha], label: 'α = steps / N' };
    const top = plot(document, {
      width: 640, height: 200, marginLeft: 56, x, y: { type: 'log', label: 'ε_g', grid: true, domain: [1e-5, 1] },
      ariaLabel: 'Generalisation error against α',
      marks: [
        Plot.line(egRows, { x: 'alpha', y: (r) => Math.max(1e-5, r.eg), stroke: palette[0], strokeWidth: 2 }),
        d.escape !== null ? Plot.ruleX([d.escape], { stroke: palette[3], strokeDasharray: '4 3' }) : null,
      ],
    });
    const bottom = plot(document, {
      width: 640, height: 200, marginLeft: 56, x, y: { type: 'log', label: 'symmetry gap max|R₁ₙ − R₂ₙ|', grid: true, domain: [1e-12, 2] },
      ariaLabel: 'Symmetry gap against α (log scale)',
      marks: [
        Plot.line(posRows, { x: 'alpha', y: (r) => Math.max(1e-12, r.gap), stroke: palette[1], strokeWidth: 2 }),
        Plot.ruleY([0.3], { stroke: 'currentColor', strokeDasharray: '2 3' }),
        Plot.text([0.3], { x: d.maxAlpha, y: (v) => v, text: () => 'escape threshold 0.3', textAnchor: 'end', dy: -6 }),
        d.escape !== null ? Plot.ruleX([d.escape], { stroke: palette[3], strokeDasharray: '4 3' }) : null,
        d.escape !== null ? Plot.text([d.escape], { x: (v) => v, y: 1e-10, text: (v) => `escaped at α = ${v}`, dx: 4, textAnchor: 'start' }) : null,
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
