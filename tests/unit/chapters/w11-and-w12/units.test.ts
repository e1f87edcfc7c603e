import { describe, expect, it } from 'vitest';
import { curvature, withWeightDecay } from '../../../../src/core/curvature.ts';
import { regressionData } from '../../../../src/core/datasets.ts';
import { classData } from '../../../../src/chapters/w11-and-w12/data.ts';
import { eslModel } from '../../../../src/chapters/w11-and-w12/esl.ts';
import { mlpModel } from '../../../../src/core/mlp.ts';
import { fullLossGrad } from '../../../../src/core/model.ts';
import { makeRng } from '../../../../src/core/random.ts';
import { paramsAt } from '../../../../src/core/trace.ts';
import { train } from '../../../../src/core/train.ts';
import { startParams } from '../../../../src/core/train.ts';
import { applySymmetry, closestRelabelling, descend, flipUnit, groupNorms, groupRestarts, maxOutputDiff, swapUnits, unitSymmetries, zeroStart } from '../../../../src/chapters/w11-and-w12/units.ts';

const reg = regressionData({ n: 32, k: 2, teacher: 'tanh' });
const mlp = mlpModel(reg, { d: 2, activation: 'tanh' });
const rnd = (n: number, seed: number) => Float64Array.from({ length: n }, makeRng(seed).normal);

describe('permuting hidden units', () => {
  it('moves W column, bias and V together, and twice is the identity', () => {
    const p = rnd(mlp.layout.size, 1);
    const q = swapUnits(mlp.layout, p, 0, 1);
    // layout: W11 W12 W21 W22 | b1 b2 | V1 V2 | bo
    expect(Array.from(q)).toEqual([p[1], p[0], p[3], p[2], p[5], p[4], p[7], p[6], p[8]]);
    expect(Array.from(swapUnits(mlp.layout, q, 0, 1))).toEqual(Array.from(p));
  });
  it('gives different parameters but the same function (mlp and ESL)', () => {
    const esl = eslModel(classData({ n: 30 }), { M: 3, activation: 'sigmoid' });
    for (const model of [mlp, esl]) {
      const p = rnd(model.layout.size, 2);
      const q = swapUnits(model.layout, p, 0, model.layout.d - 1);
      expect(Array.from(q)).not.toEqual(Array.from(p));
      // Only the order of a few additions changes: a few ulps of O(1) outputs.
      expect(maxOutputDiff(model, p, q)).toBeLessThan(1e-14);
      expect(Math.abs(fullLossGrad(model, p).loss - fullLossGrad(model, q).loss)).toBeLessThan(1e-14);
    }
  });
  it('training from a swapped start ends at the swapped end point', () => {
    const p = rnd(mlp.layout.size, 3);
    const a = train(mlp, { init: p, lr: 0.1, steps: 500 });
    const b = train(mlp, { init: swapUnits(mlp.layout, p, 0, 1), lr: 0.1, steps: 500 });
    const expected = swapUnits(mlp.layout, paramsAt(a, 500), 0, 1);
    // Rounding differences (1e-16) can grow over 500 steps of a contracting map, but stay far below 1e-9.
    for (let q = 0; q < expected.length; q++) expect(paramsAt(b, 500)[q]).toBeCloseTo(expected[q], 9);
  });
});

describe('groupNorms', () => {
  it('is the Euclidean norm of each block', () => {
    const p = Float64Array.of(3, 4, 0, 0, 1, 0, 2, 0, -5);
    expect(groupNorms(mlp.layout, p)).toEqual({ W: 5, b: 1, W2: 2, b2: 5 });
  });
});

