import { activation, type ActivationName } from './activations.ts';
import { makeLayout } from './layout.ts';
import { checkData, defineModel, type Dataset, type Model } from './model.ts';

/** Chapter 2 network options. */
export interface MlpConfig {
  /** Hidden units d. */
  d: number;
  /** Hidden activation σ. */
  activation: ActivationName;
  /** Include b_h and b_o; default true, as in the chapter. */
  biases?: boolean;
  /** ReLU′(0), used only by relu; default 0. */
  reluPrimeAtZero?: 0 | 1;
}

/**
 * Chapter 2: h = σ(xW + b_h), o = hV + b_o, L = (t − o)² (summed over outputs, mean over examples).
 * In the flat layout V is stored where W2 is and b_o where b2 is.
 */
export function mlpModel(data: Dataset, cfg: MlpConfig): Model {
  const L = makeLayout(data?.k, cfg?.d, data?.m, cfg?.biases ?? true);
  const act = activation(cfg.activation, cfg.reluPrimeAtZero ?? 0);
  checkData(data, L.k, L.m);
  const { k, d, m, biases, ib, iW2: iV, ib2: ibo } = L;
  const { X, Y } = data;
  const { f: sigma, df: dsigma } = act;
  const z = new Float64Array(d); // z = xW + b_h
  const h = new Float64Array(d); // h = σ(z)
  const out = new Float64Array(m); // o = hV + b_o
  const dout = new Float64Array(m); // ∂L/∂o = −2 (t − o)
  const dz = new Float64Array(d); // ∂L/∂z

  // Forward for example i; returns Σ_outputs (t − o)².
  function forward(p: Float64Array, i: number): number {
    const x = i * k;
    for (let j = 0; j < d; j++) {
      let s = biases ? p[ib + j] : 0;
      for (let l = 0; l < k; l++) s += X[x + l] * p[l * d + j];
      z[j] = s;
      h[j] = sigma(s);
    }
    let loss = 0;
    for (let o = 0; o < m; o++) {
      let s = biases ? p[ibo + o] : 0;
      for (let j = 0; j < d; j++) s += h[j] * p[iV + j * m + o];
      out[o] = s;
      const e = Y[i * m + o] - s; // t − o
      dout[o] = -2 * e;
      loss += e * e;
    }
    return loss;
  }

  /** Backward for example i, right after its forward: the chain rule from the output down, adding into g. */
  function backward(p: Float64Array, i: number, g: Float64Array) {
    const x = i * k;
    // ∂L/∂V_j = −2 (t − o) h_j;   ∂L/∂b_o = −2 (t − o)
    for (let j = 0; j < d; j++) for (let o = 0; o < m; o++) g[iV + j * m + o] += dout[o] * h[j];
    if (biases) for (let o = 0; o < m; o++) g[ibo + o] += dout[o];
    // ∂L/∂z_j = −2 (t − o) V_j σ′(z_j)   (tanh: σ′ = 1 − h_j²)
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let o = 0; o < m; o++) s += dout[o] * p[iV + j * m + o];
      dz[j] = s * dsigma(z[j], h[j]);
    }
    // ∂L/∂W_lj = ∂L/∂z_j · x_l, e.g. ∂L/∂W11 = 2 V1 (t − o) x1 (h1² − 1) for tanh;   ∂L/∂b_h = ∂L/∂z
    for (let l = 0; l < k; l++) for (let j = 0; j < d; j++) g[l * d + j] += X[x + l] * dz[j];
    if (biases) for (let j = 0; j < d; j++) g[ib + j] += dz[j];
  }

  return defineModel('mlp', L, data, { forward, backward, output: (res, i) => res.set(out, i * m), hidden: (res) => res.set(z) });
}
