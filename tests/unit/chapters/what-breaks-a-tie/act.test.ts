import { describe, expect, it } from 'vitest';
import { act, exp } from '../../../../src/chapters/what-breaks-a-tie/act.ts';

describe('engine-independent activations', () => {
  it('exp agrees with Math.exp to a few ulp over its range', () => {
    for (let x = -740; x <= 709; x += 0.37) expect(Math.abs(exp(x) / Math.exp(x) - 1)).toBeLessThan(4e-16);
    expect(exp(0)).toBe(1);
    expect(exp(800)).toBe(Infinity);
    expect(exp(-800)).toBe(0);
  });
  it('tanh and sigmoid agree with Math.tanh and the logistic to rounding, and are odd / symmetric', () => {
    const { f: th } = act('tanh'), { f: sg } = act('sigmoid');
    for (let z = -20; z <= 20; z += 0.013) {
      // (1 − t)/(1 + t) loses relative accuracy like ulp/|z| near 0: the bound scales with it.
      expect(Math.abs(th(z) - Math.tanh(z))).toBeLessThan(4e-16 * (1 + Math.abs(Math.tanh(z))));
      expect(th(-z)).toBe(-th(z));
      expect(Math.abs(sg(z) - 1 / (1 + Math.exp(-z)))).toBeLessThan(4e-16);
    }
  });
  it('the derivatives match central differences', () => {
    for (const name of ['tanh', 'sigmoid', 'relu', 'identity'] as const) {
      const a = act(name);
      for (const z of [-1.7, -0.3, 0.4, 2.2]) {
        const h = 1e-6;
        // O(h²) truncation plus rounding of f/h: about 1e-10.
        expect(Math.abs((a.f(z + h) - a.f(z - h)) / (2 * h) - a.df(z, a.f(z)))).toBeLessThan(1e-8);
      }
    }
  });
});
