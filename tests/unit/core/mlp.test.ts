import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, activation } from '../../../src/core/activations.ts';
import { regressionData } from '../../../src/core/datasets.ts';
import { gradCheck, minPreActivation } from '../../../src/core/gradcheck.ts';
import { linearModel } from '../../../src/chapters/identical-twins/linear.ts';
import { mlpModel } from '../../../src/core/mlp.ts';
import { fullLossGrad } from '../../../src/core/model.ts';
import { makeRng } from '../../../src/core/random.ts';
import { idxB2, unitsIdenticalAt } from '../../../src/core/trace.ts';
import { train } from '../../../src/core/train.ts';

// Central differences with h = 1e-5 are accurate to ~1e-10 absolute on these O(1) losses
// (truncation h²·f‴/6 plus rounding 1e-16·L/h); relative to gradients floored at 1e-3 that is ≤ 1e-7,
// so 1e-6 leaves a 10× margin yet catches any wrong factor or sign.
const TOL = 1e-6;
const H = 1e-5;

const data = regressionData({ n: 8, k: 3, m: 1, teacher: 'tanh', seed: 3 });
const data2 = regressionData({ n: 8, k: 3, m: 2, seed: 4 });

describe('mlp gradient = central finite differences', () => {
  for (const act of ACTIVATIONS) for (const biases of [true, false]) for (const d of [data, data2]) {
    it(`${act}, biases ${biases}, m = ${d.m}`, () => {
      const model = mlpModel(d, { d: 4, activation: act, biases });
      const rng = makeRng(11);
      let checked = 0;
      for (let tries = 0; checked < 5 && tries < 100; tries++) {
        const p = Float64Array.from({ length: model.layout.size }, rng.normal);
        // Skip points where some ReLU input is within 100h of its kink: a difference would straddle it.
        if (act === 'relu' && minPreActivation(model, p) < 100 * H) continue;
        expect(gradCheck(model, p, H).maxRelErr).toBeLessThan(TOL);
        checked++;
      }
      expect(checked).toBe(5);
    });
  }
});

describe('mlp matches the chapter formulas', () => {
  it('∂L/∂W11 = 2 V1 (t − o) x1 (h1² − 1) for tanh, one example', () => {
    const one = { n: 1, k: 2, m: 1, X: Float64Array.of(0.7, -1.2), Y: Float64Array.of(0.4) };
    const model = mlpModel(one, { d: 2, activation: 'tanh' });
    const p = Float64Array.of(0.3, -0.5, 0.8, 0.2, 0.1, -0.3, 0.9, -0.6, 0.05);
    const [W11, W21, bh1, V1, bo] = [p[0], p[2], p[4], p[6], p[8]];
    const h1 = Math.tanh(0.7 * W11 - 1.2 * W21 + bh1);
    const h2 = Math.tanh(0.7 * p[1] - 1.2 * p[3] + p[5]);
    const o = h1 * V1 + h2 * p[7] + bo;
    const { grad } = fullLossGrad(model, p);
    expect(grad[0]).toBeCloseTo(2 * V1 * (0.4 - o) * 0.7 * (h1 * h1 - 1), 14);
  });
  it('with σ = identity it is the chapter-1 linear network (same loss and gradient)', () => {
    const d = regressionData({ n: 10, k: 4, m: 3, seed: 5 });
    const a = mlpModel(d, { d: 3, activation: 'identity', biases: true });
    const b = linearModel(d, { d: 3, biases: true });
    const p = Float64Array.from({ length: a.layout.size }, makeRng(2).normal);
    const ga = fullLossGrad(a, p);
    const gb = fullLossGrad(b, p);
    expect(ga.loss).toBeCloseTo(gb.loss, 12);
    for (let q = 0; q < p.length; q++) expect(ga.grad[q]).toBeCloseTo(gb.grad[q], 12);
  });
});

describe('mlp symmetry', () => {
  const d = regressionData({ n: 16, k: 2, teacher: 'tanh', seed: 7 });
  for (const act of ACTIVATIONS) for (const optimizer of ['gd', 'sgd'] as const) {
    it(`identical start keeps units bitwise equal for 3000 steps: ${act}, ${optimizer}`, () => {
      const t = train(mlpModel(d, { d: 3, activation: act }), { init: { kind: 'identical' }, optimizer, lr: 0.02, steps: 3000, seed: 2 });
      expect(t.diverged).toBeNull();
      expect(t.rows).toBe(3001);
      for (let s = 0; s < t.rows; s += 500) expect(unitsIdenticalAt(t, s)).toBe(true);
      expect(unitsIdenticalAt(t, 3000)).toBe(true);
      expect(t.gapIn.every((g) => g === 0) && t.gapOut.every((g) => g === 0)).toBe(true);
      // The run did move: symmetry is kept, not frozen.
      expect(t.loss[3000]).not.toBe(t.loss[0]);
    });
    it(`random start separates units: ${act}, ${optimizer}`, () => {
      const t = train(mlpModel(d, { d: 3, activation: act }), { init: { kind: 'normal' }, optimizer, lr: 0.02, steps: 1000, seed: 2 });
      expect(t.gapIn[t.rows - 1]).toBeGreaterThan(0);
      expect(unitsIdenticalAt(t, t.rows - 1)).toBe(false);
    });
  }
  for (const act of ['tanh', 'identity', 'relu'] as const) {
    it(`zero start, ${act}: every weight gradient is exactly 0 and only b_o moves`, () => {
      const model = mlpModel(d, { d: 3, activation: act });
      const { grad } = fullLossGrad(model, new Float64Array(model.layout.size));
      const bo = idxB2({ layout: model.layout });
      grad.forEach((g, q) => (q === bo ? expect(g).not.toBe(0) : expect(g === 0).toBe(true)));
      const t = train(model, { init: { kind: 'zero' }, lr: 0.05, steps: 500 });
      for (let q = 0; q < t.nParams; q++) {
        const moved = t.params.some((v, i) => i % t.nParams === q && v !== 0);
        expect(moved).toBe(q === bo);
      }
    });
  }
  it('zero start, sigmoid: weights move but units stay exactly equal', () => {
    const t = train(mlpModel(d, { d: 3, activation: 'sigmoid' }), { init: { kind: 'zero' }, lr: 0.05, steps: 2000 });
    const last = t.params.subarray((t.rows - 1) * t.nParams);
    expect(last[0]).not.toBe(0);
    expect(last[t.layout.iW2]).not.toBe(0);
    expect(unitsIdenticalAt(t, t.rows - 1)).toBe(true);
  });
  it('rejects an unknown activation, naming the field', () => {
    expect(() => mlpModel(d, { d: 3, activation: 'softsign' as never })).toThrow(/activation σ must be one of/);
    expect(() => activation('relu', 2 as never)).toThrow(/ReLU′\(0\)/);
  });
});
