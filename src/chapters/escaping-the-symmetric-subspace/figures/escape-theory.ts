import * as Plot from '@observablehq/plot';
import type { FigureModule, Rendered } from '../../../figure/types.ts';
import { palette } from '../../../figure/palette.ts';
import type { TheoryResult } from '../jobs.ts';
import { compute, fmt } from '../client.ts';

const MAX_ALPHA = 600;

/** Island 5: the N → ∞ overlap ODE's ε_g(α) over the simulation, from the same initial overlaps. */
const figure: FigureModule = {
  code: ['chapters/escaping-the-symmetric-subspace/overlap-ode.ts#odeRhs', 'chapters/escaping-the-symmetric-subspace/overlap-ode.ts#egErf'],
  controls: [
    { kind: 'select', name: 'N', label: 'Input dimension N', value: '40', options: [{ value: '40', label: '40' }, { value: '100', label: '100' }, { value: '400', label: '400' }] },
    { kind: 'range', name: 'eps', label: 'Asymmetry ε', min: -6, max: -2, step: 0.5, value: 1e-3, log: true },
  ],
  async render(params, document, ctx) {
    const config = { activation: 'erf' as const, N: Number(params.N), eps: Number(params.eps), eta: 0.5, seed: 1, maxAlpha: MAX_ALPHA };
    const r = await compute<TheoryResult>({ kind: 'theory', config }, ctx, (p, d) => ctx.show?.(drawTheory(document, p, config.N, d)));
    return drawTheory(document, r, config.N, 1);
  },
};
export default figure;

function drawTheory(document: Document, r: TheoryResult, N: number, done: number): Rendered {
  const sim = r.sim.rows.map((d) => ({ alpha: d.alpha, eg: Math.max(1e-6, d.eg), who: `simulation, N = ${N}` }));
  const ode = r.ode.map((d) => ({ alpha: d.alpha, eg: Math.max(1e-6, d.eg), who: 'ODE (N → ∞)' }));
  const escOde = r.ode.find((d) => d.gap > 0.3)?.alpha ?? null;
  // Mean |Δε_g| over the run: how far the finite-N run sits from the theory.
  const n = Math.min(sim.length, ode.length);
  let dev = 0;
  for (let i = 0; i < n; i++) dev += Math.abs(Math.log10(sim[i].eg) - Math.log10(ode[i].eg));
  const text = `escape: simulation α ${r.sim.escape ?? '—'}, ODE α ${escOde ?? '—'}; mean |Δ log₁₀ ε_g| = ${n ? fmt(dev / n, 2) : '—'}`;
  const node = Plot.plot({
    document, width: 640, height: 280, marginLeft: 56, x: { label: 'α', domain: [0, MAX_ALPHA] }, y: { type: 'log', label: 'ε_g', grid: true, domain: [1e-6, 1] },
    color: { domain: [`simulation, N = ${N}`, 'ODE (N → ∞)'], range: [palette[0], palette[1]] },
    ariaLabel: 'Generalisation error: simulation against the ODE',
    marks: [
      Plot.line(sim, { x: 'alpha', y: 'eg', stroke: 'who', strokeWidth: 1.5 }),
      Plot.line(ode, { x: 'alpha', y: 'eg', stroke: 'who', strokeWidth: 2.5, strokeDasharray: '6 4' }),
      Plot.text([`dashed: ODE (N → ∞); solid: simulation, N = ${N}`], { frameAnchor: 'bottom-left', dx: 6, dy: -22, text: (d: string) => d }),
      Plot.text([text], { frameAnchor: 'bottom-left', dx: 6, dy: -6, text: (d: string) => d }),
    ],
  }) as unknown as Element;
  return {
    node,
    rows: r.ode.map((d, i) => ({ alpha: d.alpha, eg_ode: d.eg, eg_sim: r.sim.rows[i]?.eg ?? null, gap_ode: d.gap, gap_sim: r.sim.rows[i]?.gap ?? null })),
    alt: `ε_g against α for N = ${N}: simulation and the N → ∞ ODE from the same start; ${text}.`,
    note: done < 1 ? `Running… ${Math.round(done * 100)}%` : undefined,
  };
}
