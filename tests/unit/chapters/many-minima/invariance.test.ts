import { describe, expect, it } from 'vitest';
import { makeLayout } from '../../../../src/core/layout.ts';
import { makeRng } from '../../../../src/core/random.ts';
import { invarianceGaps } from '../../../../src/chapters/many-minima/invariance.ts';

describe('invarianceGaps', () => {
  it('sign flips and rescaling by 4 change nothing; a permutation and rescaling by 3 only round', () => {
    for (const [k, M] of [[1, 4], [3, 8], [2, 30]]) {
      const L = makeLayout(k, M, 1, true);
      const p = Float64Array.from({ length: L.size }, makeRng(M).normal);
      const g = invarianceGaps(L, p, 50, 11);
      expect(g.flip).toBe(0);
      expect(g.rescale4).toBe(0);
      // A few ε (2.2e-16) times the size of the sum, which is at most Σ|v| + |c| ≈ M for tanh units and grows with |z| for ReLU.
      expect(g.perm).toBeLessThan(1e-13);
      expect(g.rescale3).toBeLessThan(1e-12);
    }
  });
});
