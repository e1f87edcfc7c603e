import * as Plot from '@observablehq/plot';
import type { FigureModule, Rendered } from '../../../figure/types.ts';
import { palette } from '../../../figure/palette.ts';
import type { TrajectoryResult } from '../jobs.ts';
import { TS_DEFAULTS } from '../teacher-student.ts';
import { compute, fmt, stack } from '../client.ts';

const MAX_ALPHA = 1000;

/** Island 1: ε_g and the symmetry gap against α for one tied start w_k = w₀ + ε z_k. */
const figure: FigureModule = {
  code: ['chapters/escaping-the-symmetric-subspace/teacher-student.ts#tsSim', 'chapters/escaping-the-symmetric-subspace/jobs.ts#runJob'],
  controls: [
    { kind: 'select', name: 'act', label: 'Activation g', value: 'erf', options: [{ value: 'erf', label: 'erf(z/√2)' }, { value: 'tanh', label: 'tanh' }, { value: 'relu', label: 'ReLU' }] },
    { kind: 'range', name: 'eps', label: 'Asymmetry ε', min: -8, max: -1, step: 0.25, value: 1e-4, log: true },
    { kind: 'checkbox', name: 'zero', label: 'ε = 0 exactly', value: false },
    { kind: 'range', name: 'eta', label: 'Learning rate η', min: 0.05, max: 4, step: 0.05, value: 0.5 },
    { kind: 'range', name: 'scale', label: 'Init scale s', min: 0.05, max: 1.5, step: 0.05, value: 0.5 },
  ],
  async render(params, document, ctx) {
    const eps = params.zero ? 0 : Number(params.eps);
    const config = { activation: params.act as 'erf', eps, eta: Number(params.eta), scale: Number(params.scale), seed: TS_DEFAULTS.seed, N: 40, maxAlpha: MAX_ALPHA };
    const draw = (r: TrajectoryResult, done: number) => draw1(document, r, eps, done);
    const r = await compute<TrajectoryResult>({ kind: 'trajectory', config }, ctx, (p, d) => ctx.show?.(draw(p, d)));
    return draw(r, 1);
  },
};
export default figure;

function draw1(document: Document, r: TrajectoryResult, eps: number, done: number): Rendered {
  const rows = r.rows;
  const last = rows[rows.length - 1];
  const zeroRows = rows.filter((x) => x.gap === 0);
  const posRows = rows.filter((x) => x.gap > 0);
  const egRows = rows.filter((x) => x.eg > 0);
  const x = { domain: [0, r.maxAlpha], label: 'α = steps / N' };
  const top = Plot.plot({
    document, width: 640, height: 200, marginLeft: 56, x, y: { type: 'log', label: 'ε_g', grid: true, domain: [1e-5, 1] },
    ariaLabel: 'Generalisation error against α',
    marks: [
      Plot.line(egRows, { x: 'alpha', y: (d) => Math.max(1e-5, d.eg), stroke: palette[0], strokeWidth: 2 }),
      r.escape !== null ? Plot.ruleX([r.escape], { stroke: palette[3], strokeDasharray: '4 3' }) : null,
    ],
  }) as unknown as Element;
  const bottom = Plot.plot({
    document, width: 640, height: 200, marginLeft: 56, x, y: { type: 'log', label: 'symmetry gap max|R₁ₙ − R₂ₙ|', grid: true, domain: [1e-12, 2] },
    ariaLabel: 'Symmetry gap against α (log scale)',
    marks: [
      Plot.line(posRows, { x: 'alpha', y: (d) => Math.max(1e-12, d.gap), stroke: palette[1], strokeWidth: 2 }),
      Plot.ruleY([0.3], { stroke: 'currentColor', strokeDasharray: '2 3' }),
      Plot.text([0.3], { x: r.maxAlpha, y: (d) => d, text: () => 'escape threshold 0.3', textAnchor: 'end', dy: -6 }),
      r.escape !== null ? Plot.ruleX([r.escape], { stroke: palette[3], strokeDasharray: '4 3' }) : null,
      r.escape !== null ? Plot.text([r.escape], { x: (d) => d, y: 1e-10, text: (d) => `escaped at α = ${d}`, dx: 4, textAnchor: 'start' }) : null,
    ],
  }) as unknown as Element;
  // A log axis has no 0: α's at which the gap is exactly 0 get their own strip.
  const strip = Plot.plot({
    document, width: 640, height: 56, marginLeft: 56, x: { ...x, axis: null }, y: { axis: null, domain: [0, 1] },
    ariaLabel: 'α at which the two units are exactly equal',
    marks: [
      Plot.tickX(zeroRows, { x: 'alpha', stroke: palette[2] }),
      Plot.text([`gap exactly 0 (w₁ = w₂ bit for bit) at ${zeroRows.length} of ${rows.length} checks`], { frameAnchor: 'left', dx: 4, dy: -18, text: (d) => d }),
    ],
  }) as unknown as Element;
  const status = r.diverged ? `${r.diverged.message}: lower the learning rate.`
    : done < 1 ? `Running… α = ${last?.alpha ?? 0} of ${r.maxAlpha} (${Math.round(done * 100)}%).`
    : r.escape !== null ? `Escaped at α = ${r.escape}${r.lambda !== null ? `; on the plateau ln(gap) grew at λ = ${fmt(r.lambda)} per unit α` : ''}.`
    : `Not escaped by α = ${last?.alpha ?? 0}${eps === 0 ? ': with ε = 0 the units are identical at every check' : ''}.`;
  return {
    node: stack(document, [top, bottom, strip]),
    rows: rows.map((d) => ({ alpha: d.alpha, eg: d.eg, gap: d.gap, identical: d.identical })),
    alt: `For ε = ${eps}: ε_g falls from ${fmt(rows[0]?.eg ?? 0)} to a plateau near ${fmt(rows[Math.min(rows.length - 1, 60)]?.eg ?? 0)}; ${status} The gap was exactly 0 at ${zeroRows.length} of ${rows.length} checks.`,
    note: status,
  };
}
