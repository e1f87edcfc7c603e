import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, activation, erf } from '../../../src/core/activations.ts';

describe('activations', () => {
  it('erf matches tabulated values (Abramowitz & Stegun, table 7.1) to 1e-15', () => {
    const table: [number, number][] = [[0.1, 0.1124629160182849], [0.5, 0.5204998778130465], [1, 0.8427007929497149], [2, 0.9953222650189527], [3, 0.9999779095030014]];
    // 1e-15 absolute: a few ulps of values near 1, far tighter than any approximation formula would give.
    for (const [x, v] of table) {
      expect(Math.abs(erf(x) - v)).toBeLessThan(1e-15);
      expect(erf(-x)).toBe(-erf(x));
    }
    expect(erf(0)).toBe(0);
    expect(erf(10)).toBe(1);
  });
  for (const name of ACTIVATIONS) {
    it(`${name}: df agrees with central differences`, () => {
      const a = activation(name);
      // Points avoid 0, where ReLU has its kink; h = 1e-6 gives ~1e-10 accuracy on these smooth pieces.
      for (const z of [-2.3, -0.7, -0.05, 0.05, 0.4, 1.9]) {
        const num = (a.f(z + 1e-6) - a.f(z - 1e-6)) / 2e-6;
        expect(Math.abs(a.df(z, a.f(z)) - num)).toBeLessThan(1e-8);
      }
    });
  }
  it('ReLU′(0) is the configured value', () => {
    expect(activation('relu', 0).df(0, 0)).toBe(0);
    expect(activation('relu', 1).df(0, 0)).toBe(1);
  });
  it('sigmoid(0) = 1/2 so a zero start still gives non-zero hidden activity', () => {
    expect(activation('sigmoid').f(0)).toBe(0.5);
    expect(activation('tanh').f(0)).toBe(0);
    expect(activation('erf').f(0)).toBe(0);
  });
  it('unknown names throw a ConfigError naming σ', () => {
    expect(() => activation('gelu')).toThrow("activation σ must be one of identity, tanh, sigmoid, relu, erf (got 'gelu')");
  });
});
