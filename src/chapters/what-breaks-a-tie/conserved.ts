// The balance ‖w_j‖² + b_j² − v_j² of each unit: conserved by gradient flow, drifting under finite steps, decaying under weight decay.
import type { ActivationName } from '../../core/activations.ts';
import { makeRng } from '../../core/random.ts';
import { SETUP, tieData } from './mechanisms.ts';
import { at, balance, lossGrad, size, type Shape } from './net.ts';
import { dopri } from './ode.ts';

/** The conservation runs: two units from an untied seeded start (σ = 0.7) trained for time T = η·steps. */
export const CONSERVE = { T: 20, scale: 0.7, seed: 11, tol: 1e-10, etas: [0.4, 0.2, 0.1, 0.05, 0.025] } as const;
const shape: Shape = { k: SETUP.k, d: SETUP.d };

/** The untied start: every parameter an independent seeded N(0, 0.7²). */
export function conserveStart(): Float64Array {
  const rng = makeRng(CONSERVE.seed);
  return Float64Array.from({ length: size(shape) }, () => CONSERVE.scale * rng.normal());
}

/** −∇(L + λ/2·‖θ‖²): the velocity of gradient flow with weight decay λ. */
export function flowRhs(act: ActivationName, lambda: number) {
  const data = tieData();
  const rows = Int32Array.from({ length: data.n }, (_, i) => i);
  const g = new Float64Array(size(shape));
  return (p: Float64Array, out: Float64Array) => {
    lossGrad(act, shape, p, { X: data.X, Y: data.Y, rows }, g);
    for (let q = 0; q < p.length; q++) out[q] = -g[q] - lambda * p[q];
  };
}

/** Both units' balances, [D_0, D_1]. */
export const balances = (p: ArrayLike<number>) => Array.from({ length: shape.d }, (_, j) => balance(shape, p, j));

/** One balance series: time, and each unit's D at `samples` evenly spaced times in [0, T]. */
export interface BalanceSeries { t: number[]; D: number[][]; diverged: boolean }

/** Gradient descent at step η with weight decay λ for time T (T/η steps): the balances at every step. */
export function gdBalances(act: ActivationName, eta: number, lambda: number, T: number = CONSERVE.T): BalanceSeries {
  const f = flowRhs(act, lambda);
  const p = conserveStart(), v = new Float64Array(p.length);
  const steps = Math.round(T / eta);
  const out: BalanceSeries = { t: [0], D: [balances(p)], diverged: false };
  for (let s = 1; s <= steps; s++) {
    f(p, v);
    for (let q = 0; q < p.length; q++) p[q] += eta * v[q];
    if (!p.every(Number.isFinite) || Math.max(...p.map(Math.abs)) > 1e6) return { ...out, diverged: true };
    out.t.push(s * eta);
    out.D.push(balances(p));
  }
  return out;
}

/** Per unit, ‖g_w‖² + g_b² − g_v² of the loss gradient g at p: what one step of η adds to D_j, times η². */
export function stepSource(act: ActivationName, p: Float64Array): number[] {
  const data = tieData();
  const g = new Float64Array(p.length);
  lossGrad(act, shape, p, { X: data.X, Y: data.Y, rows: Int32Array.from({ length: data.n }, (_, i) => i) }, g);
  return Array.from({ length: shape.d }, (_, j) => {
    let q = g[at.b(shape, j)] ** 2 - g[at.v(shape, j)] ** 2;
    for (let l = 0; l < shape.k; l++) q += g[at.w(shape, j, l)] ** 2;
    return q;
  });
}

/** Gradient flow (Dormand–Prince to tolerance tol) with weight decay λ: the balances, and each unit's step source, at `n` + 1 evenly spaced times. */
export function flowBalances(act: ActivationName, lambda: number, n = 100, tol: number = CONSERVE.tol, T: number = CONSERVE.T): BalanceSeries & { steps: number; source: number[][] } {
  const times = Array.from({ length: n + 1 }, (_, i) => (i * T) / n);
  const { samples, steps } = dopri(flowRhs(act, lambda), conserveStart(), T, tol, times);
  return { t: times.slice(0, samples.length), D: samples.map(balances), source: samples.map((p) => stepSource(act, p)), diverged: samples.length < times.length, steps };
}

/**
 * The first-order drift per unit η: summing D's per-step change η²·source over T/η steps gives η·∫source dt, so the
 * largest drift over [0, T] is about η·max_{t, j} |∫₀ᵗ source_j| (trapezoid rule on the flow's samples, no weight decay).
 */
export function driftPerEta(flow: { t: number[]; source: number[][] }): number {
  let worst = 0;
  const acc = flow.source[0].map(() => 0);
  for (let i = 1; i < flow.t.length; i++) {
    const dt = flow.t[i] - flow.t[i - 1];
    acc.forEach((a, j) => (acc[j] = a + (dt * (flow.source[i][j] + flow.source[i - 1][j])) / 2));
    worst = Math.max(worst, ...acc.map(Math.abs));
  }
  return worst;
}

/** The largest change of either unit's balance over a series, |D_j(t) − D_j(0)|. */
export function maxDrift(s: BalanceSeries): number {
  let worst = 0;
  for (const row of s.D) for (let j = 0; j < row.length; j++) worst = Math.max(worst, Math.abs(row[j] - s.D[0][j]));
  return worst;
}

/** The drift law: the balance's largest drift over time T for each η of CONSERVE.etas, and the power p of drift ∝ η^p fitted on log–log axes. */
export function driftLaw(act: ActivationName) {
  const runs = CONSERVE.etas.map((eta) => ({ eta, drift: maxDrift(gdBalances(act, eta, 0)) }));
  const xs = runs.map((r) => Math.log(r.eta)), ys = runs.map((r) => Math.log(r.drift));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length, my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0, sxx = 0;
  xs.forEach((x, i) => ((sxy += (x - mx) * (ys[i] - my)), (sxx += (x - mx) ** 2)));
  const power = sxy / sxx;
  return { runs, power, prefactor: Math.exp(my - power * mx) };
}
