import { ConfigError } from '../../core/errors.ts';
import type { Layout } from '../../core/layout.ts';
import type { Dataset, Model } from '../../core/model.ts';

/**
 * Every named factor of ∂L/∂W_ij for one example of the chapter-2 network
 * h = tanh(xW + b_h), o = hV + b_o, L = (t − o)² (one output).
 */
export interface ChainFactors {
  /** Input i and hidden unit j (0-based) of the weight W_ij. */
  i: number;
  j: number;
  /** The example's input x_i, target t, the network's output o. */
  x: number;
  t: number;
  o: number;
  /** Pre-activation z_j = (xW + b_h)_j and activation h_j = tanh(z_j). */
  z: number;
  h: number;
  /** Outgoing weight V_j. */
  V: number;
  /** ∂L/∂o = −2(t − o). */
  dLdo: number;
  /** ∂o/∂h_j = V_j. */
  dodh: number;
  /** ∂h_j/∂z_j = 1 − h_j² (tanh′). */
  dhdz: number;
  /** ∂z_j/∂W_ij = x_i. */
  dzdW: number;
  /** The product of the four factors: −2(t − o) · V_j · (1 − h_j²) · x_i. */
  chain: number;
  /** The same number in the thread's arrangement: 2 V_j (t − o) x_i (h_j² − 1). */
  answer: number;
  /** The outgoing weight's gradient ∂L/∂V_j = ∂L/∂o · h_j = −2(t − o) h_j. */
  dLdV: number;
}

/** The chain-rule factors of ∂L/∂W_ij at parameters p for example e (tanh hidden layer, one output). */
export function chainFactors(L: Layout, data: Dataset, p: Float64Array, e: number, i: number, j: number): ChainFactors {
  if (L.m !== 1) throw new ConfigError('outputs m', 'must be 1 for the chapter-2 chain rule', L.m);
  if (!(e >= 0 && e < data.n)) throw new ConfigError('example', `must be in 0…${data.n - 1}`, e);
  const { k, d } = L;
  const xs = data.X.subarray(e * k, (e + 1) * k);
  const t = data.Y[e];
  // Forward pass, written out so the factors below are the ones the page names.
  let o = L.biases ? p[L.ib2] : 0;
  const hs = new Float64Array(d);
  const zs = new Float64Array(d);
  for (let u = 0; u < d; u++) {
    let s = L.biases ? p[L.ib + u] : 0;
    for (let l = 0; l < k; l++) s += xs[l] * p[L.iW + l * d + u];
    zs[u] = s;
    hs[u] = Math.tanh(s);
    o += hs[u] * p[L.iW2 + u];
  }
  const h = hs[j];
  const V = p[L.iW2 + j];
  const x = xs[i];
  const dLdo = -2 * (t - o);
  const dodh = V;
  const dhdz = 1 - h * h;
  const dzdW = x;
  return {
    i, j, x, t, o, z: zs[j], h, V, dLdo, dodh, dhdz, dzdW,
    chain: dLdo * dodh * dhdz * dzdW,
    answer: 2 * V * (t - o) * x * (h * h - 1),
    dLdV: dLdo * h,
  };
}

/**
 * The "mirror" start of the gradient inspector: unit 2 = −unit 1 in its incoming weights and bias
 * (W[:,2] = −W[:,1], b₂ = −b₁) but with the same outgoing weight, V₂ = V₁. Then h₂ = −h₁ for every input, so
 * 1 − h₂² = 1 − h₁² and the W gradients of the two units are equal although the units differ.
 */
export function mirrorStart(L: Layout, p: Float64Array): Float64Array {
  if (L.d !== 2 || L.m !== 1) throw new ConfigError('network', 'the mirror start needs 2 hidden units and 1 output', `d = ${L.d}, m = ${L.m}`);
  const q = Float64Array.from(p);
  for (let i = 0; i < L.k; i++) q[L.iW + i * 2 + 1] = -p[L.iW + i * 2];
  if (L.biases) q[L.ib + 1] = -p[L.ib];
  q[L.iW2 + 1] = p[L.iW2];
  return q;
}

/** Central difference (L(θ + h e_q) − L(θ − h e_q)) / 2h of one example's loss. */
export function exampleCentralDiff(model: Model, p: Float64Array, e: number, q: number, h = 1e-5): number {
  const idx = Int32Array.of(e);
  const g = new Float64Array(model.layout.size);
  const r = Float64Array.from(p);
  r[q] = p[q] + h;
  const up = model.lossGrad(r, g, idx, 0, 1);
  r[q] = p[q] - h;
  const down = model.lossGrad(r, g, idx, 0, 1);
  return (up - down) / (2 * h);
}

/** One example's loss and gradient at p, from the model's own backward code. */
export function exampleGrad(model: Model, p: Float64Array, e: number): { loss: number; grad: Float64Array } {
  const grad = new Float64Array(model.layout.size);
  const loss = model.lossGrad(p, grad, Int32Array.of(e), 0, 1);
  return { loss, grad };
}
