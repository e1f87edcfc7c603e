import { activation, type ActivationName } from '../../core/activations.ts';
import { positiveInt } from '../../core/errors.ts';
import { makeLayout } from '../../core/layout.ts';
import { checkData, defineModel, type Dataset, type Model } from '../../core/model.ts';

/** Options for the ESL K-class network (Hastie, Tibshirani & Friedman, §11.3). */
export interface EslConfig {
  /** Number of derived features M (hidden units). */
  M: number;
  /** σ; ESL uses the sigmoid. */
  activation: ActivationName;
  /** Include α_0m and β_0k; default true, as in ESL. */
  biases?: boolean;
  /** ReLU′(0), used only by relu; default 0. */
  reluPrimeAtZero?: 0 | 1;
}

/**
 * ESL notation: Z_m = σ(α_0m + α_mᵀX), T_k = β_0k + β_kᵀZ, f_k(X) = g_k(T) = e^{T_k} / Σ_l e^{T_l},
 * loss R = −Σ_k y_k log f_k(x) (cross-entropy, mean over examples), Y one-hot n×K.
 * Flat layout: α (P×M) in W, α_0 in b, β (M×K) in W2, β_0 in b2; so k = P, d = M, m = K.
 */
export function eslModel(data: Dataset, cfg: EslConfig): Model {
  const L = makeLayout(data?.k, positiveInt('derived features M', cfg?.M), data?.m, cfg?.biases ?? true);
  const act = activation(cfg.activation, cfg.reluPrimeAtZero ?? 0);
  checkData(data, L.k, L.m);
  const { k: P, d: M, m: K, biases, ib: ia0, iW2: ib, ib2: ib0 } = L;
  const { X, Y } = data;
  const { f: sigma, df: dsigma } = act;
  const V = new Float64Array(M); // α_0m + α_mᵀx
  const Z = new Float64Array(M);
  const T = new Float64Array(K);
  const f = new Float64Array(K); // softmax g(T)
  const delta = new Float64Array(K); // δ_k = ∂R/∂T_k = f_k − y_k
  const s = new Float64Array(M); // ESL's back-propagation errors s_m

  // Forward for example i; returns R_i = −Σ_k y_k log f_k.
  function forward(p: Float64Array, i: number): number {
    const x = i * P;
    for (let mm = 0; mm < M; mm++) {
      let v = biases ? p[ia0 + mm] : 0;
      for (let l = 0; l < P; l++) v += p[l * M + mm] * X[x + l];
      V[mm] = v;
      Z[mm] = sigma(v);
    }
    let tmax = -Infinity;
    for (let c = 0; c < K; c++) {
      let t = biases ? p[ib0 + c] : 0;
      for (let mm = 0; mm < M; mm++) t += p[ib + mm * K + c] * Z[mm];
      T[c] = t;
      if (t > tmax) tmax = t;
    }
    // log-sum-exp shifted by max T so e^{T} cannot overflow
    let sum = 0;
    for (let c = 0; c < K; c++) sum += Math.exp(T[c] - tmax);
    const lse = tmax + Math.log(sum);
    let R = 0;
    for (let c = 0; c < K; c++) {
      f[c] = Math.exp(T[c] - lse);
      const y = Y[i * K + c];
      if (y !== 0) R += y * (lse - T[c]);
      delta[c] = f[c] - y;
    }
    return R;
  }

  // Backward for example i, under the forward above: ESL's back-propagation (§11.4), from δ_k down to s_m.
  function backward(p: Float64Array, i: number, g: Float64Array) {
    const x = i * P;
    // ∂R/∂β_km = δ_k Z_m;   ∂R/∂β_0k = δ_k
    for (let mm = 0; mm < M; mm++) for (let c = 0; c < K; c++) g[ib + mm * K + c] += delta[c] * Z[mm];
    if (biases) for (let c = 0; c < K; c++) g[ib0 + c] += delta[c];
    // s_m = σ′(α_0m + α_mᵀx) Σ_k β_km δ_k
    for (let mm = 0; mm < M; mm++) {
      let acc = 0;
      for (let c = 0; c < K; c++) acc += p[ib + mm * K + c] * delta[c];
      s[mm] = dsigma(V[mm], Z[mm]) * acc;
    }
    // ∂R/∂α_ml = s_m x_l;   ∂R/∂α_0m = s_m
    for (let l = 0; l < P; l++) for (let mm = 0; mm < M; mm++) g[l * M + mm] += s[mm] * X[x + l];
    if (biases) for (let mm = 0; mm < M; mm++) g[ia0 + mm] += s[mm];
  }

  return defineModel('esl', L, data, {
    forward,
    backward,
    // The class probabilities f_k(x_i): row i of the n×K output.
    output: (out, i) => out.set(f, i * K),
    // The pre-activations V_m = α_0m + α_mᵀx (the kinks of a ReLU σ sit at V_m = 0).
    hidden: (out) => out.set(V),
  });
}
