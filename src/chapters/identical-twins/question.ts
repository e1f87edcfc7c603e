import { activation, type ActivationName } from '../../core/activations.ts';
import { makeLayout } from '../../core/layout.ts';
import { checkData, defineModel, type Dataset, type Model } from '../../core/model.ts';
import { makeRng } from '../../core/random.ts';

/** The question's network: d hidden units, one σ for both layers, biases b and b2 or none. */
export interface QuestionConfig {
  d: number;
  activation: ActivationName;
  biases: boolean;
}

/**
 * The source thread's general network f(X) = σ(σ(XW + b) W2 + b2), σ applied in both layers,
 * with L = (1/n) Σ_i ‖f(x_i) − y_i‖². In the flat layout W, b, W2, b2 sit where core/layout.ts puts them.
 */
export function questionModel(data: Dataset, cfg: QuestionConfig): Model {
  const L = makeLayout(data?.k, cfg?.d, data?.m, cfg?.biases);
  const { f: sigma, df: dsigma } = activation(cfg.activation);
  checkData(data, L.k, L.m);
  const { k, d, m, biases, ib, iW2, ib2 } = L;
  const { X, Y } = data;
  const z = new Float64Array(d); // z = xW + b
  const h = new Float64Array(d); // h = σ(z)
  const u = new Float64Array(m); // u = hW2 + b2
  const f = new Float64Array(m); // f = σ(u)
  const du = new Float64Array(m); // ∂ℓ/∂u = 2 (f − y) σ′(u)
  const dz = new Float64Array(d); // ∂ℓ/∂z

  /** Forward for example i; returns ‖f(x_i) − y_i‖². */
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
      let s = biases ? p[ib2 + o] : 0;
      for (let j = 0; j < d; j++) s += h[j] * p[iW2 + j * m + o];
      u[o] = s;
      f[o] = sigma(s);
      const r = f[o] - Y[i * m + o];
      du[o] = 2 * r * dsigma(s, f[o]);
      loss += r * r;
    }
    return loss;
  }

  /** Backward for example i, right after its forward: adds example i's gradient into g. */
  function backward(p: Float64Array, i: number, g: Float64Array) {
    const x = i * k;
    // ∇W2 = hᵀ ∂ℓ/∂u;   ∇b2 = ∂ℓ/∂u
    for (let j = 0; j < d; j++) for (let o = 0; o < m; o++) g[iW2 + j * m + o] += h[j] * du[o];
    if (biases) for (let o = 0; o < m; o++) g[ib2 + o] += du[o];
    // ∂ℓ/∂z_j = (∂ℓ/∂u · row j of W2) σ′(z_j)
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let o = 0; o < m; o++) s += du[o] * p[iW2 + j * m + o];
      dz[j] = s * dsigma(z[j], h[j]);
    }
    // ∇W = xᵀ ∂ℓ/∂z;   ∇b = ∂ℓ/∂z
    for (let l = 0; l < k; l++) for (let j = 0; j < d; j++) g[l * d + j] += X[x + l] * dz[j];
    if (biases) for (let j = 0; j < d; j++) g[ib + j] += dz[j];
  }

  return defineModel('question', L, data, { forward, backward, output: (out, i) => out.set(f, i * m), hidden: (out) => out.set(z) });
}

/**
 * Data for the question's network: n = 32 inputs x ~ N(0, I_4) and one target y = the question's
 * network itself with sigmoid, 3 hidden units, biases and N(0, 1) weights (so 0 < y < 1).
 */
export function questionData(seed = 1): Dataset {
  const n = 32;
  const k = 4;
  const rng = makeRng(seed);
  const X = Float64Array.from({ length: n * k }, rng.normal);
  const blank: Dataset = { n, k, m: 1, X, Y: new Float64Array(n) };
  const teacher = questionModel(blank, { d: 3, activation: 'sigmoid', biases: true });
  const p = Float64Array.from({ length: teacher.layout.size }, rng.normal);
  return { ...blank, Y: teacher.predict(p, new Float64Array(n)) };
}