describe('sign flips and every relabelling of tanh units', () => {
  it('flipping a unit (W column, bias, V row) leaves a tanh network\'s outputs bit for bit the same', () => {
    const p = rnd(mlp.layout.size, 4);
    for (const j of [0, 1]) {
      const q = flipUnit(mlp.layout, p, j);
      expect(Array.from(q)).not.toEqual(Array.from(p));
      // tanh is odd in IEEE arithmetic too (negation is exact, rounding is symmetric): (−v)·tanh(−z) = v·tanh(z).
      expect(maxOutputDiff(mlp, p, q)).toBe(0);
      expect(Array.from(flipUnit(mlp.layout, q, j))).toEqual(Array.from(p));
    }
    // The sigmoid is not odd: the same flip changes the function.
    const sig = mlpModel(reg, { d: 2, activation: 'sigmoid' });
    expect(maxOutputDiff(sig, p, flipUnit(sig.layout, p, 0))).toBeGreaterThan(1e-3);
  });
  it('there are 2^d · d! relabellings, all distinct, the identity first, each computing the same function', () => {
    for (const d of [1, 2, 3]) {
      const model = mlpModel(reg, { d, activation: 'tanh' });
      const gs = unitSymmetries(model.layout);
      expect(gs).toHaveLength(2 ** d * [1, 1, 2, 6][d]);
      expect(gs[0]).toEqual({ perm: Array.from({ length: d }, (_, j) => j), signs: Array(d).fill(1) });
      const p = rnd(model.layout.size, 5);
      const images = gs.map((g) => Array.from(applySymmetry(model.layout, p, g)).join(','));
      expect(new Set(images).size).toBe(gs.length);
      // Only the order of d additions changes: a few ulps of O(1) outputs.
      for (const g of gs) expect(maxOutputDiff(model, p, applySymmetry(model.layout, p, g))).toBeLessThan(1e-14);
    }
  });
  it('applySymmetry agrees with swapUnits and flipUnit, and closestRelabelling undoes a hidden relabelling exactly', () => {
    const L = mlp.layout;
    const p = rnd(L.size, 6);
    expect(Array.from(applySymmetry(L, p, { perm: [1, 0], signs: [1, 1] }))).toEqual(Array.from(swapUnits(L, p, 0, 1)));
    expect(Array.from(applySymmetry(L, p, { perm: [0, 1], signs: [1, -1] }))).toEqual(Array.from(flipUnit(L, p, 1)));
    for (const g of unitSymmetries(L)) {
      // Permuting and negating are exact, so the way back lands on p exactly.
      expect(closestRelabelling(L, p, applySymmetry(L, p, g)).distance).toBe(0);
    }
  });
});

describe('descent to a tolerance, curvature', () => {
  it('descends until ‖∇‖ < tol, reproducibly; reports a cap it hits and a divergence', () => {
    const J = withWeightDecay(mlp, 3e-4);
    const a = descend(J, { seed: 4, lr: 0.5, tol: 1e-8, cap: 100_000 });
    expect(a.capped).toBe(false);
    expect(a.gradNorm).toBeLessThan(1e-8);
    expect(fullLossGrad(J, a.params).loss).toBe(a.loss);
    expect(descend(J, { seed: 4, lr: 0.5, tol: 1e-8, cap: 100_000 })).toEqual(a);
    const short = descend(J, { seed: 4, lr: 0.5, tol: 1e-8, cap: 10 });
    expect([short.capped, short.steps]).toEqual([true, 10]);
    expect(short.gradNorm).toBeGreaterThan(1e-8);
    const wild = descend(J, { seed: 4, lr: 1e6, tol: 1e-8, cap: 100 });
    expect(wild.diverged).toBe(true);
    for (const v of wild.params) expect(Number.isFinite(v)).toBe(true);
  });
  it('with decay every run stays in the ball ‖θ‖² ≤ J(θ₀)/λ (J only falls and J ≥ λ‖θ‖²), and ends at a minimum', () => {
    const lambda = 3e-4;
    const J = withWeightDecay(mlp, lambda);
    for (const seed of [3, 4, 5, 6, 7]) {
      const r = descend(J, { seed, lr: 0.5, tol: 1e-8, cap: 100_000 });
      const J0 = fullLossGrad(J, startParams(J, { kind: 'normal', scale: 1 }, seed)).loss;
      let n2 = 0;
      for (const v of r.params) n2 += v * v;
      expect(n2).toBeLessThanOrEqual(J0 / lambda);
      expect(r.loss).toBeLessThan(J0);
      expect(curvature(J, r.params).min).toBeGreaterThan(0);
    }
  });
  it('groups end points by loss and by weights up to relabelling, lowest loss first', () => {
    const L = mlp.layout;
    const a = rnd(L.size, 8);
    const b = rnd(L.size, 9);
    const g = unitSymmetries(L)[5];
    const near = Float64Array.from(applySymmetry(L, a, g), (v, q) => (q === 0 ? v + 1e-6 : v));
    const runs = [
      { loss: 2, params: a },
      { loss: 1, params: b },
      { loss: 2 * (1 + 1e-10), params: near },
      // Same loss as a, different weights: a different minimum that happens to tie in loss.
      { loss: 2, params: rnd(L.size, 10) },
    ];
    const { groups, of } = groupRestarts(L, runs, { lossRel: 1e-8, weightTol: 1e-3 });
    expect(groups.map((G) => G.members)).toEqual([[1], [0, 2], [3]]);
    expect(of).toEqual([1, 0, 1, 2]);
    expect(groups[1].spread).toBeCloseTo(1e-6, 12);
  });
  it('without decay, descent from restart 1 at η = 0.2 is still moving after 10⁵ steps', () => {
    const r = descend(mlp, { seed: 1, lr: 0.2, tol: 1e-8, cap: 100_000 });
    expect(r.capped).toBe(true);
    expect(r.gradNorm).toBeGreaterThan(1e-6);
  });
});

