// A tie broken by rounding alone, against the plateau law measured on the same network with a deliberate ε.
import type { ActivationName } from '../../core/activations.ts';
import { makeRng } from '../../core/random.ts';
import { startParams, SETUP, tieData } from './mechanisms.ts';
import { at, lossGrad, size, unitGap, type Shape } from './net.ts';
import type { Precision, SumOrder } from './sums.ts';

/** The rounding runs: gradient descent at η = 0.2 (a shorter plateau than the grid's 0.05), escaped when the gap passes 0.3 (the escape chapter's threshold). */
export const ROUNDING = { lr: 0.2, maxSteps: 6000, escapeGap: 0.3, epsilons: [1e-3, 1e-5, 1e-7, 1e-9, 1e-11, 1e-13] } as const;

/** One plain gradient-descent run: the gap at every state, the first step at which it is not 0, the first at which it passes the threshold. */
export interface GapRun { gap: number[]; split: number | null; escape: number | null; diverged: boolean }

/** Gradient descent from p (copied), summing in the given order and precision, stopping 10% after the escape or at maxSteps. */
export function gapRun(act: ActivationName, p0: Float64Array, order: SumOrder, precision: Precision, maxSteps: number = ROUNDING.maxSteps): GapRun {
  const data = tieData();
  const s: Shape = { k: SETUP.k, d: SETUP.d };
  const p = p0.slice(), g = new Float64Array(size(s));
  const rows = Int32Array.from({ length: data.n }, (_, i) => i);
  const gap = [unitGap(s, p)];
  let split = gap[0] > 0 ? 0 : null, escape: number | null = null;
  for (let t = 1; t <= maxSteps; t++) {
    lossGrad(act, s, p, { X: data.X, Y: data.Y, rows, order, precision }, g);
    for (let q = 0; q < p.length; q++) p[q] -= ROUNDING.lr * g[q];
    const now = unitGap(s, p);
    if (!Number.isFinite(now)) return { gap, split, escape, diverged: true };
    gap.push(now);
    if (split === null && now > 0) split = t;
    if (escape === null && now > ROUNDING.escapeGap) escape = t;
    if (escape !== null && t >= escape * 1.1) break;
  }
  return { gap, split, escape, diverged: false };
}

/** The tied start moved apart by ε: unit 1's parameters get ε times a fixed seeded unit direction, so the gap starts at exactly ε. */
export function perturbedStart(eps: number): Float64Array {
  const s: Shape = { k: SETUP.k, d: SETUP.d };
  const p = startParams(s, 'tied');
  const rng = makeRng(SETUP.seed + 2);
  const idx = [...Array.from({ length: s.k }, (_, l) => at.w(s, 1, l)), at.b(s, 1), at.v(s, 1)];
  const u = idx.map(() => rng.normal());
  const norm = Math.sqrt(u.reduce((a, x) => a + x * x, 0));
  idx.forEach((q, i) => (p[q] += (eps * u[i]) / norm));
  return p;
}

/** Least-squares line y = intercept + slope·x. */
export function lineFit(xs: readonly number[], ys: readonly number[]): { slope: number; intercept: number; r2: number } {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n, my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) [sxy, sxx, syy] = [sxy + (xs[i] - mx) * (ys[i] - my), sxx + (xs[i] - mx) ** 2, syy + (ys[i] - my) ** 2];
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy) };
}

/** The plateau law on this network: escape step against ln(1/ε) for the deliberate ε's, per-unit sums in float64. */
export function plateauLaw(act: ActivationName, onRun?: (done: number) => void) {
  const runs = ROUNDING.epsilons.map((eps, i) => {
    const r = gapRun(act, perturbedStart(eps), 'unit', 'f64');
    onRun?.((i + 1) / ROUNDING.epsilons.length);
    return { eps, escape: r.escape, gap: r.gap };
  });
  const ok = runs.filter((r) => r.escape !== null);
  const fit = ok.length >= 2 ? lineFit(ok.map((r) => Math.log(1 / r.eps)), ok.map((r) => r.escape!)) : null;
  return { runs, fit };
}
