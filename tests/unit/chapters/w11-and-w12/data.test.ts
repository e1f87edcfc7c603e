import { describe, expect, it } from 'vitest';
import { classData } from '../../../../src/chapters/w11-and-w12/data.ts';

const same = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe('ESL class data', () => {
  it('is reproducible from the seed and one-hot', () => {
    expect(same(classData({ seed: 2 }).X, classData({ seed: 2 }).X)).toBe(true);
    const c = classData();
    for (let i = 0; i < c.n; i++) expect(c.Y[3 * i] + c.Y[3 * i + 1] + c.Y[3 * i + 2]).toBe(1);
  });
  it('validates its size, naming the field', () => {
    expect(() => classData({ K: 1.5 })).toThrow(/classes K must be a positive integer/);
  });
});
