import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../src/core/random.ts';
import { solve, symmetricEigenvalues } from '../../../src/core/linalg.ts';

// Closed-form checks on O(1) numbers: Jacobi and elimination are backward stable, so 1e-12 is ~1e4 ulps of margin.
const TIGHT = 1e-12;

describe('small dense linear algebra', () => {
  it('2×2 eigenvalues match (a+c)/2 ± √(((a−c)/2)² + b²)', () => {
    const [a, b, c] = [2, -0.7, 0.5];
    const r = Math.sqrt(((a - c) / 2) ** 2 + b * b);
    const ev = symmetricEigenvalues(Float64Array.of(a, b, b, c), 2);
    expect(ev[0]).toBeCloseTo((a + c) / 2 + r, 12);
    expect(ev[1]).toBeCloseTo((a + c) / 2 - r, 12);
  });
  it('4×4 eigenvalues: sum = trace, and det(A − λI) = 0 for each', () => {
    const rng = makeRng(3);
    const R = Float64Array.from({ length: 16 }, rng.normal);
    const A = Float64Array.from({ length: 16 }, (_, q) => R[q] + R[(q % 4) * 4 + Math.floor(q / 4)]);
    const ev = symmetricEigenvalues(A, 4);
    expect(ev.reduce((s, v) => s + v, 0)).toBeCloseTo(A[0] + A[5] + A[10] + A[15], 12);
    for (const l of ev) {
      // det(A − λI) by cofactors; its rounding error scales like ‖A‖⁴, hence the relative bound.
      const B = A.map((v, q) => (q % 5 === 0 ? v - l : v));
      expect(Math.abs(det4(B))).toBeLessThan(1e-10 * Math.max(1, ...ev.map(Math.abs)) ** 4);
    }
  });
  it('solve leaves a residual at rounding level', () => {
    const rng = makeRng(4);
    const M = Float64Array.from({ length: 9 }, rng.normal);
    const rhs = Float64Array.from({ length: 6 }, rng.normal);
    const z = solve(M, rhs, 3, 2);
    for (let r = 0; r < 3; r++) for (let c = 0; c < 2; c++) {
      let s = 0;
      for (let y = 0; y < 3; y++) s += M[r * 3 + y] * z[y * 2 + c];
      expect(Math.abs(s - rhs[r * 2 + c])).toBeLessThan(TIGHT);
    }
  });
});

function det4(A: Float64Array): number {
  const minor = (M: number[], n: number): number =>
    n === 1 ? M[0] : M.slice(0, n).reduce((s, v, c) => s + (c % 2 ? -1 : 1) * v * minor(M.slice(n).filter((_, q) => q % n !== c), n - 1), 0);
  return minor([...A], 4);
}
