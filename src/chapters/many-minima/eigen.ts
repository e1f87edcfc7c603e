// core/linalg.ts's symmetricEigenvalues gives values only; the slice needs the unstable direction itself.

/** Eigenvalues (largest first) and unit eigenvectors (vectors[i] for values[i]) of a symmetric s×s matrix, by cyclic Jacobi. */
export function symmetricEigen(A: Float64Array, s: number): { values: number[]; vectors: number[][] } {
  const a = Float64Array.from(A);
  const V = new Float64Array(s * s);
  for (let i = 0; i < s; i++) V[i * s + i] = 1;
  for (let sweep = 0; sweep < 64; sweep++) {
    let off = 0;
    for (let i = 0; i < s; i++) for (let j = i + 1; j < s; j++) off += a[i * s + j] ** 2;
    if (off === 0) break;
    for (let p = 0; p < s; p++) for (let q = p + 1; q < s; q++) {
      const apq = a[p * s + q];
      if (apq === 0) continue;
      // The rotation that zeroes a[p][q] (Golub & Van Loan, algorithm 8.4.1); V collects the rotations.
      const theta = (a[q * s + q] - a[p * s + p]) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1);
      const sn = t * c;
      for (let r = 0; r < s; r++) {
        const [arp, arq] = [a[r * s + p], a[r * s + q]];
        a[r * s + p] = c * arp - sn * arq;
        a[r * s + q] = sn * arp + c * arq;
      }
      for (let r = 0; r < s; r++) {
        const [apr, aqr] = [a[p * s + r], a[q * s + r]];
        a[p * s + r] = c * apr - sn * aqr;
        a[q * s + r] = sn * apr + c * aqr;
      }
      for (let r = 0; r < s; r++) {
        const [vrp, vrq] = [V[r * s + p], V[r * s + q]];
        V[r * s + p] = c * vrp - sn * vrq;
        V[r * s + q] = sn * vrp + c * vrq;
      }
    }
  }
  const order = Array.from({ length: s }, (_, i) => i).sort((x, y) => a[y * s + y] - a[x * s + x]);
  return { values: order.map((i) => a[i * s + i]), vectors: order.map((i) => Array.from({ length: s }, (_, r) => V[r * s + i])) };
}
