import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { fmt } from '../../../figure/format.ts';
import { palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { theory, type TheoryResult } from '../jobs.ts';

const MAX_ALPHA = 600;
/** The input dimensions the select offers. */
const DIMS = { '40': 40, '100': 100, '400': 400 } as const;

/** What the chart shows (so far, while the run streams): both ε_g curves, both escapes and how far apart the curves sit. */
function view(r: TheoryResult, N: number, done: number) {
  const sim = r.sim.rows.map((d) => ({ alpha: d.alpha, eg: d.eg }));
  const ode = r.ode.map((d) => ({ alpha: d.alpha, eg: d.eg }));
  const odeEscape = r.ode.find((d) => d.gap > 0.3)?.alpha ?? null;
  // Mean |Δ log₁₀ ε_g| over the run (ε_g floored at 1e-6, as drawn): how far the finite-N run sits from the theory.
  const n = Math.min(sim.length, ode.length);
  let dev = 0;
  for (let i = 0; i < n; i++) dev += Math.abs(Math.log10(Math.max(1e-6, sim[i].eg)) - Math.log10(Math.max(1e-6, ode[i].eg)));
  const meanLogDev = n ? dev / n : null;
  const text = `escape: simulation α ${r.sim.escape ?? '—'}, ODE α ${odeEscape ?? '—'}; mean |Δ log₁₀ ε_g| = ${meanLogDev !== null ? fmt(meanLogDev, 2) : '—'}`;
  return {
    N,
    sim,
    ode,
    simEscape: r.sim.escape,
    odeEscape,
    meanLogDev,
    /** The line printed on the chart (and in alt). */
    text,
    rows: r.ode.map((d, i) => ({ alpha: d.alpha, eg_ode: d.eg, eg_sim: r.sim.rows[i]?.eg ?? null, gap_ode: d.gap, gap_sim: r.sim.rows[i]?.gap ?? null })),
    alt: `ε_g against α for N = ${N}: simulation and the N → ∞ ODE from the same start; ${text}.`,
    note: done < 1 ? `Running… ${Math.round(done * 100)}%` : undefined,
  };
}

/** Island 5: the N → ∞ overlap ODE's ε_g(α) over the simulation, from the same initial overlaps. */
export default defineFigure({
  code: ['chapters/escaping-the-symmetric-subspace/overlap-ode.ts#odeRhs', 'chapters/escaping-the-symmetric-subspace/overlap-ode.ts#egErf'],
  controls: {
    N: { kind: 'select', label: 'Input dimension N', value: '40', options: [{ value: '40', label: '40' }, { value: '100', label: '100' }, { value: '400', label: '400' }] },
    eps: { kind: 'range', label: 'Asymmetry ε', min: -6, max: -2, step: 0.5, value: 1e-3, log: true },
  },
  worker: true,
  compute(params, ctx) {
    const N = DIMS[params.N];
    const config = { activation: 'erf' as const, N, eps: params.eps, eta: 0.5, seed: 1, maxAlpha: MAX_ALPHA };
    return view(theory(config, (done, partial) => ctx.progress(done, () => view(partial(), N, done))), N, 1);
  },
  draw(d, document) {
    const who = { sim: `simulation, N = ${d.N}`, ode: 'ODE (N → ∞)' };
    const sim = d.sim.map((r) => ({ alpha: r.alpha, eg: Math.max(1e-6, r.eg), who: who.sim }));
    const ode = d.ode.map((r) => ({ alpha: r.alpha, eg: Math.max(1e-6, r.eg), who: who.ode }));
    return plot(document, {
      width: 640, height: 280, marginLeft: 56, x: { label: 'α', domain: [0, MAX_ALPHA] }, y: { type: 'log', label: 'ε_g', grid: true, domain: [1e-6, 1] },
      color: { domain: [who.sim, who.ode], range: [palette[0], palette[1]] },
      ariaLabel: 'Generalisation error: simulation against the ODE',
      marks: [
        Plot.line(sim, { x: 'alpha', y: 'eg', stroke: 'who', strokeWidth: 1.5 }),
        Plot.line(ode, { x: 'alpha', y: 'eg', stroke: 'who', strokeWidth: 2.5, strokeDasharray: '6 4' }),
        Plot.text([`dashed: ODE (N → ∞); solid: simulation, N = ${d.N}`], { frameAnchor: 'bottom-left', dx: 6, dy: -22, text: (t: string) => t }),
        Plot.text([d.text], { frameAnchor: 'bottom-left', dx: 6, dy: -6, text: (t: string) => t }),
      ],
    });
  },
});
