// Small dense linear algebra on row-major Float64Arrays, for the chapters' closed forms.

/**
 * Cyclic Jacobi rotations on a copy of the symmetric s×s matrix A (row-major) until it is diagonal; with
 * `vectors`, also the product of the rotations, whose column i is the unit eigenvector of diagonal entry i.
 */
function jacobi(A: Float64Array, s: number, vectors: boolean): { a: Float64Array; V: Float64Array | null } {
  const a = Float64Array.from(A);
  const V = vectors ? new Float64Array(s * s) : null;
  if (V) for (let i = 0; i < s; i++) V[i * s + i] = 1;
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
      if (V) for (let r = 0; r < s; r++) {
        const vrp = V[r * s + p], vrq = V[r * s + q];
        V[r * s + p] = c * vrp - sn * vrq;
        V[r * s + q] = sn * vrp + c * vrq;
      }
    }
  }
  return { a, V };
}

/** Eigenvalues of a symmetric s×s matrix (row-major), largest first, by cyclic Jacobi rotations. */
export function symmetricEigenvalues(A: Float64Array, s: number): Float64Array {
  const { a } = jacobi(A, s, false);
  return Float64Array.from({ length: s }, (_, i) => a[i * s + i]).sort((x, y) => y - x);
}

/** Eigenvalues (largest first) and unit eigenvectors (vectors[i] for values[i]) of a symmetric s×s matrix, by the same rotations. */
export function symmetricEigen(A: Float64Array, s: number): { values: number[]; vectors: number[][] } {
  const { a, V } = jacobi(A, s, true);
  const order = Array.from({ length: s }, (_, i) => i).sort((x, y) => a[y * s + y] - a[x * s + x]);
  return { values: order.map((i) => a[i * s + i]), vectors: order.map((i) => Array.from({ length: s }, (_, r) => V![r * s + i])) };
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
