import { deepBackward, deepForward, deepNet, initDeep } from '../../core/deep.ts';
import { makeRng } from '../../core/random.ts';
import { ruleVariance, type Rule } from './rules.ts';

/** The layer shapes the correction is shown on. */
export const SHAPES = {
  playground: [2, 8, 8, 1],
  funnel: [64, 32, 16, 8, 1],
  widening: [2, 16, 32, 64],
  equal: [32, 32, 32, 32],
} as const;
/** One of the SHAPES' names. */
export type Shape = keyof typeof SHAPES;

/**
 * In a linear net (identity activations, zero biases) with inputs x ~ N(0, I), the predicted gains: forward,
 * E[ŷ²] / E[x²] = Π n_in·v_l; backward, for the loss uᵀŷ with u ~ N(0, I), E[(∂L/∂x)²] = Π n_out·v_l.
 */
export function linearGains(widths: readonly number[], rule: Rule): { forward: number; backward: number } {
  let forward = 1, backward = 1;
  for (let l = 0; l + 1 < widths.length; l++) {
    const v = ruleVariance(rule, widths[l], widths[l + 1]);
    forward *= widths[l] * v;
    backward *= widths[l + 1] * v;
  }
  return { forward, backward };
}

/** A Monte Carlo mean and its standard error (the spread of the per-draw means over √draws). */
export interface Estimate { mean: number; se: number }

/** Monte Carlo of linearGains over `draws` nets and a batch of B inputs each: the mean of ŷ² and of (∂L/∂x)². */
export function measureGains(widths: readonly number[], rule: Rule, draws: number, B: number, seed: number): { forward: Estimate; backward: Estimate } {
  const rng = makeRng(seed);
  // One more layer in front, the identity, so that deepBackward's dz[0] is ∂L/∂x itself.
  const net = deepNet([widths[0], ...widths], widths.map(() => 'identity' as const), B);
  const p = new Float64Array(net.size);
  const n0 = widths[0], nL = widths[widths.length - 1];
  const X = new Float64Array(B * n0), U = new Float64Array(B * nL), g = new Float64Array(net.size);
  const sums = [0, 0, 0, 0]; // Σ f_d, Σ f_d², Σ b_d, Σ b_d² over draws d
  for (let d = 0; d < draws; d++) {
    initDeep(net, p, rng, (l, a, c) => (l === 0 ? 0 : ruleVariance(rule, a, c)));
    for (let i = 0; i < n0; i++) p[net.wAt[0] + i * n0 + i] = 1;
    for (let q = 0; q < X.length; q++) X[q] = rng.normal();
    for (let q = 0; q < U.length; q++) U[q] = rng.normal();
    const out = deepForward(net, p, X, B);
    let f = 0, b = 0;
    for (let q = 0; q < B * nL; q++) f += out[q] ** 2;
    deepBackward(net, p, X, B, U, g);
    for (const v of net.dz[0]) b += v * v;
    f /= B * nL;
    b /= B * n0;
    sums[0] += f; sums[1] += f * f; sums[2] += b; sums[3] += b * b;
  }
  const est = (s: number, s2: number): Estimate => {
    const mean = s / draws;
    return { mean, se: Math.sqrt(Math.max(0, s2 / draws - mean * mean) / Math.max(1, draws - 1)) };
  };
  return { forward: est(sums[0], sums[1]), backward: est(sums[2], sums[3]) };
}
