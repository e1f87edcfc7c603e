import { ConfigError } from '../../core/errors.ts';
import type { Layout } from '../../core/layout.ts';

// The symmetry group of one hidden layer, for any number M of units (L.d): the 2-unit versions in
// w11-and-w12/units.ts, generalised. Unit j owns column j of W, b_j and row j of W2 (core/layout.ts).

/** A relabelling: unit j of the result is signs[j] × unit perm[j] of the input, its weights scaled by scales[j] in and 1/scales[j] out. */
export interface Relabel {
  perm: number[];
  signs: number[];
  /** Positive rescalings (ReLU's continuous symmetry); all 1 when absent. */
  scales?: number[];
}

/** The identity relabelling of M units. */
export const identity = (M: number): Relabel => ({ perm: Array.from({ length: M }, (_, j) => j), signs: new Array<number>(M).fill(1) });

/** Checks that g is a relabelling of L.d units: perm a permutation, signs ±1, scales positive and finite. */
function check(L: Layout, g: Relabel): void {
  const M = L.d;
  const seen = new Set(g.perm);
  if (g.perm.length !== M || seen.size !== M || g.perm.some((j) => !(Number.isInteger(j) && j >= 0 && j < M))) throw new ConfigError('permutation', `must reorder 0…${M - 1}`, g.perm);
  if (g.signs.length !== M || g.signs.some((s) => s !== 1 && s !== -1)) throw new ConfigError('signs', 'must be ±1, one per unit', g.signs);
  if (g.scales && (g.scales.length !== M || g.scales.some((c) => !(c > 0 && Number.isFinite(c))))) throw new ConfigError('scales', 'must be positive, one per unit', g.scales);
}

/** p relabelled by g; the output bias b2 is kept. */
export function relabel(L: Layout, p: Float64Array, g: Relabel): Float64Array {
  check(L, g);
  const q = Float64Array.from(p);
  for (let j = 0; j < L.d; j++) {
    const from = g.perm[j];
    const c = g.scales?.[j] ?? 1;
    const sIn = g.signs[j] * c;
    const sOut = g.signs[j] / c;
    for (let i = 0; i < L.k; i++) q[L.iW + i * L.d + j] = sIn * p[L.iW + i * L.d + from];
    if (L.biases) q[L.ib + j] = sIn * p[L.ib + from];
    for (let o = 0; o < L.m; o++) q[L.iW2 + j * L.m + o] = sOut * p[L.iW2 + from * L.m + o];
  }
  return q;
}

/** g followed by h, as one relabelling (signs and permutations only): relabel(relabel(p, g), h) = relabel(p, compose(g, h)). */
export function compose(g: Relabel, h: Relabel): Relabel {
  return { perm: h.perm.map((j) => g.perm[j]), signs: h.perm.map((j, i) => h.signs[i] * g.signs[j]) };
}

/** Unit j's vector (W[:,j], b_j, W2[j,:]), length k + biases + m. */
export function unitVector(L: Layout, p: Float64Array, j: number): number[] {
  const u: number[] = [];
  for (let i = 0; i < L.k; i++) u.push(p[L.iW + i * L.d + j]);
  if (L.biases) u.push(p[L.ib + j]);
  for (let o = 0; o < L.m; o++) u.push(p[L.iW2 + j * L.m + o]);
  return u;
}

/** The M unit vectors of p. */
export const unitVectors = (L: Layout, p: Float64Array): number[][] => Array.from({ length: L.d }, (_, j) => unitVector(L, p, j));

/** Whether σ is odd, so that a unit's sign flip (w, b, v) → −(w, b, v) keeps the function. */
export const isOdd = (act: string): boolean => act === 'tanh' || act === 'erf' || act === 'identity';

/**
 * The canonical representative of p's orbit: for odd σ each unit flipped so its first output weight is ≥ 0;
 * for ReLU each unit rescaled so its incoming norm ‖(w, b)‖ equals |v| (balanced); then units sorted by
 * (v, w, b) descending. Applying it twice changes nothing.
 */
