import { ConfigError } from '../../core/errors.ts';
import type { Layout } from '../../core/layout.ts';
import type { Model } from '../../core/model.ts';

// A ReLU net's J is smooth except where a unit's kink, x = −b_j/w_j, sits on a training input. A minimum of J
// can sit exactly there: moving the kink one way makes the point's residual worse, the other way the rest of the
// data's, so the kink is pinned and ∇J jumps there instead of vanishing. Newton on J then never reaches a small
// gradient. On the surface where the kink stays on its input J is smooth again, and there the polish converges;
// whether the end is a minimum of J is then the question whether 0 lies in J's subdifferential. One input (k = 1).

/** Unit `unit`'s kink held on training input `point`: b_j = −w_j·x_i, so w_j x_i + b_j is exactly 0. */
export interface Pin {
  unit: number;
  point: number;
}

/** Where each live unit's kink is within `within` (in x) of a training input, the nearest such input per unit. */
export function nearKinks(L: Layout, p: Float64Array, X: Float64Array, within: number): Pin[] {
  const pins: Pin[] = [];
  for (let j = 0; j < L.d; j++) {
    const [w, b] = [p[L.iW + j], p[L.ib + j]];
    // A zero unit has no kink to pin; there J is differentiable (v·ReLU(wx + b) is second order in the unit).
    if (w === 0) continue;
    let best = -1;
    for (let i = 0; i < X.length; i++) if (Math.abs(X[i] + b / w) < within && (best < 0 || Math.abs(X[i] + b / w) < Math.abs(X[best] + b / w))) best = i;
    if (best >= 0) pins.push({ unit: j, point: best });
  }
  return pins;
}

/**
 * J on the pinned surface, as a model of the free parameters (every one but the pinned units' b_j): expand puts
 * b_j = −(w_j·x_i) back, which makes w_j x_i + b_j round to exactly 0, so the input is on the kink in every
 * evaluation; the gradient is the chain rule, ∂J/∂w_j + ∂J/∂b_j·(−x_i).
 */
export function pinnedModel(model: Model, pins: readonly Pin[]) {
  const L = model.layout;
  if (L.k !== 1) throw new ConfigError('inputs k', 'must be 1 to pin a kink on an input', L.k);
  const X = model.data.X;
  const fixed = new Map(pins.map((s) => [L.ib + s.unit, s]));
  const free = Array.from({ length: L.size }, (_, q) => q).filter((q) => !fixed.has(q));
  const full = new Float64Array(L.size);
  const g = new Float64Array(L.size);
  const expand = (r: Float64Array): Float64Array => {
    const p = new Float64Array(L.size);
    free.forEach((q, a) => (p[q] = r[a]));
    for (const s of pins) p[L.ib + s.unit] = -(p[L.iW + s.unit] * X[s.point]);
    return p;
  };
  const reduce = (p: Float64Array): Float64Array => Float64Array.from(free, (q) => p[q]);
  const reduced: Model = {
    ...model,
    layout: { ...L, size: free.length },
    lossGrad(r, gr, idx, from, count) {
      full.set(expand(r));
      const J = model.lossGrad(full, g, idx, from, count);
      for (const s of pins) g[L.iW + s.unit] -= g[L.ib + s.unit] * X[s.point];
      free.forEach((q, a) => (gr[a] = g[q]));
      return J;
    },
    predict: (r, res) => model.predict(expand(r), res),
  };
  /** The Hessian on the surface, EᵀHE for the full Hessian H at expand(r): the map r → θ is linear. */
  const hessian = (H: Float64Array): Float64Array => {
    const P = L.size;
    const cols = free.map((q) => {
      const c = new Map([[q, 1]]);
      const s = pins.find((t) => L.iW + t.unit === q);
      if (s) c.set(L.ib + s.unit, -X[s.point]);
      return c;
    });
    const R = free.length;
    const out = new Float64Array(R * R);
    for (let a = 0; a < R; a++) for (let b = 0; b < R; b++) {
      let v = 0;
      for (const [q, ea] of cols[a]) for (const [u, eb] of cols[b]) v += ea * H[q * P + u] * eb;
      out[a * R + b] = v;
    }
    return out;
  };
  return { model: reduced, expand, reduce, hessian };
}

/**
 * The smallest subgradient of J at p, ‖∇J‖ where J is differentiable. `below` and `above` are J with ReLU′(0) = 0
 * and 1: their gradients are the two one-sided ones at an input exactly on a kink. Each unit's jump lies in its own
 * (w_j, b_j), so the subdifferential is g₀ + Σ_j t_j (g₁ − g₀)_j over t_j ∈ [0, 1], and each t_j is chosen alone.
 * t_j strictly inside (0, 1) is a kink the minimum holds on its input; at 0 or 1 the kink would rather move.
 */
export function smallestSubgradient(below: Model, above: Model, p: Float64Array): { norm: number; t: number[] } {
  const L = below.layout;
  const idx = Int32Array.from({ length: below.data.n }, (_, i) => i);
  const [g0, g1] = [new Float64Array(L.size), new Float64Array(L.size)];
  below.lossGrad(p, g0, idx, 0, below.data.n);
  above.lossGrad(p, g1, idx, 0, above.data.n);
  const s = Float64Array.from(g0);
  const t: number[] = [];
  for (let j = 0; j < L.d; j++) {
    const [w, b] = [L.iW + j, L.ib + j];
    const [aw, ab] = [g1[w] - g0[w], g1[b] - g0[b]];
    const jump = aw * aw + ab * ab;
    const tj = jump > 0 ? Math.min(1, Math.max(0, -(g0[w] * aw + g0[b] * ab) / jump)) : 0;
    t.push(tj);
    s[w] += tj * aw;
    s[b] += tj * ab;
  }
  // v and c do not jump: ReLU(0) = 0 whichever ReLU′(0) is taken, so their gradients are the same in both.
  let n2 = 0;
  for (const v of s) n2 += v * v;
  return { norm: Math.sqrt(n2), t };
}

/** ‖(w_j, b_j)‖ − |v_j| for each unit: 0 at a minimum of L + λ‖θ‖² (the rescaling that keeps L changes only the penalty). */
export function imbalance(L: Layout, p: Float64Array): number[] {
  return Array.from({ length: L.d }, (_, j) => Math.hypot(p[L.iW + j], p[L.ib + j]) - Math.abs(p[L.iW2 + j]));
}
