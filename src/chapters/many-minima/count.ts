import type { Layout } from '../../core/layout.ts';
import { log10Factorial, unitVector } from './group.ts';

// Counting against a grid search, for any width: the group's order 2^M·M! against the G^P points of a weight grid.

/** log₁₀ n!: the exact sum below 20, Stirling's series above (its first omitted term, 1/(1260 n⁵), is below 1e-9 there). */
export function log10FactorialLarge(n: number): number {
  if (n < 20) return log10Factorial(n);
  return (n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n ** 3)) / Math.LN10;
}

/** log₁₀ of the grid points per element of the group: P·log₁₀ G − log₁₀(2^M·M!), with P = M(k + 2) + 1 parameters. */
export const perCopyLog10 = (M: number, k: number, G: number): number =>
  (M * (k + 2) + 1) * Math.log10(G) - M * Math.log10(2) - log10FactorialLarge(M);

/**
 * The smallest width M at which the group 2^M·M! outnumbers the grid G^P. Per extra unit perCopyLog10 changes by
 * (k + 2)·log₁₀ G − log₁₀ 2 − log₁₀ M, which falls with M, so it is concave, positive at M = 1 and crosses zero
 * once: double until it is negative, then bisect (to 1 in 10¹² where M is too large for integers).
 */
export function groupOvertakesGrid(k: number, G: number): number {
  let hi = 1;
  while (perCopyLog10(hi, k, G) >= 0) hi *= 2;
  let lo = hi / 2;
  while (hi - lo > Math.max(1, hi * 1e-12)) {
    const mid = Math.floor((lo + hi) / 2);
    if (perCopyLog10(mid, k, G) >= 0) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Stirling's estimate of that width: 2^M·M! ≈ (2M/e)^M meets G^{M(k+2)} at 2M/e = G^{k+2}. */
export const overtakeEstimate = (k: number, G: number): number => (Math.E / 2) * G ** (k + 2);

/**
 * Whether a one-hidden-layer tanh net meets Sussmann's (1992) conditions for minimality: every v_j ≠ 0, every
 * w_j ≠ 0, and no two units with (w_i, b_i) = ±(w_j, b_j). Then its group orbit is the whole set of weight vectors
 * with its function; otherwise that set holds a continuum (a dead unit's weights, or a shared v split any way).
 */
export function sussmannMinimal(L: Layout, p: Float64Array, tol = 0): boolean {
  const nIn = L.k + (L.biases ? 1 : 0);
  const u = Array.from({ length: L.d }, (_, j) => unitVector(L, p, j));
  const small = (xs: number[]) => xs.every((x) => Math.abs(x) <= tol);
  for (const x of u) if (small(x.slice(nIn)) || small(x.slice(0, L.k))) return false;
  for (let i = 0; i < L.d; i++) for (let j = i + 1; j < L.d; j++) {
    for (const s of [1, -1]) if (small(u[i].slice(0, nIn).map((x, t) => x - s * u[j][t]))) return false;
  }
  return true;
}
