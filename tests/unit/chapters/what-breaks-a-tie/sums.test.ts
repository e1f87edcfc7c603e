import { describe, expect, it } from 'vitest';
import { sumBlocked, sumOrdered, sumPairwise, sumUnit } from '../../../../src/chapters/what-breaks-a-tie/sums.ts';
import { makeRng } from '../../../../src/core/random.ts';

const terms = (seed: number, n = 32) => {
  const r = makeRng(seed);
  return Float64Array.from({ length: n }, () => r.normal() * 10 ** (3 * r.uniform() - 1.5));
};

describe('summation orders', () => {
  it('every order gives the exact sum of integers (no rounding to differ in)', () => {
    const a = Float64Array.from({ length: 37 }, (_, i) => i * i - 50);
    const exact = a.reduce((s, x) => s + x, 0);
    for (let row = 0; row < 6; row++) for (const o of ['unit', 'blocked', 'pairwise'] as const) expect(sumOrdered(a, a.length, row, o)).toBe(exact);
  });
  it('per-unit order: every row gets the same bits, for every input, while the row-dependent orders do not', () => {
    for (let s = 0; s < 50; s++) for (const p of ['f64', 'f32'] as const) {
      const a = terms(s), base = sumOrdered(a, 32, 0, 'unit', p);
      // The dispatcher must ignore the row for the per-unit order, and that order is the plain left-to-right loop.
      expect(Object.is(base, sumUnit(a, 32, p))).toBe(true);
      for (let row = 1; row < 6; row++) expect(Object.is(sumOrdered(a, 32, row, 'unit', p), base)).toBe(true);
    }
  });
  it('blocked and pairwise orders: two tied rows (0 and 1) give different sums for some inputs, in float64 and float32', () => {
    for (const p of ['f64', 'f32'] as const) {
      const differ = (f: typeof sumBlocked) => Array.from({ length: 50 }, (_, s) => f(terms(s), 32, 0, p) !== f(terms(s), 32, 1, p)).some(Boolean);
      expect(differ(sumBlocked)).toBe(true);
      expect(differ(sumPairwise)).toBe(true);
    }
  });
  it('the float32 sums are float32 numbers and agree with float64 to float32 accuracy', () => {
    const a = terms(3);
    const s64 = sumUnit(a, 32), scale = a.reduce((s, x) => s + Math.abs(x), 0);
    for (const f of [(x: Float64Array) => sumUnit(x, 32, 'f32'), (x: Float64Array) => sumBlocked(x, 32, 2, 'f32'), (x: Float64Array) => sumPairwise(x, 32, 5, 'f32')]) {
      const s = f(a);
      expect(Math.fround(s)).toBe(s);
      // 32 terms, each add off by at most half an ulp of 2⁻²³ relative to the running magnitude.
      expect(Math.abs(s - s64)).toBeLessThan(32 * 2 ** -23 * scale);
    }
  });
});
