import { describe, expect, it } from 'vitest';
import { regressionData } from '../../../../src/core/datasets.ts';
import { mlpModel } from '../../../../src/core/mlp.ts';
import { makeRng } from '../../../../src/core/random.ts';
import { initParams } from '../../../../src/core/init.ts';
import { paramsAt } from '../../../../src/core/trace.ts';
import { train } from '../../../../src/core/train.ts';
import { chainFactors, exampleCentralDiff, exampleGrad, mirrorStart } from '../../../../src/chapters/w11-and-w12/inspect.ts';

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
  it('∂L/∂V_j = −2(t − o)·h_j equals the model’s backward code and a central difference', () => {
    for (const p of points) for (let e = 0; e < data.n; e += 3) for (const j of [0, 1]) {
      const f = chainFactors(L, data, p, e, 0, j);
      const { grad } = exampleGrad(model, p, e);
      expect(Math.abs(f.dLdV - grad[L.iW2 + j])).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(f.dLdV), 1e-12));
      const num = exampleCentralDiff(model, p, e, L.iW2 + j);
      // Same bound as the W check below.
      expect(Math.abs(f.dLdV - num) / Math.max(Math.abs(f.dLdV) + Math.abs(num), 1e-3)).toBeLessThan(1e-6);
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

describe('when do the updates of W11 and W12 coincide?', () => {
  it('per example: ∂L/∂W₁₁ − ∂L/∂W₁₂ = −2(t − o)·x₁·[V₁(1 − h₁²) − V₂(1 − h₂²)] (closed form against the backward code)', () => {
    for (const p of points) for (let e = 0; e < data.n; e++) {
      const [a, b] = [0, 1].map((j) => chainFactors(L, data, p, e, 0, j));
      const { grad } = exampleGrad(model, p, e);
      const closed = -2 * (a.t - a.o) * a.x * (a.V * (1 - a.h ** 2) - b.V * (1 - b.h ** 2));
      // Same products, grouped differently: rounding of O(1) numbers, 1e-13 absolute is generous.
      expect(Math.abs(grad[L.iW] - grad[L.iW + 1] - closed)).toBeLessThan(1e-13);
    }
  });
  it('mirror start (W:,2 = −W:,1, b₂ = −b₁, V₂ = V₁): different units, W and b gradients equal bit for bit on every example, V gradients opposite', () => {
    const p = mirrorStart(L, points[0]);
    expect(p[L.iW + 1]).toBe(-p[L.iW]);
    expect(p[L.iW2 + 1]).toBe(p[L.iW2]);
    for (let e = 0; e < data.n; e++) {
      const [a, b] = [0, 1].map((j) => chainFactors(L, data, p, e, 0, j));
      expect(b.h).toBe(-a.h);
      expect(Object.is(a.chain, b.chain)).toBe(true);
      const { grad } = exampleGrad(model, p, e);
      for (const q of [L.iW, L.iW + 2, L.ib]) expect(Object.is(grad[q], grad[q + 1])).toBe(true);
      expect(grad[L.iW2 + 1]).toBe(-grad[L.iW2]);
      expect(grad[L.iW2]).not.toBe(0);
    }
  });
  it('a degenerate case: both incoming weight vectors zero and V₁ sech²b₁ = V₂ sech²b₂ also gives equal W gradients', () => {
    const p = new Float64Array(L.size);
    p[L.ib] = 0;
    p[L.ib + 1] = 1;
    p[L.iW2] = 1;
    p[L.iW2 + 1] = Math.cosh(1) ** 2;
    for (let e = 0; e < data.n; e++) {
      const { grad } = exampleGrad(model, p, e);
      // Equal up to the rounding of cosh² · (1 − tanh²): relative 1e-14.
      expect(Math.abs(grad[L.iW] - grad[L.iW + 1])).toBeLessThanOrEqual(1e-14 * Math.abs(grad[L.iW]));
    }
  });
  it('the anti-tied start (w₂, b₂, V₂) = −(w₁, b₁, V₁) stays anti-tied bit for bit, by GD and by SGD', () => {
    const base = points[1];
    const p = Float64Array.from(base);
    for (let i = 0; i < 2; i++) p[L.iW + i * 2 + 1] = -p[L.iW + i * 2];
    p[L.ib + 1] = -p[L.ib];
    p[L.iW2 + 1] = -p[L.iW2];
    for (const optimizer of ['gd', 'sgd'] as const) {
      const t = train(model, { init: p, optimizer, lr: 0.05, steps: 500 });
      const q = paramsAt(t, 500);
      for (const [u, v] of [[L.iW, L.iW + 1], [L.iW + 2, L.iW + 3], [L.ib, L.ib + 1], [L.iW2, L.iW2 + 1]]) expect(q[v]).toBe(-q[u]);
      expect(q[L.iW]).not.toBe(p[L.iW]);
    }
  });
});

describe('bitwise ties are a property of the per-unit loops, not of floating point', () => {
  it('the same three numbers summed in another order round differently for some example, so a kernel that orders tied columns differently breaks the tie', () => {
    // The figures' data: 32 examples, the identical start the inspector uses (seed 3).
    const chapter = regressionData({ n: 32, k: 2, teacher: 'tanh' });
    const p = initParams(L, { kind: 'identical' }, makeRng(3));
    let differ = 0;
    for (let e = 0; e < chapter.n; e++) {
      const [x1, x2] = [chapter.X[2 * e], chapter.X[2 * e + 1]];
      // The model's order for unit 1: b + x₁W₁₁ + x₂W₂₁; another order for the tied unit 2: x₂W₂₂ + x₁W₁₂ + b.
      const one = p[L.ib] + x1 * p[L.iW] + x2 * p[L.iW + 2];
      const two = x2 * p[L.iW + 3] + x1 * p[L.iW + 1] + p[L.ib + 1];
      if (!Object.is(one, two)) differ++;
    }
    expect(differ).toBeGreaterThan(0);
  });
});
