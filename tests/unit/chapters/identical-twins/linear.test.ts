import { describe, expect, it } from 'vitest';
import { regressionData } from '../../../../src/core/datasets.ts';
import { gradCheck } from '../../../../src/core/gradcheck.ts';
import { linearModel } from '../../../../src/chapters/identical-twins/linear.ts';
import { fullLossGrad } from '../../../../src/core/model.ts';
import { makeRng } from '../../../../src/core/random.ts';
import { finalLoss, unitsIdenticalAt } from '../../../../src/core/trace.ts';
import { train } from '../../../../src/core/train.ts';

// h = 1e-5 central differences are good to ~1e-10 absolute here; with gradients floored at 1e-3 the
// relative error is ≤ 1e-7, so 1e-6 has margin yet fails on any wrong factor or transpose.
const TOL = 1e-6;

describe('linear network gradient = central finite differences', () => {
  for (const m of [1, 3]) for (const biases of [false, true]) {
    it(`m = ${m}, biases ${biases}`, () => {
      const model = linearModel(regressionData({ n: 8, k: 4, m, seed: m }), { d: 3, biases });
      const rng = makeRng(5);
      for (let r = 0; r < 5; r++) {
        const p = Float64Array.from({ length: model.layout.size }, rng.normal);
        expect(gradCheck(model, p).maxRelErr).toBeLessThan(TOL);
      }
    });
  }
  it('for one example, ∇W2 = 2 (xW)ᵀ(xWW2 − y) and column j of ∇W = 2 xᵀ r (W2)_j', () => {
    const one = { n: 1, k: 2, m: 1, X: Float64Array.of(1.5, -0.5), Y: Float64Array.of(2) };
    const model = linearModel(one, { d: 2 });
    const p = Float64Array.of(0.2, -0.4, 0.6, 0.1, 0.7, -0.3); // W = [[.2,-.4],[.6,.1]], W2 = [.7,-.3]
    const a = [1.5 * 0.2 - 0.5 * 0.6, 1.5 * -0.4 - 0.5 * 0.1];
    const r = a[0] * 0.7 + a[1] * -0.3 - 2;
    const { grad } = fullLossGrad(model, p);
    expect(grad[4]).toBeCloseTo(2 * a[0] * r, 14);
    expect(grad[5]).toBeCloseTo(2 * a[1] * r, 14);
    expect(grad[0]).toBeCloseTo(2 * 1.5 * r * 0.7, 14);
    expect(grad[3]).toBeCloseTo(2 * -0.5 * r * -0.3, 14);
  });
});

describe('linear network symmetry', () => {
  const data = regressionData({ n: 32, k: 4, m: 3, seed: 1 });
  for (const optimizer of ['gd', 'sgd'] as const) {
    it(`identical start stays rank one, bitwise, for 3000 steps (${optimizer})`, () => {
      const t = train(linearModel(data, { d: 4 }), { init: { kind: 'identical' }, optimizer, lr: 0.01, steps: 3000 });
      expect(t.diverged).toBeNull();
      for (let s = 0; s < t.rows; s += 250) expect(unitsIdenticalAt(t, s)).toBe(true);
      expect(unitsIdenticalAt(t, 3000)).toBe(true);
    });
  }
  it('identical start plateaus at a higher loss than a random start (rank-3 teacher, m = 3)', () => {
    const model = linearModel(data, { d: 4 });
    const same = train(model, { init: { kind: 'identical' }, lr: 0.02, steps: 3000 });
    const rand = train(model, { init: { kind: 'normal' }, lr: 0.02, steps: 3000 });
    // A rank-one map cannot fit a rank-3 teacher, while d = 4 random units can fit it exactly.
    expect(finalLoss(same)).toBeGreaterThan(0.1);
    expect(finalLoss(rand)).toBeLessThan(1e-6);
    // The plateau: over the last 1000 steps the identical run barely moves.
    expect(same.loss[2000] - same.loss[3000]).toBeLessThan(1e-6 * same.loss[3000]);
  });
  it('zero start without biases: every gradient is exactly 0, so nothing ever moves', () => {
    const model = linearModel(data, { d: 4 });
    expect(fullLossGrad(model, new Float64Array(model.layout.size)).grad.every((g) => g === 0)).toBe(true);
    const t = train(model, { init: { kind: 'zero' }, steps: 100 });
    expect(t.params.every((v) => v === 0)).toBe(true);
  });
  it('rejects a negative hidden width, naming d', () => {
    expect(() => linearModel(data, { d: -2 })).toThrow('hidden units d must be a positive integer (got -2)');
    expect(() => linearModel(data, { d: 2.5 })).toThrow(/hidden units d/);
  });
});
