import { describe, expect, it } from 'vitest';
import { makeLayout } from '../../../../src/core/layout.ts';
import { makeRng } from '../../../../src/core/random.ts';
import { groupOvertakesGrid, log10FactorialLarge, overtakeEstimate, perCopyLog10, sussmannMinimal } from '../../../../src/chapters/many-minima/count.ts';
import { log10Factorial } from '../../../../src/chapters/many-minima/group.ts';

/** Whether 2^M·M! > G^(M(k+2)+1), decided in exact integers. */
function groupWins(M: number, k: number, G: number): boolean {
  let f = 1n;
  for (let i = 2n; i <= BigInt(M); i++) f *= i;
  return 2n ** BigInt(M) * f > BigInt(G) ** BigInt(M * (k + 2) + 1);
}

describe('the group against the grid', () => {
  it('Stirling’s series gives log₁₀ n! to 1e-9 from n = 20 on', () => {
    // The exact sum itself rounds once per term, about 1e-16 · n of the total, far below this.
    for (const n of [20, 21, 50, 200, 1357, 5000]) expect(Math.abs(log10FactorialLarge(n) - log10Factorial(n))).toBeLessThan(1e-9);
  });
  it('the crossover is where 2^M·M! first exceeds G^P, checked in exact integer arithmetic', () => {
    for (const [k, G] of [[1, 2], [1, 3], [2, 2], [1, 10], [1, 5]]) {
      const M = groupOvertakesGrid(k, G);
      expect(groupWins(M, k, G)).toBe(true);
      expect(groupWins(M - 1, k, G)).toBe(false);
      expect(perCopyLog10(M, k, G)).toBeLessThan(0);
      expect(perCopyLog10(M - 1, k, G)).toBeGreaterThanOrEqual(0);
    }
  });
  it('(e/2)·G^(k+2) estimates it, better the larger it is', () => {
    const rel = (k: number, G: number) => Math.abs(overtakeEstimate(k, G) / groupOvertakesGrid(k, G) - 1);
    // Stirling drops ½·log(2πM) against M·log M terms: the relative error shrinks like log(M)/M.
    expect(rel(1, 2)).toBeLessThan(0.1);
    expect(rel(1, 10)).toBeLessThan(0.01);
    expect(rel(1, 10)).toBeLessThan(rel(1, 3));
    // Beyond integers the bisection still lands within 1e-12 of the crossing.
    const big = groupOvertakesGrid(20, 100);
    expect(perCopyLog10(big * (1 + 1e-9), 20, 100)).toBeLessThan(0);
    expect(perCopyLog10(big * (1 - 1e-9), 20, 100)).toBeGreaterThan(0);
  });
});

describe('sussmannMinimal', () => {
  const L = makeLayout(2, 4, 1, true);
  const rng = makeRng(5);
  const p = Float64Array.from({ length: L.size }, rng.normal);
  const unit = (q: Float64Array, j: number) => [...Array.from({ length: L.k }, (_, i) => L.iW + i * L.d + j), L.ib + j];
  it('holds for a generic net and fails for each of the three conditions', () => {
    expect(sussmannMinimal(L, p)).toBe(true);
    const deadOut = Float64Array.from(p);
    deadOut[L.iW2 + 2] = 0;
    expect(sussmannMinimal(L, deadOut)).toBe(false);
    const deadIn = Float64Array.from(p);
    for (let i = 0; i < L.k; i++) deadIn[L.iW + i * L.d + 1] = 0;
    expect(sussmannMinimal(L, deadIn)).toBe(false);
    // Unit 3's (w, b) the negative of unit 0's, with its own v: the pair adds (v₀ − v₃)·σ(w₀·x + b₀).
    const mirrored = Float64Array.from(p);
    unit(p, 3).forEach((at, t) => (mirrored[at] = -p[unit(p, 0)[t]]));
    expect(sussmannMinimal(L, mirrored)).toBe(false);
  });
});
