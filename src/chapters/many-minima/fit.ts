import type { ActivationName } from '../../core/activations.ts';
import { hessian } from '../../core/curvature.ts';
import { ConfigError, positive, positiveInt } from '../../core/errors.ts';
import type { Layout } from '../../core/layout.ts';
import { solve } from '../../core/linalg.ts';
import { mlpModel } from '../../core/mlp.ts';
import { fullBatch, type Dataset, type Model } from '../../core/model.ts';
import { makeRng } from '../../core/random.ts';
import { LOSS_BOUND } from '../../core/train.ts';

/** The chapter's task: y = T(x) on n evenly spaced x ∈ [−lo, lo]; T(x) = tanh 4(x+1) − tanh 4(x−1) − 1 + 0.8 tanh 4x, a bump plus a step. */
export function teacherData(n: number, lo = 2): Dataset {
  const N = positiveInt('examples n', n);
  const X = Float64Array.from({ length: N }, (_, i) => (N === 1 ? 0 : -lo + (2 * lo * i) / (N - 1)));
  const Y = X.map((x) => Math.tanh(4 * (x + 1)) - Math.tanh(4 * (x - 1)) - 1 + 0.8 * Math.tanh(4 * x));
  return { n: N, k: 1, m: 1, X, Y };
}

/** The training set (40 points on [−2, 2]) and the test grid (201 points on [−2.5, 2.5]) every figure uses. */
export const TRAIN = teacherData(40);
export const TEST = teacherData(201, 2.5);

/** A random start: w, b ~ N(0, 1) (kinks spread over the inputs), v ~ N(0, 1/M), output bias 0. */
export function randomStart(L: Layout, seed: number): Float64Array {
  const rng = makeRng(seed);
  const p = new Float64Array(L.size);
  for (let q = 0; q < L.iW2; q++) p[q] = rng.normal();
  for (let q = L.iW2; q < L.iW2 + L.d * L.m; q++) p[q] = rng.normal() / Math.sqrt(L.d);
  return p;
}

/** Full-data J and ∇J at p. */
export function lossGrad(model: Model, p: Float64Array, g = new Float64Array(p.length)): { loss: number; grad: Float64Array; norm: number } {
  const loss = model.lossGrad(p, g, fullBatch(model.data.n), 0, model.data.n);
  let s = 0;
  for (const v of g) s += v * v;
  return { loss, grad: g, norm: Math.sqrt(s) };
}

/** Where a fit ended. */
export interface Fit {
  params: Float64Array;
  loss: number;
  gradNorm: number;
  /** Adam steps plus the Newton steps it took to reach the tolerance (all of them when it never did). */
  steps: number;
  diverged: boolean;
  /** Newton was asked for and did not reach the tolerance. */
  capped: boolean;
}

/** Options of fit: Adam for `steps` at rate `lr`, then up to `newton` damped Newton steps until ‖∇J‖ < tol. */
export interface FitOptions {
  start: Float64Array;
  steps: number;
  lr: number;
  newton?: number;
  tol?: number;
  /** Anneal: the rate falls linearly from lr to 0 over the steps, so Adam ends still instead of jittering. */
  anneal?: boolean;
}

/**
 * Adam (β₁ = 0.9, β₂ = 0.999) on the full batch, then optional damped Newton steps, which take a run that is
 * near a minimum to ‖∇J‖ ~ 1e-12 in a few steps. A non-finite or huge J stops the run.
 */
