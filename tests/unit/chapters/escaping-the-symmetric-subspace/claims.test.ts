import { describe, expect, test } from 'vitest';
import { escapeClaims } from '../../../../src/chapters/escaping-the-symmetric-subspace/claims.ts';
import { memoIn } from '../../../../src/figure/run.ts';

// The chapter's claims, asserted on the very runs the page prints (same functions, seeds and sweeps).
describe('escaping the symmetric subspace: the claims', { timeout: 300_000 }, () => {
  const cache = new Map<string, unknown>();
  const c = escapeClaims(memoIn(cache));
  const s = c.summaries;

  test('the claims come through the memo: asked again they are the same object, and every sweep is cached', () => {
    expect(escapeClaims(memoIn(cache))).toBe(c);
    // Five plateau sweeps, the ReLU sweep, and the claims themselves.
    expect([...cache.keys()].filter((k) => k.startsWith('escape:sweep:'))).toHaveLength(6);
    expect(cache.has('escape:claims')).toBe(true);
  });

  test('ε = 0 keeps the units bit-for-bit equal for every activation, for twice the longest escape', () => {
    expect(c.longestEscape).toBeGreaterThan(0);
    for (const z of c.zeroRun) {
      expect(z.alphas).toBeGreaterThanOrEqual(2 * c.longestEscape);
      expect(z.identicalThrough).toBe(z.alphas);
    }
  });

  test('every smooth-unit run escaped, and plateau length is linear in ln(1/ε): R² of the means > 0.99', () => {
    for (const k of ['erf', 'tanh', 'eta', 's005', 's15']) {
      expect(s[k].unescaped).toBe(0);
      expect(s[k].fit.r2).toBeGreaterThan(0.99);
      expect(s[k].fit.slope).toBeGreaterThan(0);
    }
  });

  test('the slope is 1/λ: the growth rate of ln(gap) on the plateau predicts it within 10%', () => {
    for (const k of ['erf', 'tanh', 'eta']) expect(Math.abs(s[k].predictedSlope! / s[k].fit.slope - 1)).toBeLessThan(0.1);
  });

  test('init scale moves the offset, not the slope', () => {
    const slopes = [s.s005, s.erf, s.s15].map((x) => x.fit.slope);
    const offsets = [s.s005, s.erf, s.s15].map((x) => x.fit.intercept);
    // Slopes agree within 5%; offsets differ by more than 5 slope-units of ln(1/ε)… i.e. by at least 10 α.
    expect(Math.max(...slopes) / Math.min(...slopes)).toBeLessThan(1.05);
    expect(Math.max(...offsets) - Math.min(...offsets)).toBeGreaterThan(10);
  });

  test('halving η roughly doubles the slope (factor in [1.7, 2.3])', () => {
    const f = s.eta.fit.slope / s.erf.fit.slope;
    expect(f).toBeGreaterThan(1.7);
    expect(f).toBeLessThan(2.3);
  });

  test('tanh and erf have different slopes (by more than 30%)', () => {
    expect(Math.abs(s.tanh.fit.slope / s.erf.fit.slope - 1)).toBeGreaterThan(0.3);
  });

  test('ReLU: escape grows faster than linearly in ln(1/ε), like a power of 1/ε', () => {
    const m = c.reluMeans.map((r) => r.mean!);
    expect(c.reluMeans.every((r) => r.mean !== null)).toBe(true);
    // Equal steps in ln(1/ε): a log law gives equal increments; the second increment is over 3× the first.
    expect(m[2] - m[1]).toBeGreaterThan(3 * (m[1] - m[0]));
  });

  test('the plateau height tends to the best tied error as η → 0', () => {
    const ex = c.heights.map((h) => h.height - c.best.eg);
    for (let i = 1; i < ex.length; i++) expect(ex[i]).toBeLessThan(ex[i - 1]);
    expect(ex.every((x) => x > 0)).toBe(true);
    // At η = 1/16 within 3% of ε*.
    expect(ex[ex.length - 1] / c.best.eg).toBeLessThan(0.03);
  });
});
