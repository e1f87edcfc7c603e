import { describe, expect, test } from 'vitest';
import { erf } from '../../../../src/core/activations.ts';
import { fastRng } from '../../../../src/chapters/escaping-the-symmetric-subspace/fast-normal.ts';

describe('fastRng (xorshift128 + ziggurat)', () => {
  const n = 1_000_000;
  const xs = new Float64Array(n);
  fastRng(7).fill(xs);

  test('moments of N(0,1): mean 0, variance 1, skewness 0, kurtosis 3', () => {
    let m1 = 0, m2 = 0, m3 = 0, m4 = 0;
    for (const v of xs) { m1 += v; m2 += v * v; m3 += v ** 3; m4 += v ** 4; }
    // Standard errors at n = 1e6: mean 0.001, variance 0.0014, skewness 0.0024, kurtosis 0.0049; 5 of them each.
    expect(Math.abs(m1 / n)).toBeLessThan(0.005);
    expect(Math.abs(m2 / n - 1)).toBeLessThan(0.007);
    expect(Math.abs(m3 / n)).toBeLessThan(0.012);
    expect(Math.abs(m4 / n - 3)).toBeLessThan(0.025);
  });

  test('Kolmogorov–Smirnov distance to Φ below the 1% critical value', () => {
    const s = Float64Array.from(xs).sort();
    let D = 0;
    for (let i = 0; i < n; i++) {
      const F = 0.5 * (1 + erf(s[i] / Math.SQRT2));
      D = Math.max(D, Math.abs(F - i / n), Math.abs(F - (i + 1) / n));
    }
    // 1.63/√n is the KS critical value at the 1% level.
    expect(D).toBeLessThan(1.63 / Math.sqrt(n));
  });

  test('the tail beyond the ziggurat base (|x| > 3.44) has the normal mass 5.8e-4', () => {
    const tail = xs.filter((v) => Math.abs(v) > 3.442619855899).length / n;
    // 2(1 − Φ(3.4426)) = 5.76e-4; binomial sd at n = 1e6 is 2.4e-5, so 5 sd.
    expect(Math.abs(tail - 5.76e-4)).toBeLessThan(1.2e-4);
  });

  test('seeded and deterministic: same seed, same stream; fill matches normal()', () => {
    const a = fastRng(5), b = fastRng(5), c = fastRng(6);
    const u = new Float64Array(1000);
    a.fill(u);
    for (let i = 0; i < 1000; i++) expect(Object.is(u[i], b.normal())).toBe(true);
    expect(c.normal()).not.toBe(fastRng(5).normal());
    expect(() => fastRng(1.5)).toThrow(/integer/);
  });

  test('uniform is in (0, 1) with mean ½', () => {
    const r = fastRng(3);
    let s = 0;
    let outside = 0;
    for (let i = 0; i < 100000; i++) { const u = r.uniform(); if (!(u > 0 && u < 1)) outside++; s += u; }
    expect(outside).toBe(0);
    // sd of the mean is 0.29/√1e5 ≈ 9e-4.
    expect(Math.abs(s / 100000 - 0.5)).toBeLessThan(0.005);
  });
});
