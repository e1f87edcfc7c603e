import * as Plot from '@observablehq/plot';
import { logAxis } from '../../../figure/axes.ts';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { labels } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { theory, type TheoryResult } from '../jobs.ts';

const MAX_ALPHA = 600;
/** ε_g is drawn floored here: the ODE reaches 0 to rounding after its escape. */
const FLOOR = 1e-6;
/** A curve is named where it first falls below this ε_g: there the two curves stand apart. */
const NAME_BELOW = 1e-3;
/** The input dimensions the select offers. */
const DIMS = { '40': 40, '100': 100, '400': 400 } as const;

/** What the chart shows (so far, while the run streams): both ε_g curves, both escapes and how far apart the curves sit. */
/** Where to name a curve: where it first falls below NAME_BELOW, else (no escape yet) at its last point. */
function nameAt(rows: readonly { alpha: number; eg: number }[]) {
  const i = rows.findIndex((d) => d.eg < NAME_BELOW);
  const at = rows[i >= 0 ? i : rows.length - 1];
  return at ? { alpha: at.alpha, eg: Math.max(FLOOR, at.eg), fell: i >= 0 } : null;
}

function view(r: TheoryResult, N: number, done: number) {
  const sim = r.sim.rows.map((d) => ({ alpha: d.alpha, eg: d.eg }));
  const ode = r.ode.map((d) => ({ alpha: d.alpha, eg: d.eg }));
  const odeEscape = r.ode.find((d) => d.gap > 0.3)?.alpha ?? null;
  // Mean |Δ log₁₀ ε_g| over the run (ε_g floored at 1e-6, as drawn): how far the finite-N run sits from the theory.
  const n = Math.min(sim.length, ode.length);
  let dev = 0;
  for (let i = 0; i < n; i++) dev += Math.abs(Math.log10(Math.max(FLOOR, sim[i].eg)) - Math.log10(Math.max(FLOOR, ode[i].eg)));
  const meanLogDev = n ? dev / n : null;
  const text = `escape: simulation α ${r.sim.escape ?? '—'}, ODE α ${odeEscape ?? '—'}; mean |Δ log₁₀ ε_g| = ${meanLogDev !== null ? fmt(meanLogDev, 2) : '—'}`;
  return {
    N,
    sim,
    ode,
    simEscape: r.sim.escape,
    odeEscape,
    meanLogDev,
    names: { sim: nameAt(sim), ode: nameAt(ode) },
    /** The line printed under the chart (and in alt). */
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
  // An edited cell may run this long in the sandbox: about 1.3 s in QuickJS (native 0.05 s); it streams progress.
  cell: { limit: 20_000 },
  compute(params, ctx) {
    const N = DIMS[params.N];
    const config = { activation: 'erf' as const, N, eps: params.eps, eta: 0.5, seed: 1, maxAlpha: MAX_ALPHA };
    return view(theory(config, (done, partial) => ctx.progress(done, () => view(partial(), N, done))), N, 1);
  },
  draw(d, document, view) {
    const who = { sim: `simulation, N = ${d.N} (solid)`, ode: 'ODE, N → ∞ (dashed)' };
    const sim = d.sim.map((r) => ({ alpha: r.alpha, eg: Math.max(FLOOR, r.eg), who: who.sim }));
    const ode = d.ode.map((r) => ({ alpha: r.alpha, eg: Math.max(FLOOR, r.eg), who: who.ode }));
    // On the way down the curve that falls first is named on its left, the other on its right; on the plateau, above and below.
    const { sim: s, ode: o } = d.names;
    const first = s && o && s.alpha < o.alpha ? 'sim' : 'ode';
    const name = (key: 'sim' | 'ode', at: typeof s, i: number) => (at ? [{
      text: who[key], x: at.alpha, y: at.eg, fill: ink(i),
      ...(at.fell ? { anchor: key === first ? 'end' as const : 'start' as const, dx: key === first ? -8 : 8 } : { anchor: 'end' as const, dy: key === first ? 12 : -12 }),
    }] : []);
    const chart = plot(document, {
      width: view.width, height: view.width < 600 ? 260 : 300, marginLeft: 48,
      x: { label: 'α = steps / N', domain: [0, MAX_ALPHA] }, y: logAxis('generalisation error ε_g', [FLOOR, 1], { grid: true }),
      color: { domain: [who.sim, who.ode], range: [palette[0], palette[1]] },
      ariaLabel: 'Generalisation error: simulation against the ODE',
      marks: [
        Plot.line(sim, { x: 'alpha', y: 'eg', stroke: 'who', strokeWidth: 1.5 }),
        Plot.line(ode, { x: 'alpha', y: 'eg', stroke: 'who', strokeWidth: 2.5, strokeDasharray: '6 4' }),
        labels([...name('sim', s, 0), ...name('ode', o, 1)]),
      ],
    });
    return stack(document, [chart, d.text]);
  },
});
