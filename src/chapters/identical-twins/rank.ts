import type { Layout } from '../../core/layout.ts';
import { solve, symmetricEigenvalues } from '../../core/linalg.ts';
import type { Dataset } from '../../core/model.ts';

// Chapter 1 ("Identical twins"): what d identical linear units can and cannot reach.

/** Least squares: B* = (XᵀX)⁻¹XᵀY (k×m), C = XᵀX/n, and its loss (1/n)‖XB* − Y‖². */
export function leastSquares(data: Dataset): { B: Float64Array; C: Float64Array; loss: number } {
  const { n, k, m, X, Y } = data;
  const C = new Float64Array(k * k);
  const XtY = new Float64Array(k * m);
  for (let i = 0; i < n; i++) for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) C[a * k + b] += X[i * k + a] * X[i * k + b] / n;
    for (let o = 0; o < m; o++) XtY[a * m + o] += X[i * k + a] * Y[i * m + o] / n;
  }
  const B = solve(C, XtY, k, m);
  return { B, C, loss: mapLoss(data, B) };
}

/** The loss (1/n)‖XB − Y‖²_F of a linear map B (k×m) on the data. */
export function mapLoss(data: Dataset, B: Float64Array): number {
  const { n, k, m, X, Y } = data;
  let loss = 0;
  for (let i = 0; i < n; i++) for (let o = 0; o < m; o++) {
    let s = -Y[i * m + o];
    for (let a = 0; a < k; a++) s += X[i * k + a] * B[a * m + o];
    loss += s * s;
  }
  return loss / n;
}

/**
 * The smallest loss any rank-one map reaches: min over rank(B) ≤ 1 of (1/n)‖XB − Y‖²_F
 * = loss(B*) + tr(M) − λ_max(M), with M = B*ᵀ C B* (Eckart–Young in the metric of C = XᵀX/n).
 */
export function bestRankOneLoss(data: Dataset): number {
  const { k, m } = data;
  const { B, C, loss } = leastSquares(data);
  const M = new Float64Array(m * m);
  for (let o = 0; o < m; o++) for (let q = 0; q < m; q++) {
    let s = 0;
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) s += B[a * m + o] * C[a * k + b] * B[b * m + q];
    M[o * m + q] = s;
  }
  const ev = symmetricEigenvalues(M, m);
  let tail = 0;
  for (let i = 1; i < m; i++) tail += Math.max(0, ev[i]);
  return loss + tail;
}

/** The end-to-end map W·W2 (k×m) of a network's weights (biases ignored). */
export function endToEnd(L: Layout, p: Float64Array): Float64Array {
  const { k, d, m, iW, iW2 } = L;
  const P = new Float64Array(k * m);
  for (let a = 0; a < k; a++) for (let o = 0; o < m; o++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += p[iW + a * d + j] * p[iW2 + j * m + o];
    P[a * m + o] = s;
  }
  return P;
}

/**
 * One hidden unit that computes what d identical units compute: unit 0's incoming weights and bias,
 * d times its outgoing weights, the same output bias. Valid for any activation σ.
 */
export function mergeIdentical(L: Layout, p: Float64Array): Float64Array {
  const { k, d, m, biases } = L;
  const q = new Float64Array(k + m + (biases ? 1 + m : 0));
  for (let a = 0; a < k; a++) q[a] = p[L.iW + a * d];
  if (biases) q[k] = p[L.ib];
  const o2 = k + (biases ? 1 : 0);
  for (let o = 0; o < m; o++) q[o2 + o] = d * p[L.iW2 + o];
  if (biases) for (let o = 0; o < m; o++) q[o2 + m + o] = p[L.ib2 + o];
  return q;
}
