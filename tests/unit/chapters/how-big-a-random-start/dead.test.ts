import { describe, expect, it } from 'vitest';
import { bornDead, deadAtInput, deadEverywhereBound, deathLayers } from '../../../../src/chapters/how-big-a-random-start/dead.ts';

/**
 * Four binomial standard errors of a frequency from `draws` nets. Near 0 or 1 the normal approximation fails (a
 * handful of events decide), so p(1 − p) is floored at 3/draws, the "rule of three" scale of a count near zero.
 */
const fourSe = (p: number, draws: number) => 4 * Math.sqrt(Math.max(p * (1 - p), 3 / draws) / draws);

describe('born dead', () => {
  it('at one input the measured frequency matches 1 − (1 − 2⁻ⁿ)ᴸ at every depth', () => {
    for (const n of [2, 3, 5]) {
      const draws = 3000;
      for (const r of bornDead(n, 30, draws, 1, 2, 7)) expect(Math.abs(r.one - deadAtInput(n, r.depth))).toBeLessThan(fourSe(deadAtInput(n, r.depth), draws));
    }
  });

  it('dead on every input of a batch lies between the all-negative-layer bound and the one-input exact value', () => {
    const draws = 2000;
    for (const n of [1, 2, 4]) {
      for (const r of bornDead(n, 40, draws, 32, 2, 3)) {
        expect(r.all).toBeGreaterThan(deadEverywhereBound(n, r.depth) - fourSe(deadEverywhereBound(n, r.depth), draws));
      }
    }
  });

  it('width 1: the bound is (almost) exact, since a single unit after the first layer dies for every input when its weight is negative', () => {
    const draws = 3000;
    // 32 inputs in the plane are in one half-plane with probability 32/2³¹: the first layer never kills all of them.
    for (const r of bornDead(1, 20, draws, 32, 2, 5)) expect(Math.abs(r.all - deadEverywhereBound(1, r.depth))).toBeLessThan(fourSe(deadEverywhereBound(1, r.depth), draws));
  });

  it('the bounds tend to 1 with depth at fixed width (the limit Lu, Shin, Su and Karniadakis prove), and fall with width', () => {
    expect(deadEverywhereBound(3, 10_000)).toBeGreaterThan(0.99999);
    expect(deadAtInput(8, 2000)).toBeGreaterThan(0.99);
    expect(deadAtInput(6, 50)).toBeLessThan(deadAtInput(4, 50));
    expect(deadEverywhereBound(2, 1)).toBe(0);
    // No underflow at n = 8: 1 − 2⁻⁶⁴ rounds to 1, yet the bound is 49·2⁻⁶⁴ to first order (the square term is 2⁻¹²⁸ smaller).
    expect(deadEverywhereBound(8, 50) / (49 * 2 ** -64) - 1).toBeLessThan(1e-15);
    expect(deadEverywhereBound(8, 50)).toBeGreaterThan(0);
  });

  it('deathLayers reports L + 1 when a net survives and an early layer when the first layer kills the one input', () => {
    const normal = (() => { let k = 0; return () => (k++ % 2 === 0 ? 1 : -1); })();
    // Weights alternate +1, −1 and the input is (1, 1): every pre-activation is 0, so every unit is inactive.
    const buf = [new Float64Array(4), new Float64Array(4)];
    expect(deathLayers(Float64Array.from([1, 1]), 1, 2, 2, 5, { normal }, buf)).toEqual({ one: 1, all: 1 });
    const plus = { normal: () => 1 };
    expect(deathLayers(Float64Array.from([1, 1]), 1, 2, 2, 5, plus, buf)).toEqual({ one: 6, all: 6 });
  });
});
