import { describe, expect, it } from 'vitest';
import { deriveSeed, makeRng, shuffleInPlace } from '../../../src/core/random.ts';

describe('seeded randomness', () => {
  it('the same seed gives the same stream, another seed another', () => {
    const a = makeRng(7);
    const b = makeRng(7);
    const c = makeRng(8);
    const xs = Array.from({ length: 50 }, () => [a.normal(), a.uniform()]).flat();
    const ys = Array.from({ length: 50 }, () => [b.normal(), b.uniform()]).flat();
    const zs = Array.from({ length: 50 }, () => [c.normal(), c.uniform()]).flat();
    expect(xs).toEqual(ys);
    expect(xs).not.toEqual(zs);
  });
  it('shuffleInPlace is a seeded permutation', () => {
    const o = Int32Array.from({ length: 20 }, (_, i) => i);
    shuffleInPlace(o, makeRng(3));
    expect(Array.from(o).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const p = Int32Array.from({ length: 20 }, (_, i) => i);
    shuffleInPlace(p, makeRng(3));
    expect(Array.from(p)).toEqual(Array.from(o));
  });
  it('deriveSeed gives an integer different from the seed', () => {
    expect(Number.isInteger(deriveSeed(1, 0x5eed))).toBe(true);
    expect(deriveSeed(1, 0x5eed)).not.toBe(1);
  });
  it('rejects non-integer seeds (they would fall back to Math.random)', () => {
    expect(() => makeRng(undefined as never)).toThrow('seed must be an integer (got undefined)');
  });
});
