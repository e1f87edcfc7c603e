import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../../src/core/random.ts';
import { canonical, permutations, relabel } from '../../../../src/chapters/many-minima/group.ts';
import { align, assign, assignmentCost, matchUnits } from '../../../../src/chapters/many-minima/match.ts';
import { restart, restartModel } from '../../../../src/chapters/many-minima/restarts.ts';

describe('assign (the munkres package)', () => {
  it('finds the cheapest assignment, as a search over every permutation does', () => {
    const rng = makeRng(5);
    for (let trial = 0; trial < 20; trial++) {
      const n = 2 + (trial % 5);
      const cost = Array.from({ length: n }, () => Array.from({ length: n }, () => rng.uniform()));
      const a = assign(cost);
      expect([...a].sort()).toEqual(Array.from({ length: n }, (_, i) => i));
      const best = Math.min(...permutations(n).map((p) => assignmentCost(cost, p)));
      // Sums of n ≤ 6 numbers in [0, 1), added in different orders: rounding only.
      expect(assignmentCost(cost, a)).toBeCloseTo(best, 12);
    }
  });
  it('refuses a non-square or non-finite cost matrix', () => {
    expect(() => assign([[1, 2]])).toThrow(/square/);
    expect(() => assign([[1, NaN], [0, 1]])).toThrow(/finite/);
  });
});

describe('matchUnits', () => {
  const M = 4;
  const L = restartModel(M, 'tanh').layout;
  const trained = restart(M, 'tanh', 1, 3000).params;
  it('recovers a known permutation with sign flips of a trained net exactly (distance 0)', () => {
    for (const [perm, signs] of [[[2, 0, 3, 1], [1, -1, -1, 1]], [[3, 2, 1, 0], [1, 1, 1, 1]], [[1, 0, 2, 3], [-1, -1, -1, -1]]]) {
      const moved = relabel(L, trained, { perm, signs });
      const m = matchUnits(L, trained, moved, 'tanh');
      expect(m.distance).toBe(0);
      expect(Array.from(relabel(L, moved, m.g))).toEqual(Array.from(trained));
    }
  });
  it('without sign flips (ReLU) it matches permutations only', () => {
    const moved = relabel(L, trained, { perm: [1, 2, 3, 0], signs: [1, 1, 1, 1] });
    expect(matchUnits(L, trained, moved, 'relu').distance).toBe(0);
    const flipped = relabel(L, trained, { perm: [0, 1, 2, 3], signs: [-1, 1, 1, 1] });
    expect(matchUnits(L, trained, flipped, 'relu').distance).toBeGreaterThan(0.1);
    expect(matchUnits(L, trained, flipped, 'tanh').distance).toBe(0);
  });
  it('is never farther than the unmatched distance, and brings two canonical forms of one point together', () => {
    const other = restart(M, 'tanh', 2, 3000).params;
    const raw = Math.hypot(...Array.from(trained, (v, q) => v - other[q]));
    expect(matchUnits(L, trained, other, 'tanh').distance).toBeLessThanOrEqual(raw);
    const a = canonical(L, trained, 'tanh').params;
    expect(Array.from(align(L, a, relabel(L, trained, { perm: [3, 1, 0, 2], signs: [-1, 1, -1, 1] }), 'tanh'))).toEqual(Array.from(a));
  });
});
