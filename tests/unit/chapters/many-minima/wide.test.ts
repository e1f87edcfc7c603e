import { describe, expect, it } from 'vitest';
import { gradCheck, minPreActivation } from '../../../../src/core/gradcheck.ts';
import { mlpModel } from '../../../../src/core/mlp.ts';
import { fullLossGrad } from '../../../../src/core/model.ts';
import { makeRng } from '../../../../src/core/random.ts';
import { TRAIN } from '../../../../src/chapters/many-minima/fit.ts';
import { wideModel } from '../../../../src/chapters/many-minima/wide.ts';

describe('wideModel', () => {
  it('has core mlpModel’s layout, loss, gradient and outputs (M = 1, 7, 64)', () => {
    for (const act of ['tanh', 'relu'] as const) for (const M of [1, 7, 64]) {
      const [w, c] = [wideModel(TRAIN, M, act), mlpModel(TRAIN, { d: M, activation: act })];
      expect(w.layout).toEqual(c.layout);
      const p = Float64Array.from({ length: w.layout.size }, makeRng(M).normal);
      const [a, b] = [fullLossGrad(w, p), fullLossGrad(c, p)];
      // Same operations per unit in the same order, so equal to the last bit.
      expect(a.loss).toBe(b.loss);
      expect(Array.from(a.grad)).toEqual(Array.from(b.grad));
      expect(Array.from(w.predict(p, new Float64Array(TRAIN.n)))).toEqual(Array.from(c.predict(p, new Float64Array(TRAIN.n))));
    }
  });
  it('its gradient agrees with central differences of its loss', () => {
    for (const act of ['tanh', 'relu'] as const) {
      const w = wideModel(TRAIN, 8, act);
      const p = Float64Array.from({ length: w.layout.size }, makeRng(3).normal);
      // A difference step h = 1e-5 moves z = w·x + b by at most h·max(|x|, 1) = 2e-5: no pre-activation may be that close to a kink.
      expect(minPreActivation(mlpModel(TRAIN, { d: 8, activation: act }), p)).toBeGreaterThan(2e-5);
      // h = 1e-5: truncation ~h², rounding ~1e-16/h, so about 1e-10 relative; 1e-6 leaves room.
      expect(gradCheck(w, p).maxRelErr).toBeLessThan(1e-6);
    }
  });
  it('refuses an unknown activation and data with two inputs', () => {
    expect(() => wideModel(TRAIN, 4, 'erf' as 'tanh')).toThrow(/activation/);
    expect(() => wideModel({ n: 1, k: 2, m: 1, X: new Float64Array(2), Y: new Float64Array(1) }, 4, 'tanh')).toThrow(/k/);
  });
});
