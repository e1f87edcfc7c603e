import { describe, expect, it } from 'vitest';
import { regressionData } from '../../../../src/core/datasets.ts';
import { gradCheck } from '../../../../src/core/gradcheck.ts';
import { linearModel } from '../../../../src/chapters/identical-twins/linear.ts';
import { fullLossGrad } from '../../../../src/core/model.ts';
import { makeRng } from '../../../../src/core/random.ts';
import { finalLoss, unitsIdenticalAt } from '../../../../src/core/trace.ts';
import { train } from '../../../../src/core/train.ts';
import { initParams } from '../../../../src/core/init.ts';
import { positionOrderModel } from '../../../../src/chapters/identical-twins/kernel.ts';

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

describe('the matrix form: G = (2/n)Xᵀ(XWW₂ − Y), ∇W = G W₂ᵀ, ∇W₂ = Wᵀ G', () => {
  for (const m of [1, 3]) {
    it(`m = ${m}: equals the code’s gradient and central finite differences`, () => {
      const data = regressionData({ n: 12, k: 4, m, seed: 7 });
      const d = 3;
      const model = linearModel(data, { d });
      const { n, k, X, Y } = data;
      const p = Float64Array.from({ length: model.layout.size }, makeRng(8).normal);
      const W = (l: number, j: number) => p[l * d + j];
      const W2 = (j: number, o: number) => p[model.layout.iW2 + j * m + o];
      // G, by the formula, in plain loops.
      const G = new Float64Array(k * m);
      for (let i = 0; i < n; i++) for (let o = 0; o < m; o++) {
        let f = 0;
        for (let l = 0; l < k; l++) for (let j = 0; j < d; j++) f += X[i * k + l] * W(l, j) * W2(j, o);
        for (let l = 0; l < k; l++) G[l * m + o] += (2 / n) * X[i * k + l] * (f - Y[i * m + o]);
      }
      const formula = new Float64Array(model.layout.size);
      for (let l = 0; l < k; l++) for (let j = 0; j < d; j++) for (let o = 0; o < m; o++) formula[l * d + j] += G[l * m + o] * W2(j, o);
      for (let j = 0; j < d; j++) for (let o = 0; o < m; o++) for (let l = 0; l < k; l++) formula[model.layout.iW2 + j * m + o] += W(l, j) * G[l * m + o];
      const { analytic, numeric } = gradCheck(model, p);
      for (let q = 0; q < formula.length; q++) {
        // Same sums in another order: agreement to rounding of O(1–10) numbers.
        expect(Math.abs(formula[q] - analytic[q])).toBeLessThan(1e-12 * (1 + Math.abs(analytic[q])));
        // Central differences with h = 1e-5: truncation ~h², rounding ~1e-16/h, so 1e-8 relative is safe.
        expect(Math.abs(formula[q] - numeric[q])).toBeLessThan(1e-8 * (1 + Math.abs(formula[q])));
      }
    });
  }
});

describe('perturbed start: ε times an independent draw for every weight of every unit', () => {
  it('the noise differs from unit to unit, covers W and W₂, and ε only scales it', () => {
    const L = linearModel(regressionData({ m: 3 }), { d: 4 }).layout;
    const base = initParams(L, { kind: 'perturbed', eps: 0 }, makeRng(3));
    const one = initParams(L, { kind: 'perturbed', eps: 1 }, makeRng(3));
    const tiny = initParams(L, { kind: 'perturbed', eps: 1e-6 }, makeRng(3));
    const noise = one.map((v, q) => v - base[q]);
    const unitIn = (j: number) => Array.from({ length: L.k }, (_, l) => noise[L.iW + l * L.d + j]);
    const unitOut = (j: number) => Array.from({ length: L.m }, (_, o) => noise[L.iW2 + j * L.m + o]);
    for (let j = 1; j < L.d; j++) {
      expect(unitIn(j)).not.toEqual(unitIn(0));
      expect(unitOut(j)).not.toEqual(unitOut(0));
    }
    expect(noise.every((v) => v !== 0)).toBe(true);
    // Same seed, same direction: the ε = 1e-6 start is base + 1e-6·noise, up to the rounding of the addition.
    tiny.forEach((v, q) => expect(Math.abs(v - (base[q] + 1e-6 * noise[q]))).toBeLessThan(1e-15));
  });
});

describe('position-dependent summation order (kernel.ts)', () => {
  const data = regressionData({ m: 3 });
  it('is the same network: its gradient passes the finite-difference check', () => {
    const model = positionOrderModel(data, { d: 4 });
    const rng = makeRng(5);
    for (let r = 0; r < 3; r++) expect(gradCheck(model, Float64Array.from({ length: model.layout.size }, rng.normal)).maxRelErr).toBeLessThan(TOL);
  });
  it('breaks an exact tie within a few steps, where the per-unit loops keep it for 3000', () => {
    const pos = train(positionOrderModel(data, { d: 4 }), { init: { kind: 'identical' }, lr: 0.01, steps: 50 });
    expect(unitsIdenticalAt(pos, 0)).toBe(true);
    expect(unitsIdenticalAt(pos, 50)).toBe(false);
  });
});