export function fit(model: Model, o: FitOptions): Fit {
  const steps = positiveInt('steps', o.steps);
  const lr = positive('learning rate', o.lr);
  const P = model.layout.size;
  if (o.start.length !== P) throw new ConfigError('start', `must have ${P} entries`, o.start.length);
  const p = Float64Array.from(o.start);
  const [m1, m2, g] = [new Float64Array(P), new Float64Array(P), new Float64Array(P)];
  const bad = (J: number) => !(Number.isFinite(J) && J <= LOSS_BOUND);
  for (let t = 1; t <= steps; t++) {
    const J = model.lossGrad(p, g, fullBatch(model.data.n), 0, model.data.n);
    // A non-finite parameter makes J non-finite, so checking J is enough.
    if (bad(J)) return { params: p, loss: J, gradNorm: NaN, steps: t - 1, diverged: true, capped: false };
    const [c1, c2] = [1 - 0.9 ** t, 1 - 0.999 ** t];
    const rate = o.anneal ? (lr * (steps - t + 1)) / steps : lr;
    for (let q = 0; q < P; q++) {
      m1[q] = 0.9 * m1[q] + 0.1 * g[q];
      m2[q] = 0.999 * m2[q] + 0.001 * g[q] * g[q];
      p[q] -= (rate * (m1[q] / c1)) / (Math.sqrt(m2[q] / c2) + 1e-8);
    }
  }
  const now = lossGrad(model, p);
  if (bad(now.loss) || !Number.isFinite(now.norm)) return { params: p, loss: now.loss, gradNorm: NaN, steps, diverged: true, capped: false };
  const tol = o.tol ?? 1e-10;
  const end = polish(model, p, { newton: o.newton ?? 0, tol });
  return { params: end.params, loss: end.loss, gradNorm: end.norm, steps: steps + (end.reached < 0 ? end.taken : end.reached), diverged: false, capped: (o.newton ?? 0) > 0 && end.norm >= tol };
}

/** Options of polish: at most `newton` steps, the tolerance, the Hessian, and how far J may round up on a step that shrinks ‖∇J‖. */
export interface PolishOptions {
  newton: number;
  tol: number;
  hess?: (p: Float64Array) => Float64Array;
  ulps?: number;
}

/**
 * Up to `newton` damped Newton steps from p (Hessian `hess`, central differences by default), and how many it took: `taken` in all, `reached` when ‖∇J‖ first fell
 * below tol (−1 if never). It goes on past the tolerance until no step helps (μ reaches 1e6): then the end point is
 * fixed to rounding, and two runs to one minimum agree as closely as floating point allows, whatever the engine's last bits.
 */
export function polish(model: Model, start: Float64Array, o: PolishOptions) {
  const { newton, tol, hess = (q: Float64Array) => hessian(model, q), ulps = 4 } = o;
  const P = start.length;
  const p = Float64Array.from(start);
  let now = lossGrad(model, p);
  let taken = 0;
  let reached = now.norm < tol ? 0 : -1;
  // Levenberg–Marquardt damping: (H + μI)δ = ∇J is a descent step for any μ above −λ_min, so the polish
  // seeks minima, never saddles; μ shrinks after a step that lowers J and grows after one that does not.
  let mu = 1e-4;
  for (let it = 0; it < newton && mu < 1e6; it++) {
    const H = hess(p);
    for (let q = 0; q < P; q++) H[q * P + q] += mu;
    let trial: Float64Array | null = null;
    try {
      const delta = solve(H, now.grad, P, 1);
      trial = p.map((v, q) => v - delta[q]);
    } catch {
      trial = null;
    }
    const next = trial && lossGrad(model, trial);
    // Near the end J changes by less than its rounding, so a step that keeps J to `ulps` and shrinks ‖∇J‖ counts too.
    const better = next && Number.isFinite(next.norm) && (next.loss < now.loss || (next.loss <= now.loss * (1 + ulps * Number.EPSILON) && next.norm < now.norm));
    if (trial && next && better) {
      p.set(trial);
      now = next;
      mu = Math.max(mu / 10, 1e-12);
      taken++;
      if (reached < 0 && now.norm < tol) reached = taken;
    } else mu *= 10;
  }
  return { params: p, loss: now.loss, grad: now.grad, norm: now.norm, taken, reached };
}

/** Largest |f(x; p) − f(x; q)| over the test grid for an M-unit net with activation act. */
export function functionGap(M: number, act: ActivationName, p: Float64Array, q: Float64Array): number {
  const net = mlpModel(TEST, { d: M, activation: act });
  const [a, b] = [net.predict(p, new Float64Array(TEST.n)), net.predict(q, new Float64Array(TEST.n))];
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
}
