import type { Layout } from '../../core/layout.ts';
import { singularValues, solve, symmetricEigenvalues } from '../../core/linalg.ts';
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
 * The modes of the least-squares map in the metric of the data: λ_1 ≥ … ≥ λ_m, the eigenvalues of
 * M = B*ᵀ C B* (clipped at 0 against rounding), which are the squared singular values s_i² of the whitened
 * map C^{1/2} B*; and the least-squares loss L(B*). Needs C = XᵀX/n invertible (solve throws otherwise).
 */
export function rankModes(data: Dataset): { lambda: Float64Array; leastSquaresLoss: number } {
  const { k, m } = data;
  const { B, C, loss } = leastSquares(data);
  const M = new Float64Array(m * m);
  for (let o = 0; o < m; o++) for (let q = 0; q < m; q++) {
    let s = 0;
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) s += B[a * m + o] * C[a * k + b] * B[b * m + q];
    M[o * m + q] = s;
  }
  return { lambda: symmetricEigenvalues(M, m).map((v) => Math.max(0, v)), leastSquaresLoss: loss };
}

/**
 * The smallest loss any map of rank at most r reaches: min over rank(B) ≤ r of (1/n)‖XB − Y‖²_F
 * = L(B*) + Σ_{i>r} λ_i (Eckart–Young applied to C^{1/2}B*, valid when C = XᵀX/n is invertible).
 */
export function bestRankLoss(data: Dataset, r: number): number {
  const { lambda, leastSquaresLoss } = rankModes(data);
  let tail = 0;
  for (let i = Math.max(0, r); i < lambda.length; i++) tail += lambda[i];
  return leastSquaresLoss + tail;
}

/** The smallest loss any rank-one map reaches: bestRankLoss(data, 1) = L(B*) + tr(M) − λ_max(M). */
export function bestRankOneLoss(data: Dataset): number {
  return bestRankLoss(data, 1);
}

/**
 * The rank-one saddle that identical units settle on, B₁ = B* v vᵀ (v the top eigenvector of M = B*ᵀCB*:
 * the best rank-one map), and the m − 1 singular values σ_i of K = C(B* − B₁), largest first. Near the
 * saddle the units' differences along the i-th direction grow by a factor 1 + 2η σ_i per gradient step;
 * with whitened inputs (C = I) σ_i is s_{i+1}, the (i+1)-th singular value of B*.
 */
export function rankOneSaddle(data: Dataset): { B1: Float64Array; rates: number[] } {
  const { k, m } = data;
  const { B, C } = leastSquares(data);
  const M = new Float64Array(m * m);
  for (let o = 0; o < m; o++) for (let q = 0; q < m; q++) {
    let s = 0;
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) s += B[a * m + o] * C[a * k + b] * B[b * m + q];
    M[o * m + q] = s;
  }
  // Power iteration on M + tr(M)·I: the shift makes every eigenvalue positive without moving the eigenvectors.
  let tr = 0;
  for (let o = 0; o < m; o++) tr += M[o * m + o];
  let v = Float64Array.from({ length: m }, (_, o) => 1 / Math.sqrt(m) + 1e-3 * o);
  for (let it = 0; it < 5000; it++) {
    const w = new Float64Array(m);
    for (let o = 0; o < m; o++) for (let q = 0; q < m; q++) w[o] += (M[o * m + q] + (o === q ? tr : 0)) * v[q];
    const norm = Math.hypot(...w);
    const next = w.map((x) => x / norm);
    const moved = Math.hypot(...next.map((x, o) => x - v[o]));
    v = next;
    if (moved < 1e-15) break;
  }
  const B1 = new Float64Array(k * m);
  for (let a = 0; a < k; a++) {
    let bv = 0;
    for (let q = 0; q < m; q++) bv += B[a * m + q] * v[q];
    for (let o = 0; o < m; o++) B1[a * m + o] = bv * v[o];
  }
  return { B1, rates: residualRates(data, B1).slice(0, m - 1) };
}

/**
 * The singular values of K = C(B* − B), largest first: at a critical map B of the network (a plateau), −2K is
 * the shared gradient matrix G, and the units' differences grow by 1 + 2η σ_i(K) per step.
 */
export function residualRates(data: Dataset, P: Float64Array): number[] {
  const { k, m } = data;
  const { B, C } = leastSquares(data);
  const K = new Float64Array(k * m);
  for (let a = 0; a < k; a++) for (let o = 0; o < m; o++) {
    let s = 0;
    for (let b = 0; b < k; b++) s += C[a * k + b] * (B[b * m + o] - P[b * m + o]);
    K[a * m + o] = s;
  }
  return Array.from(singularValues(K, k, m));
}

/** A stretch of a loss curve that is nearly flat: steps from..to, and the loss at its middle. */
export interface Plateau {
  from: number;
  to: number;
  level: number;
}

/**
 * The plateaus of a loss curve: maximal runs of at least minLength steps over which the loss changes by
 * less than a relative `flat` per step, above `floor` (an exact fit decays geometrically at a constant
 * relative rate, and rounding noise near 0 is flat too: neither is a plateau).
 */
export function findPlateaus(loss: ArrayLike<number>, flat = 1e-3, minLength = 20, floor = 1e-8): Plateau[] {
  const out: Plateau[] = [];
  let start = -1;
  const close = (end: number) => {
    if (start >= 0 && end - start >= minLength) out.push({ from: start, to: end, level: loss[Math.floor((start + end) / 2)] });
    start = -1;
  };
  for (let s = 0; s + 1 < loss.length; s++) {
    const calm = loss[s] > floor && Math.abs(loss[s + 1] - loss[s]) < flat * loss[s];
    if (calm && start < 0) start = s;
    if (!calm) close(s);
  }
  close(loss.length - 1);
  return out;
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
