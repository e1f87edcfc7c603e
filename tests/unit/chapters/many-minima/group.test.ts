import { describe, expect, it } from 'vitest';
import { makeLayout } from '../../../../src/core/layout.ts';
import { mlpModel } from '../../../../src/core/mlp.ts';
import { makeRng } from '../../../../src/core/random.ts';
import {
  canonical, compose, countByListing, identity, isOdd, log10Factorial, orbitSize, permutations, relabel, unitVector, unitVectors,
} from '../../../../src/chapters/many-minima/group.ts';

const L = makeLayout(2, 4, 1, true);
const rnd = (n: number, seed: number) => Float64Array.from({ length: n }, makeRng(seed).normal);
const data = { n: 30, k: 2, m: 1, X: rnd(60, 9), Y: new Float64Array(30) };
const outputs = (act: 'tanh' | 'erf' | 'relu', p: Float64Array) => mlpModel(data, { d: 4, activation: act }).predict(p, new Float64Array(30));

describe('relabel', () => {
  it('moves a unit’s column of W, bias and output weight together, scaled c in and 1/c out', () => {
    const p = rnd(L.size, 1);
    const q = relabel(L, p, { perm: [2, 0, 3, 1], signs: [1, -1, 1, 1], scales: [1, 1, 2, 1] });
    expect(unitVector(L, q, 0)).toEqual(unitVector(L, p, 2));
    expect(unitVector(L, q, 1)).toEqual(unitVector(L, p, 0).map((v) => -v));
    const u3 = unitVector(L, p, 3);
    expect(unitVector(L, q, 2)).toEqual([2 * u3[0], 2 * u3[1], 2 * u3[2], u3[3] / 2]);
    expect(q[L.ib2]).toBe(p[L.ib2]);
  });
  it('composes: relabel by g then h equals relabel by compose(g, h)', () => {
    const p = rnd(L.size, 2);
    const g = { perm: [1, 3, 0, 2], signs: [-1, 1, 1, -1] };
    const h = { perm: [3, 2, 1, 0], signs: [1, 1, -1, -1] };
    expect(Array.from(relabel(L, relabel(L, p, g), h))).toEqual(Array.from(relabel(L, p, compose(g, h))));
  });
  it('refuses a non-permutation, a sign that is not ±1 and a non-positive scale', () => {
    const p = rnd(L.size, 3);
    expect(() => relabel(L, p, { perm: [0, 0, 1, 2], signs: [1, 1, 1, 1] })).toThrow(/permutation/);
    expect(() => relabel(L, p, { perm: [0, 1, 2, 3], signs: [1, 2, 1, 1] })).toThrow(/signs/);
    expect(() => relabel(L, p, { perm: [0, 1, 2, 3], signs: [1, 1, 1, 1], scales: [1, 0, 1, 1] })).toThrow(/scales/);
  });
});

describe('the invariances of @eq:group-order', () => {
  it('sign flips keep a tanh or erf net’s outputs to the last bit', () => {
    for (const act of ['tanh', 'erf'] as const) for (let seed = 1; seed <= 5; seed++) {
      const p = rnd(L.size, seed);
      const q = relabel(L, p, { perm: [0, 1, 2, 3], signs: [-1, 1, -1, -1] });
      expect(Array.from(outputs(act, q))).toEqual(Array.from(outputs(act, p)));
    }
  });
  it('permutations keep the outputs to the rounding of a reordered sum', () => {
    for (const perm of permutations(4)) {
      const p = rnd(L.size, 4);
      const [a, b] = [outputs('tanh', p), outputs('tanh', relabel(L, p, { perm, signs: [1, 1, 1, 1] }))];
      // Reordering M terms changes a sum by at most (M − 1)·ε·Σ|terms| (each partial sum rounds once); ε = 2⁻⁵².
      const bound = () => 3 * 2 ** -52 * (Math.abs(p[L.ib2]) + unitVectors(L, p).reduce((s, u) => s + Math.abs(u[3]), 0));
      a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThanOrEqual(bound()));
    }
  });
  it('ReLU rescaling keeps the outputs: to the last bit by a power of two, to rounding by 3; a sign flip does not', () => {
    const p = rnd(L.size, 6);
    const by = (c: number) => relabel(L, p, { perm: [0, 1, 2, 3], signs: [1, 1, 1, 1], scales: [c, c, c, c] });
    expect(Array.from(outputs('relu', by(4)))).toEqual(Array.from(outputs('relu', p)));
    const three = outputs('relu', by(3));
    // Each term v·max(0, z) is rounded a few times more (c·w, c·b, v/c, their products): a few ε of the sum of |terms|.
    outputs('relu', p).forEach((v, i) => expect(Math.abs(v - three[i])).toBeLessThan(1e-14));
    const flipped = outputs('relu', relabel(L, p, { perm: [0, 1, 2, 3], signs: [-1, 1, 1, 1] }));
    expect(Math.max(...outputs('relu', p).map((v, i) => Math.abs(v - flipped[i])))).toBeGreaterThan(1e-3);
  });
  it('knows which activations are odd', () => {
    expect(['tanh', 'erf', 'relu', 'sigmoid'].map(isOdd)).toEqual([true, true, false, false]);
  });
});

