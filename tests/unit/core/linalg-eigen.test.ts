import { describe, expect, it } from 'vitest';
import { symmetricEigen, symmetricEigenvalues } from '../../../src/core/linalg.ts';
import { makeRng } from '../../../src/core/random.ts';

describe('symmetricEigen', () => {
  it('gives symmetricEigenvalues’ values bit for bit, largest first, with orthonormal vectors satisfying A v = λ v', () => {
    const s = 6;
    const rng = makeRng(4);
    const B = Float64Array.from({ length: s * s }, rng.normal);
    const A = new Float64Array(s * s);
    for (let i = 0; i < s; i++) for (let j = 0; j < s; j++) A[i * s + j] = B[i * s + j] + B[j * s + i];
    const { values, vectors } = symmetricEigen(A, s);
    const ref = symmetricEigenvalues(A, s);
    // The same rotations: the vectors ride along and change no value.
    expect(values).toEqual([...ref]);
    for (let i = 1; i < s; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
    for (const [i, v] of vectors.entries()) {
      for (let r = 0; r < s; r++) expect(v.reduce((t, x, c) => t + A[r * s + c] * x, 0)).toBeCloseTo(values[i] * v[r], 11);
      for (const [j, w] of vectors.entries()) expect(v.reduce((t, x, c) => t + x * w[c], 0)).toBeCloseTo(i === j ? 1 : 0, 12);
    }
  });
  it('leaves a diagonal matrix alone', () => {
    const r = symmetricEigen(Float64Array.of(1, 0, 0, 3), 2);
    expect(r.values).toEqual([3, 1]);
    expect(r.vectors).toEqual([[0, 1], [1, 0]]);
  });
});
