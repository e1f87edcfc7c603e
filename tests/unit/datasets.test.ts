import { describe, expect, it } from 'vitest';
import { classData, perceptronData, regressionData } from '../../src/lib/datasets.ts';

const same = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe('datasets', () => {
  it('are reproducible from the seed and change with it', () => {
    expect(same(regressionData({ seed: 4 }).Y, regressionData({ seed: 4 }).Y)).toBe(true);
    expect(same(regressionData({ seed: 4 }).Y, regressionData({ seed: 5 }).Y)).toBe(false);
    expect(same(perceptronData({ seed: 2 }).X, perceptronData({ seed: 2 }).X)).toBe(true);
    expect(same(classData({ seed: 2 }).X, classData({ seed: 2 }).X)).toBe(true);
  });
  it('have the documented default shapes', () => {
    const r = regressionData();
    expect([r.n, r.k, r.m, r.X.length, r.Y.length]).toEqual([32, 4, 1, 128, 32]);
    const p = perceptronData();
    expect([p.n, p.k, p.m]).toEqual([40, 2, 1]);
    expect(p.Y.every((y) => y === 1 || y === -1)).toBe(true);
    const c = classData();
    for (let i = 0; i < c.n; i++) expect(c.Y[3 * i] + c.Y[3 * i + 1] + c.Y[3 * i + 2]).toBe(1);
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
    expect(() => perceptronData({ n: -1 })).toThrow(/points n must be a positive integer/);
    expect(() => classData({ K: 1.5 })).toThrow(/classes K must be a positive integer/);
  });
});
