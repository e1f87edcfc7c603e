// Weight decay pulls two units back onto the tied subspace once γ beats the loss's curvature across it.
import { symmetricEigenvalues } from '../../core/linalg.ts';
import { makeRng } from '../../core/random.ts';
import { SETUP, startParams, tieData } from './mechanisms.ts';
import { at, lossGrad, size, unitGap, type Shape } from './net.ts';

/** The re-tie runs: tanh units on the committee data, η = 0.2; the tied point found by `fixSteps` steps, then `steps` steps from it moved apart by `kick`. */
export const RETIE = { lr: 0.2, fixSteps: 3000, steps: 3000, kick: 1e-6, gammas: [0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.12, 0.15] } as const;
const shape: Shape = { k: SETUP.k, d: SETUP.d };
/** The indices of unit j's parameters in the order w_1…w_k, b, v. */
export const unit = (j: number) => [...Array.from({ length: shape.k }, (_, l) => at.w(shape, j, l)), at.b(shape, j), at.v(shape, j)];

/** ∇(L + γ/2·‖θ‖²) of tanh units on the committee data, into out. */
export function decayedGrad(gamma: number) {
  const data = tieData();
  const rows = Int32Array.from({ length: data.n }, (_, i) => i);
  return (p: Float64Array, out: Float64Array) => {
    const loss = lossGrad('tanh', shape, p, { X: data.X, Y: data.Y, rows }, out);
    for (let q = 0; q < p.length; q++) out[q] += gamma * p[q];
    return loss;
  };
}

/** Gradient descent on L + γ/2‖θ‖² from p (in place) for `steps`; the gap between the units after every step. */
export function descend(gamma: number, p: Float64Array, steps: number): number[] {
  const grad = decayedGrad(gamma), g = new Float64Array(size(shape));
  const gaps: number[] = [unitGap(shape, p)];
  for (let t = 0; t < steps; t++) {
    grad(p, g);
    for (let q = 0; q < p.length; q++) p[q] -= RETIE.lr * g[q];
    gaps.push(unitGap(shape, p));
  }
  return gaps;
}

/**
 * The Hessian of L + γ/2‖θ‖² on the antisymmetric directions n_q = (e_q(unit 1) − e_q(unit 0))/√2 at p (row-major,
 * m × m with m = k + 2), by central differences of the gradient, symmetrised.
 */
export function antisymmetricHessian(gamma: number, p: Float64Array, h = 1e-5): Float64Array {
  const grad = decayedGrad(gamma);
  const u0 = unit(0), u1 = unit(1), m = u0.length;
  const H = new Float64Array(m * m), gp = new Float64Array(p.length), gm = new Float64Array(p.length);
  for (let b = 0; b < m; b++) {
    const pp = p.slice(), pm = p.slice();
    for (const [q, sgn] of [[u1[b], 1], [u0[b], -1]]) [pp[q], pm[q]] = [pp[q] + (sgn * h) / Math.SQRT2, pm[q] - (sgn * h) / Math.SQRT2];
    grad(pp, gp);
    grad(pm, gm);
    for (let a = 0; a < m; a++) H[a * m + b] = (gp[u1[a]] - gm[u1[a]] - (gp[u0[a]] - gm[u0[a]])) / (Math.SQRT2 * 2 * h);
  }
  // Central differences leave H symmetric only to O(h²): symmetrise before the eigen-solver.
  for (let a = 0; a < m; a++) for (let b = 0; b < a; b++) H[a * m + b] = H[b * m + a] = (H[a * m + b] + H[b * m + a]) / 2;
  return H;
}

/** The curvature across the tied subspace at p: the eigenvalues of antisymmetricHessian, largest first. */
export const antisymmetricCurvature = (gamma: number, p: Float64Array, h = 1e-5): Float64Array => symmetricEigenvalues(antisymmetricHessian(gamma, p, h), unit(0).length);

/** One γ: the tied point, the smallest curvature μ across the tie (tie attracting iff μ > 0), and the run from the kicked tie. */
export interface RetieRun { gamma: number; mu: number; tiedNorm: number; tiedGrad: number; gaps: number[]; rate: number; verdict: 'retied' | 'apart' }

/** Finds the tied point for γ (from `from`, or the tied start), measures μ, kicks the units apart by RETIE.kick and runs. */
export function retieRun(gamma: number, from?: Float64Array): RetieRun & { tied: Float64Array } {
  const tied = (from ?? startParams(shape, 'tied')).slice();
  descend(gamma, tied, RETIE.fixSteps);
  const mu = antisymmetricCurvature(gamma, tied).at(-1)!;
  // How well the tied point has converged: the linear law only holds about a stationary point.
  const g = new Float64Array(tied.length);
  decayedGrad(gamma)(tied, g);
  const tiedGrad = Math.hypot(...g);
  const p = tied.slice();
  const rng = makeRng(SETUP.seed + 3);
  const dir = unit(0).map(() => rng.normal()), norm = Math.sqrt(dir.reduce((a, x) => a + x * x, 0));
  unit(1).forEach((q, i) => (p[q] += (RETIE.kick * dir[i]) / norm));
  const gaps = descend(gamma, p, RETIE.steps);
  // The gap's growth rate per unit time ηt, measured while it is linear (between rounding, 1e-11, and 1e-2), over the second half of that stretch.
  let t1 = 1;
  while (t1 < gaps.length - 1 && gaps[t1 + 1] > 1e-11 && gaps[t1 + 1] < 1e-2) t1++;
  const t0 = Math.floor(t1 / 2);
  const rate = Math.log(gaps[t1] / gaps[t0]) / ((t1 - t0) * RETIE.lr);
  return { gamma, mu, tiedNorm: Math.hypot(...unit(0).map((q) => tied[q])), tiedGrad, gaps, rate, verdict: rate < 0 ? 'retied' : 'apart', tied };
}

/** The whole γ sweep, each tied point continued from the last; `onRun` hears the fraction done. */
export function retieSweep(onRun?: (runs: RetieRun[], done: number) => void): RetieRun[] {
  const runs: RetieRun[] = [];
  let from: Float64Array | undefined;
  for (const gamma of RETIE.gammas) {
    const { tied, ...run } = retieRun(gamma, from);
    from = tied;
    runs.push(run);
    onRun?.(runs, runs.length / RETIE.gammas.length);
  }
  return runs;
}

/** The threshold where μ(γ) crosses 0, by linear interpolation between sweep points; null if it never does. */
export function predictedThreshold(runs: readonly RetieRun[]): number | null {
  for (let i = 1; i < runs.length; i++) {
    const [a, b] = [runs[i - 1], runs[i]];
    if (a.mu <= 0 && b.mu > 0) return a.gamma + (b.gamma - a.gamma) * (-a.mu / (b.mu - a.mu));
  }
  return null;
}

/** The threshold the runs show: where their measured rate crosses 0 (shrinking above, growing below), by linear interpolation; null if it never does. */
export function measuredThreshold(runs: readonly RetieRun[]): number | null {
  for (let i = 1; i < runs.length; i++) {
    const [a, b] = [runs[i - 1], runs[i]];
    if (a.rate >= 0 && b.rate < 0) return a.gamma + (b.gamma - a.gamma) * (a.rate / (a.rate - b.rate));
  }
  return null;
}