export function canonical(L: Layout, p: Float64Array, act: string): { params: Float64Array; g: Relabel } {
  const M = L.d;
  const signs = Array.from({ length: M }, (_, j) => (isOdd(act) && p[L.iW2 + j * L.m] < 0 ? -1 : 1));
  const scales = Array.from({ length: M }, (_, j) => {
    if (act !== 'relu') return 1;
    const u = unitVector(L, p, j);
    const inc = Math.hypot(...u.slice(0, L.k + (L.biases ? 1 : 0)));
    const out = Math.hypot(...u.slice(L.k + (L.biases ? 1 : 0)));
    // c·‖in‖ = ‖out‖/c gives c = √(‖out‖/‖in‖); a unit with a zero side cannot be balanced and is left alone.
    return inc > 0 && out > 0 ? Math.sqrt(out / inc) : 1;
  });
  const flipped = relabel(L, p, { perm: identity(M).perm, signs, scales });
  const u = unitVectors(L, flipped);
  const key = (j: number) => [...u[j].slice(L.k + (L.biases ? 1 : 0)), ...u[j].slice(0, L.k + (L.biases ? 1 : 0))];
  const perm = identity(M).perm.sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let t = 0; t < ka.length; t++) if (ka[t] !== kb[t]) return kb[t] - ka[t];
    return 0;
  });
  return { params: relabel(L, flipped, { perm, signs: new Array<number>(M).fill(1) }), g: { perm, signs: perm.map((j) => signs[j]), scales: perm.map((j) => scales[j]) } };
}

/** log₁₀ n!, summed exactly enough for the counts shown (n ≤ 10⁶). */
export function log10Factorial(n: number): number {
  let s = 0;
  for (let i = 2; i <= n; i++) s += Math.log10(i);
  return s;
}

/**
 * How many distinct weight vectors the discrete group (permutations, and sign flips for odd σ) maps p to:
 * M!/(z! ∏ n_c!) · 2^(Σ n_c) for odd σ, where z units are zero and n_c nonzero units coincide up to sign in class c,
 * and M!/∏ n_c! over classes of equal units otherwise. Returned as log₁₀, with the classes.
 */
export function orbitSize(L: Layout, p: Float64Array, act: string, tol = 0): { log10: number; classes: number[]; zero: number } {
  const odd = isOdd(act);
  const u = unitVectors(L, p);
  const same = (a: number[], b: number[], s: number) => a.every((x, t) => Math.abs(x - s * b[t]) <= tol);
  const isZero = (a: number[]) => a.every((x) => Math.abs(x) <= tol);
  const zero = odd ? u.filter(isZero).length : 0;
  const reps: number[][] = [];
  const classes: number[] = [];
  for (const v of u) {
    if (odd && isZero(v)) continue;
    const c = reps.findIndex((r) => same(r, v, 1) || (odd && same(r, v, -1)));
    if (c >= 0) classes[c]++;
    else {
      reps.push(v);
      classes.push(1);
    }
  }
  const nonzero = L.d - zero;
  const log10 = log10Factorial(L.d) - log10Factorial(zero) - classes.reduce((s, n) => s + log10Factorial(n), 0) + (odd ? nonzero * Math.log10(2) : 0);
  return { log10, classes, zero };
}

/** Every permutation of 0…M−1, in lexicographic order; M ≤ 7 keeps the list small. */
export function permutations(M: number): number[][] {
  if (M > 7) throw new ConfigError('units', 'must be at most 7 to list every permutation', M);
  const out: number[][] = [];
  const build = (head: number[], rest: number[]) => {
    if (!rest.length) out.push(head);
    for (const r of rest) build([...head, r], rest.filter((x) => x !== r));
  };
  build([], Array.from({ length: M }, (_, j) => j));
  return out;
}

/** The number of distinct weight vectors among all relabellings of p, counted by listing them (M ≤ 6): what orbitSize predicts. */
export function countByListing(L: Layout, p: Float64Array, act: string): number {
  const seen = new Set<string>();
  const masks = isOdd(act) ? 1 << L.d : 1;
  for (const perm of permutations(L.d)) for (let mask = 0; mask < masks; mask++) {
    const signs = Array.from({ length: L.d }, (_, j) => ((mask >> j) & 1 ? -1 : 1));
    // + 0 turns −0 into 0: a zero weight flipped is the same weight.
    seen.add(Array.from(relabel(L, p, { perm, signs }), (v) => v + 0).join(','));
  }
  return seen.size;
}
