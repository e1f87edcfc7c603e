import { makeLayout } from '../../core/layout.ts';
import { checkData, defineModel, type Dataset, type Model } from '../../core/model.ts';

/** Chapter 1 network options: d hidden units, optional biases b, b2. */
export interface LinearConfig {
  /** Hidden units d. */
  d: number;
  /** Include b (hidden) and b2 (output) biases; default false, as in the chapter. */
  biases?: boolean;
}

/**
 * Chapter 1: the linear network f(X) = X W W2 (+ biases) with loss
 * L = (1/n) Σ_i ‖x_i W W2 − y_i‖² (sum over the m outputs, mean over examples).
 * k and m come from the data: X ∈ R^{n×k}, W ∈ R^{k×d}, W2 ∈ R^{d×m}.
 */
export function linearModel(data: Dataset, cfg: LinearConfig): Model {
  const L = makeLayout(data?.k, cfg?.d, data?.m, cfg?.biases ?? false);
  checkData(data, L.k, L.m);
  const { k, d, m, biases, ib, iW2, ib2 } = L;
  const { X, Y } = data;
  const a = new Float64Array(d); // a = xW (+ b), the hidden layer
  const yhat = new Float64Array(m); // ŷ = a W2 (+ b2), the output
  const r = new Float64Array(m); // r = ŷ − y, the residual
  const da = new Float64Array(d); // ∂L/∂a

  /** Forward for example i: a = xW (+ b), ŷ = a W2 (+ b2); leaves r = ŷ − y and returns ‖r‖². */
  function forward(p: Float64Array, i: number): number {
    const x = i * k;
    for (let j = 0; j < d; j++) {
      let s = biases ? p[ib + j] : 0;
      for (let l = 0; l < k; l++) s += X[x + l] * p[l * d + j];
      a[j] = s;
    }
    let loss = 0;
    for (let o = 0; o < m; o++) {
      let s = biases ? p[ib2 + o] : 0;
      for (let j = 0; j < d; j++) s += a[j] * p[iW2 + j * m + o];
      yhat[o] = s;
      r[o] = s - Y[i * m + o];
      loss += r[o] * r[o];
    }
    return loss;
  }

  /**
   * Backward for example i, right after forward(p, i): adds example i's gradient of ‖r‖² into g
   * (the batch loop divides the sum by the number of examples afterwards).
   */
  function backward(p: Float64Array, i: number, g: Float64Array) {
    const x = i * k;
    // ∇W2 = 2 (xW)ᵀ (xWW2 − y) = 2 aᵀ r;   ∇b2 = 2 r
    for (let j = 0; j < d; j++) for (let o = 0; o < m; o++) g[iW2 + j * m + o] += 2 * a[j] * r[o];
    if (biases) for (let o = 0; o < m; o++) g[ib2 + o] += 2 * r[o];
    // ∂L/∂a = 2 r W2ᵀ, so column j of ∇W = 2 xᵀ (r W2ᵀ)_j is proportional to row j of W2
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let o = 0; o < m; o++) s += r[o] * p[iW2 + j * m + o];
      da[j] = 2 * s;
    }
    // ∇W = xᵀ ∂L/∂a;   ∇b = ∂L/∂a
    for (let l = 0; l < k; l++) for (let j = 0; j < d; j++) g[l * d + j] += X[x + l] * da[j];
    if (biases) for (let j = 0; j < d; j++) g[ib + j] += da[j];
  }

  return defineModel('linear', L, data, { forward, backward, output: (out, i) => out.set(yhat, i * m) });
}
