import { describe, expect, it } from 'vitest';
import { regressionData } from '../../../../src/core/datasets.ts';
import { mlpModel } from '../../../../src/core/mlp.ts';
import { makeRng } from '../../../../src/core/random.ts';
import { initParams } from '../../../../src/core/init.ts';
import { chainFactors, exampleCentralDiff, exampleGrad } from '../../../../src/chapters/w11-and-w12/inspect.ts';

// The chapter's network: 2 inputs, 2 tanh hidden units, one linear output, biases on.
const data = regressionData({ n: 12, k: 2, teacher: 'tanh', seed: 5 });
const model = mlpModel(data, { d: 2, activation: 'tanh' });
const L = model.layout;
const rng = makeRng(9);
const points = Array.from({ length: 6 }, () => Float64Array.from({ length: L.size }, rng.normal));

describe('∂L/∂W_ij for one example, factor by factor', () => {
  it('the two arrangements agree: 2V(t − o)x(h² − 1) = −2(t − o)·V·(1 − h²)·x', () => {
    for (const p of points) for (let e = 0; e < data.n; e++) for (const [i, j] of [[0, 0], [0, 1], [1, 0], [1, 1]]) {
      const f = chainFactors(L, data, p, e, i, j);
      // Same four numbers multiplied in a different order and sign grouping: only rounding
      // (a few ulps of the product) can separate them, so 1e-14 relative is generous.
      expect(Math.abs(f.chain - f.answer)).toBeLessThanOrEqual(1e-14 * Math.max(Math.abs(f.chain), 1e-300));
      expect(f.dodh).toBe(p[L.iW2 + j]);
      expect(f.dzdW).toBe(data.X[e * 2 + i]);
      expect(f.dhdz).toBeCloseTo(1 - Math.tanh(f.z) ** 2, 15);
    }
  });
  it('the product equals the model’s backward code for W11 and W12 (same example)', () => {
    for (const p of points) for (let e = 0; e < data.n; e++) {
      const { grad } = exampleGrad(model, p, e);
      for (const j of [0, 1]) {
        const f = chainFactors(L, data, p, e, 0, j);
        // Same arithmetic up to summation order: 1e-12 relative covers the rounding.
        expect(Math.abs(f.chain - grad[L.iW + j])).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(f.chain), 1e-12));
      }
    }
  });
  it('the product equals a central difference of the one-example loss', () => {
    for (const p of points) for (let e = 0; e < data.n; e += 3) for (const j of [0, 1]) {
      const f = chainFactors(L, data, p, e, 0, j);
      const num = exampleCentralDiff(model, p, e, L.iW + j);
      // h = 1e-5: truncation ~h²·L‴ ≈ 1e-10 and rounding ~1e-16/h ≈ 1e-11 on O(1) losses;
      // relative to |∂L| floored at 1e-3 that is < 1e-6 (same bound as tests/unit/core/mlp.test.ts).
      expect(Math.abs(f.chain - num) / Math.max(Math.abs(f.chain) + Math.abs(num), 1e-3)).toBeLessThan(1e-6);
    }
  });
  it('identical units give bitwise-identical factors, so W11 and W12 get the same update', () => {
    const p = initParams(L, { kind: 'identical' }, makeRng(3));
    for (let e = 0; e < data.n; e++) {
      const a = chainFactors(L, data, p, e, 0, 0);
      const b = chainFactors(L, data, p, e, 0, 1);
      for (const key of ['z', 'h', 'V', 'dLdo', 'dodh', 'dhdz', 'dzdW', 'chain', 'answer'] as const) expect(Object.is(a[key], b[key])).toBe(true);
      const { grad } = exampleGrad(model, p, e);
      expect(Object.is(grad[L.iW], grad[L.iW + 1])).toBe(true);
    }
  });
  it('different units give different gradients for W11 and W12', () => {
    const f = chainFactors(L, data, points[0], 0, 0, 0);
    const g = chainFactors(L, data, points[0], 0, 0, 1);
    expect(f.chain).not.toBe(g.chain);
  });
  it('rejects a network with more than one output and an example out of range', () => {
    const d2 = regressionData({ n: 4, k: 2, m: 2 });
    const m2 = mlpModel(d2, { d: 2, activation: 'tanh' });
    expect(() => chainFactors(m2.layout, d2, new Float64Array(m2.layout.size), 0, 0, 0)).toThrow(/outputs m must be 1/);
    expect(() => chainFactors(L, data, points[0], data.n, 0, 0)).toThrow(/example/);
  });
});