describe('canonical form', () => {
  it('is the same for every relabelling of a point, and applying it twice changes nothing', () => {
    const p = rnd(L.size, 7);
    const c = canonical(L, p, 'tanh').params;
    expect(Array.from(canonical(L, c, 'tanh').params)).toEqual(Array.from(c));
    for (const perm of permutations(4).slice(0, 8)) {
      const q = relabel(L, p, { perm, signs: [1, -1, -1, 1] });
      expect(Array.from(canonical(L, q, 'tanh').params)).toEqual(Array.from(c));
    }
    for (let j = 0; j < 4; j++) expect(c[L.iW2 + j]).toBeGreaterThanOrEqual(0);
    // Its relabelling, applied to p, gives it.
    expect(Array.from(relabel(L, p, canonical(L, p, 'tanh').g))).toEqual(Array.from(c));
  });
  it('for ReLU balances each unit (‖(w, b)‖ = |v|) and is idempotent up to rounding', () => {
    const p = rnd(L.size, 8);
    const c = canonical(L, p, 'relu').params;
    for (const u of unitVectors(L, c)) expect(Math.hypot(u[0], u[1], u[2])).toBeCloseTo(Math.abs(u[3]), 12);
    const twice = canonical(L, c, 'relu').params;
    // The second pass rescales by √(1 ± a few ε): rounding only.
    twice.forEach((v, q) => expect(v).toBeCloseTo(c[q], 13));
  });
});

describe('counting the copies (@eq:orbit)', () => {
  it('is 2^M·M! for a generic point, and matches a list of every relabelling when units coincide or vanish', () => {
    const M = 4;
    const gen = rnd(L.size, 10);
    expect(10 ** orbitSize(L, gen, 'tanh').log10).toBeCloseTo(2 ** M * 24, 6);
    expect(countByListing(L, gen, 'tanh')).toBe(384);
    expect(countByListing(L, gen, 'relu')).toBe(24);
    const cases: [string, (p: Float64Array) => void][] = [
      ['two equal', (p) => copyUnit(p, 0, 1, 1)],
      ['two opposite', (p) => copyUnit(p, 0, 1, -1)],
      ['one zero', (p) => copyUnit(p, 0, 2, 0)],
      ['three equal up to sign and a zero', (p) => (copyUnit(p, 0, 1, 1), copyUnit(p, 0, 2, -1), copyUnit(p, 0, 3, 0))],
    ];
    for (const [, make] of cases) {
      const p = rnd(L.size, 11);
      make(p);
      for (const act of ['tanh', 'relu']) expect(10 ** orbitSize(L, p, act).log10).toBeCloseTo(countByListing(L, p, act), 6);
    }
  });
  it('log10Factorial agrees with the product', () => {
    expect(10 ** log10Factorial(10)).toBeCloseTo(3628800, 3);
    expect(log10Factorial(0)).toBe(0);
  });
  it('lists M! permutations and refuses long lists', () => {
    expect(permutations(5)).toHaveLength(120);
    expect(new Set(permutations(4).map((p) => p.join())).size).toBe(24);
    expect(() => permutations(8)).toThrow(/at most 7/);
    expect(identity(3)).toEqual({ perm: [0, 1, 2], signs: [1, 1, 1] });
  });
});

/** Sets unit `to` to s × unit `from` (s = 0: a zero unit). */
function copyUnit(p: Float64Array, from: number, to: number, s: number) {
  for (let i = 0; i < L.k; i++) p[L.iW + i * L.d + to] = s * p[L.iW + i * L.d + from] + 0;
  p[L.ib + to] = s * p[L.ib + from] + 0;
  p[L.iW2 + to] = s * p[L.iW2 + from] + 0;
}
