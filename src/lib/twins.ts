import type { Layout } from './layout.ts';
import type { Dataset } from './model.ts';

// Chapter 1 ("Identical twins"): what d identical linear units can and cannot reach.

/** Eigenvalues of a symmetric s×s matrix (row-major), largest first, by cyclic Jacobi rotations. */
export function symmetricEigenvalues(A: Float64Array, s: number): Float64Array {
  const a = Float64Array.from(A);
  for (let sweep = 0; sweep < 64; sweep++) {
    let off = 0;
    for (let i = 0; i < s; i++) for (let j = i + 1; j < s; j++) off += a[i * s + j] ** 2;
    if (off === 0) break;
    for (let p = 0; p < s; p++) for (let q = p + 1; q < s; q++) {
      const apq = a[p * s + q];
      if (apq === 0) continue;
      // The rotation angle that zeroes a[p][q] (Golub & Van Loan, algorithm 8.4.1).
      const theta = (a[q * s + q] - a[p * s + p]) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1);
      const sn = t * c;
      for (let r = 0; r < s; r++) {
        const arp = a[r * s + p], arq = a[r * s + q];
        a[r * s + p] = c * arp - sn * arq;
        a[r * s + q] = sn * arp + c * arq;
      }
      for (let r = 0; r < s; r++) {
        const apr = a[p * s + r], aqr = a[q * s + r];
        a[p * s + r] = c * apr - sn * aqr;
        a[q * s + r] = sn * apr + c * aqr;
      }
    }
  }
  return Float64Array.from({ length: s }, (_, i) => a[i * s + i]).sort((x, y) => y - x);
}

/** Solves the s×s system M z = rhs (rhs has c columns, row-major) by Gaussian elimination with pivoting. */
export function solve(M: Float64Array, rhs: Float64Array, s: number, c: number): Float64Array {
  const a = Float64Array.from(M);
  const b = Float64Array.from(rhs);
  for (let col = 0; col < s; col++) {
    let piv = col;
    for (let r = col + 1; r < s; r++) if (Math.abs(a[r * s + col]) > Math.abs(a[piv * s + col])) piv = r;
    if (a[piv * s + col] === 0) throw new Error('solve: the matrix is singular');
    for (let x = 0; x < s; x++) [a[col * s + x], a[piv * s + x]] = [a[piv * s + x], a[col * s + x]];
    for (let x = 0; x < c; x++) [b[col * c + x], b[piv * c + x]] = [b[piv * c + x], b[col * c + x]];
    for (let r = col + 1; r < s; r++) {
      const f = a[r * s + col] / a[col * s + col];
      for (let x = col; x < s; x++) a[r * s + x] -= f * a[col * s + x];
      for (let x = 0; x < c; x++) b[r * c + x] -= f * b[col * c + x];
    }
  }
  for (let r = s - 1; r >= 0; r--) for (let x = 0; x < c; x++) {
    let v = b[r * c + x];
    for (let y = r + 1; y < s; y++) v -= a[r * s + y] * b[y * c + x];
    b[r * c + x] = v / a[r * s + r];
  }
  return b;
}

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

/** Singular values (largest first) of an r×c matrix, as square roots of the eigenvalues of MᵀM. */
export function singularValues(M: Float64Array, r: number, c: number): Float64Array {
  const G = new Float64Array(c * c);
  for (let x = 0; x < c; x++) for (let y = 0; y < c; y++) {
    let s = 0;
    for (let i = 0; i < r; i++) s += M[i * c + x] * M[i * c + y];
    G[x * c + y] = s;
  }
  return symmetricEigenvalues(G, c).map((v) => Math.sqrt(Math.max(0, v)));
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
