import { describe, expect, it } from 'vitest';
import { ACTIVATIONS } from '../../../../src/core/activations.ts';
import { classData } from '../../../../src/chapters/w11-and-w12/data.ts';
import { eslModel } from '../../../../src/chapters/w11-and-w12/esl.ts';
import { gradCheck, minPreActivation } from '../../../../src/core/gradcheck.ts';
import { makeRng } from '../../../../src/core/random.ts';
import { unitsIdenticalAt } from '../../../../src/core/trace.ts';
import { train } from '../../../../src/core/train.ts';

// Central differences (h = 1e-5) on O(1) cross-entropy are good to ~1e-10; gradients are floored at
// 1e-3 in the relative error, giving ≤ 1e-7, so 1e-6 has margin and still catches any wrong term.
const TOL = 1e-6;
const H = 1e-5;

describe('ESL K-class network', () => {
  const data = classData({ n: 9, P: 2, K: 3, seed: 2 });
  for (const act of ACTIVATIONS) for (const biases of [true, false]) {
    it(`gradient = central differences: ${act}, biases ${biases}`, () => {
      const model = eslModel(data, { M: 3, activation: act, biases });
      const rng = makeRng(8);
      let checked = 0;
      for (let tries = 0; checked < 5 && tries < 100; tries++) {
        const p = Float64Array.from({ length: model.layout.size }, rng.normal);
        if (act === 'relu' && minPreActivation(model, p) < 100 * H) continue; // away from the kink
        expect(gradCheck(model, p, H).maxRelErr).toBeLessThan(TOL);
        checked++;
      }
      expect(checked).toBe(5);
    });
  }
  for (const act of ACTIVATIONS) for (const optimizer of ['gd', 'sgd'] as const) {
    it(`identical start keeps the Z_m bitwise equal for 2000 steps: ${act}, ${optimizer}`, () => {
      const t = train(eslModel(data, { M: 4, activation: act }), { init: { kind: 'identical' }, optimizer, lr: 0.1, steps: 2000 });
      expect(t.diverged).toBeNull();
      expect(unitsIdenticalAt(t, 2000)).toBe(true);
      expect(t.loss[2000]).toBeLessThan(t.loss[0]);
    });
  }
  it('random start separates the derived features', () => {
    const t = train(eslModel(data, { M: 4, activation: 'sigmoid' }), { init: { kind: 'normal' }, lr: 0.1, steps: 200 });
    expect(t.gapIn[200]).toBeGreaterThan(0);
  });
  it('predict gives class probabilities that sum to 1', () => {
    const model = eslModel(data, { M: 2, activation: 'tanh' });
    const p = Float64Array.from({ length: model.layout.size }, makeRng(1).normal);
    const f = model.predict(p, new Float64Array(data.n * 3));
    for (let i = 0; i < data.n; i++) expect(f[3 * i] + f[3 * i + 1] + f[3 * i + 2]).toBeCloseTo(1, 14);
  });
  it('exposes the pre-activations V_m = α_0m + α_mᵀx of each example, for the ReLU kink check', () => {
    for (const biases of [true, false]) {
      const model = eslModel(data, { M: 3, activation: 'relu', biases });
      const L = model.layout;
      const p = Float64Array.from({ length: L.size }, makeRng(5).normal);
      let min = Infinity;
      for (let i = 0; i < data.n; i++) {
        const V = model.preActivations!(p, i, new Float64Array(3));
        for (let m = 0; m < 3; m++) {
          // The same sum in the same order as the forward pass, so bitwise equal.
          let v = biases ? p[L.ib + m] : 0;
          for (let l = 0; l < 2; l++) v += p[l * 3 + m] * data.X[i * 2 + l];
          expect(Object.is(V[m], v)).toBe(true);
          min = Math.min(min, Math.abs(v));
        }
      }
      expect(minPreActivation(model, p)).toBe(min);
    }
  });
  it('rejects M = 0, naming the field', () => {
    expect(() => eslModel(data, { M: 0, activation: 'sigmoid' })).toThrow('derived features M must be a positive integer (got 0)');
  });
});
