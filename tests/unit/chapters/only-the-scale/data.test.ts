import { describe, expect, it } from 'vitest';
import { perceptronData } from '../../../../src/chapters/only-the-scale/data.ts';

const same = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe('perceptron data', () => {
  it('is reproducible from the seed, ±1-labelled, 40 points in 2-D by default', () => {
    expect(same(perceptronData({ seed: 2 }).X, perceptronData({ seed: 2 }).X)).toBe(true);
    const p = perceptronData();
    expect([p.n, p.k, p.m]).toEqual([40, 2, 1]);
    expect(p.Y.every((y) => y === 1 || y === -1)).toBe(true);
  });
  it('validates its size, naming the field', () => {
    expect(() => perceptronData({ n: -1 })).toThrow(/points n must be a positive integer/);
  });
});
