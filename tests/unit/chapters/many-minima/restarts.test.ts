import { describe, expect, it } from 'vitest';
import { functionGap } from '../../../../src/chapters/many-minima/fit.ts';
import { canonical, log10Factorial } from '../../../../src/chapters/many-minima/group.ts';
import { groupRestarts, restart, restartModel, restartsNote, SAME_FUNCTION } from '../../../../src/chapters/many-minima/restarts.ts';

const runs = (M: number, n: number) => Array.from({ length: n }, (_, i) => restart(M, 'tanh', i + 1, 3000));

describe('groupRestarts', () => {
  it('at the defaults (M = 4, 8 restarts): every run converged, two functions, and matching brings each group together', () => {
    const rs = runs(4, 8);
    for (const r of rs) {
      expect(r.gradNorm).toBeLessThan(1e-11);
      expect(r.minEig).toBeGreaterThan(0);
    }
    const g = groupRestarts(4, 'tanh', rs);
    expect(g.groups.length).toBe(2);
    expect(g.groups[0].loss).toBeLessThan(g.groups[1].loss);
    for (const G of g.groups) {
      expect(G.gap).toBeLessThan(SAME_FUNCTION);
      // A run within ‖∇J‖ < 1e-11 of a minimum of curvature μ ≥ 1e-4 is within 1e-7 of it in weights.
      expect(G.distance).toBeLessThan(1e-7);
    }
    expect(g.apart).toBeGreaterThan(1e-3);
    // Unmatched, restarts of one minimum are far apart: the spread is the group, not the optimiser.
    expect(Math.max(...g.matched.map((m) => m.raw))).toBeGreaterThan(1);
    // Each function's weight vectors: 2⁴·4! = 384 for every run (no zero or coinciding units).
    for (const c of g.copies) expect(10 ** c.log10).toBeCloseTo(384, 6);
  });
  it('with M = 2 some restarts reach a minimum with more than ten times the loss (the chapter’s claim)', () => {
    const g = groupRestarts(2, 'tanh', runs(2, 8));
    expect(g.groups.length).toBeGreaterThanOrEqual(2);
    expect(g.groups[g.groups.length - 1].loss).toBeGreaterThan(10 * g.groups[0].loss);
  });
  it('with M = 6 every restart reaches one function, whose canonical form has a zero unit (the chapter’s claim)', () => {
    const rs = runs(6, 8);
    const g = groupRestarts(6, 'tanh', rs);
    expect(g.groups.length).toBe(1);
    const L = restartModel(6, 'tanh').layout;
    for (const [i, r] of rs.entries()) {
      const c = canonical(L, r.params, 'tanh').params;
      const zero = Array.from({ length: 6 }, (_, j) => [c[j], c[6 + j], c[12 + j]]).filter((u) => u.every((x) => Math.abs(x) < 1e-6));
      expect(zero).toHaveLength(1);
      // One zero unit, five distinct others: 6!/1! · 2⁵.
      expect(g.copies[i].log10).toBeCloseTo(log10Factorial(6) + 5 * Math.log10(2), 10);
    }
    expect(functionGap(6, 'tanh', rs[0].params, rs[7].params)).toBeLessThan(SAME_FUNCTION);
  });
  it('the note names restarts short of the tolerance and diverged ones, and is absent when there are none', () => {
    const ok = { capped: false, diverged: false };
    expect(restartsNote([ok, ok])).toBeUndefined();
    expect(restartsNote([ok, { capped: true, diverged: false }])).toMatch(/^1 restart\(s\) stopped with ‖∇J‖ ≥ 1e-11/);
    expect(restartsNote([{ capped: false, diverged: true }])).toBe('1 diverged.');
    expect(restartsNote([ok, { capped: false, diverged: false, minEig: -0.01 }])).toMatch(/^1 ended at a saddle/);
    // Rounding-size negative eigenvalues (a flat direction) are not a saddle.
    expect(restartsNote([{ capped: false, diverged: false, minEig: -1e-15 }])).toBeUndefined();
  });
});