describe('ESL §11.5.1: an all-zero start', () => {
  // n = 50 with K = 3 classes assigned i mod 3: 17, 17, 16 examples, so class frequencies are not 1/K.
  const unbalanced = classData({ n: 50 });
  it('tanh: α, α₀ and β stay exactly 0; only β₀ moves; units stay identical', () => {
    const z = zeroStart(eslModel(unbalanced, { M: 3, activation: 'tanh' }), 100, 0.5);
    expect([z.moved.W, z.moved.b, z.moved.W2]).toEqual([0, 0, 0]);
    expect(z.moved.b2).toBeGreaterThan(0);
    expect(z.identical).toBe(true);
  });
  it('sigmoid: every group moves, the units stay identical, and the loss falls', () => {
    const z = zeroStart(eslModel(unbalanced, { M: 3, activation: 'sigmoid' }), 100, 0.5);
    for (const v of Object.values(z.moved)) expect(v).toBeGreaterThan(0.01);
    expect(z.identical).toBe(true);
    expect(z.loss).toBeLessThan(z.loss0);
  });
  it('sigmoid, first step in closed form: ∂R/∂β_km = σ(0)·∂R/∂β₀k = ½(1/K − frequency of class k)', () => {
    const model = eslModel(unbalanced, { M: 3, activation: 'sigmoid' });
    const { grad } = fullLossGrad(model, new Float64Array(model.layout.size));
    const L = model.layout;
    for (let c = 0; c < 3; c++) {
      const freq = (c < 2 ? 17 : 16) / 50;
      // Means of 50 terms of size ≤ 1: rounding stays below 1e-15.
      expect(grad[L.ib2 + c]).toBeCloseTo(1 / 3 - freq, 15);
      for (let m = 0; m < 3; m++) expect(grad[L.iW2 + m * 3 + c]).toBeCloseTo(0.5 * (1 / 3 - freq), 15);
    }
    for (let q = 0; q < L.iW2; q++) expect(grad[q]).toBe(0);
  });
  it('balanced classes (n = 60): even the sigmoid network only moves by rounding', () => {
    const z = zeroStart(eslModel(classData({ n: 60 }), { M: 3, activation: 'sigmoid' }), 100, 0.5);
    // The first gradient is 1/3 − 20/60 = 0 up to rounding (~1e-17 per step, 100 steps).
    for (const v of Object.values(z.moved)) expect(v).toBeLessThan(1e-12);
  });
  it('the chapter-2 regression network behaves the same way (tanh: only b_o moves)', () => {
    const t = zeroStart(mlpModel(reg, { d: 2, activation: 'tanh' }), 100, 0.05);
    expect([t.moved.W, t.moved.b, t.moved.W2]).toEqual([0, 0, 0]);
    expect(t.moved.b2).toBeGreaterThan(0);
    const s = zeroStart(mlpModel(reg, { d: 2, activation: 'sigmoid' }), 100, 0.05);
    for (const v of Object.values(s.moved)) expect(v).toBeGreaterThan(0);
    expect(s.identical).toBe(true);
  });
});

describe('ESL back-propagation for one example (the K-class formulas on the page)', () => {
  it('δ_k = f_k − y_k, s_m = σ′(α₀m + α_mᵀx) Σ_k β_km δ_k, ∂R/∂α_ml = s_m x_l, ∂R/∂β_km = δ_k Z_m', () => {
    const data = classData({ n: 1, P: 2, K: 3, seed: 4 });
    const model = eslModel(data, { M: 2, activation: 'sigmoid' });
    const L = model.layout;
    const p = rnd(L.size, 6);
    const x = [data.X[0], data.X[1]];
    const sig = (v: number) => 1 / (1 + Math.exp(-v));
    const v = [0, 1].map((m) => p[L.ib + m] + p[m] * x[0] + p[2 + m] * x[1]);
    const Z = v.map(sig);
    const T = [0, 1, 2].map((c) => p[L.ib2 + c] + Z[0] * p[L.iW2 + c] + Z[1] * p[L.iW2 + 3 + c]);
    const den = T.reduce((s, t) => s + Math.exp(t), 0);
    const delta = T.map((t, c) => Math.exp(t) / den - data.Y[c]);
    const s = [0, 1].map((m) => Z[m] * (1 - Z[m]) * delta.reduce((a, d, c) => a + p[L.iW2 + m * 3 + c] * d, 0));
    const { grad } = fullLossGrad(model, p);
    // Same formulas, different summation order: agreement to 1e-14 on O(1) numbers.
    for (let l = 0; l < 2; l++) for (let m = 0; m < 2; m++) expect(grad[l * 2 + m]).toBeCloseTo(s[m] * x[l], 14);
    for (let m = 0; m < 2; m++) for (let c = 0; c < 3; c++) expect(grad[L.iW2 + m * 3 + c]).toBeCloseTo(delta[c] * Z[m], 14);
  });
});
