import { describe, expect, it } from 'vitest';
import { regressionData } from '../../../src/core/datasets.ts';

const same = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe('datasets', () => {
  it('are reproducible from the seed and change with it', () => {
    expect(same(regressionData({ seed: 4 }).Y, regressionData({ seed: 4 }).Y)).toBe(true);
    expect(same(regressionData({ seed: 4 }).Y, regressionData({ seed: 5 }).Y)).toBe(false);
  });
  it('have the documented default shapes', () => {
    const r = regressionData();
    expect([r.n, r.k, r.m, r.X.length, r.Y.length]).toEqual([32, 4, 1, 128, 32]);
  });
  it('a linear teacher is exactly linear in x (noise 0)', () => {
    const d = regressionData({ n: 3, k: 1, m: 1 });
    expect(d.Y[0] / d.X[0]).toBeCloseTo(d.Y[1] / d.X[1], 12);
  });
  it('noise changes Y but not X', () => {
    const a = regressionData({ seed: 3 });
    const b = regressionData({ seed: 3, noise: 0.1 });
    expect(same(a.X, b.X)).toBe(true);
    expect(same(a.Y, b.Y)).toBe(false);
  });
  it('validates sizes, naming the field', () => {
    expect(() => regressionData({ n: 0 })).toThrow('examples n must be a positive integer (got 0)');
    expect(() => regressionData({ teacher: 'nope' as never })).toThrow(/activation σ must be one of/);
  });
});
