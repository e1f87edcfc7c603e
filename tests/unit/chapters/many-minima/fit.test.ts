import { describe, expect, it } from 'vitest';
import { curvature, hessian, withWeightDecay } from '../../../../src/core/curvature.ts';
import { mlpModel } from '../../../../src/core/mlp.ts';
import { fit, functionGap, lossGrad, randomStart, teacherData, TEST, TRAIN } from '../../../../src/chapters/many-minima/fit.ts';

const T = (x: number) => Math.tanh(4 * (x + 1)) - Math.tanh(4 * (x - 1)) - 1 + 0.8 * Math.tanh(4 * x);

describe('the task', () => {
  it('is the bump plus step on an even grid: 40 training points on [−2, 2], 201 test points on [−2.5, 2.5]', () => {
    expect([TRAIN.n, TRAIN.X[0], TRAIN.X[39], TEST.n, TEST.X[0], TEST.X[200]]).toEqual([40, -2, 2, 201, -2.5, 2.5]);
    TRAIN.X.forEach((x, i) => expect(TRAIN.Y[i]).toBe(T(x)));
    expect(teacherData(1).X[0]).toBe(0);
  });
});

describe('randomStart', () => {
  it('draws w, b ~ N(0, 1) and v ~ N(0, 1/M) with output bias 0, the same for the same seed', () => {
    const L = mlpModel(TRAIN, { d: 400, activation: 'tanh' }).layout;
    const p = randomStart(L, 1);
    expect(Array.from(randomStart(L, 1))).toEqual(Array.from(p));
    const sd = (a: Float64Array) => Math.sqrt(a.reduce((s, v) => s + v * v, 0) / a.length);
    // 400 or 800 draws: the sample standard deviation is within about 4 standard errors (1/√(2n) ≈ 0.035) of its value.
    expect(sd(p.subarray(0, 800))).toBeGreaterThan(0.85);
    expect(sd(p.subarray(0, 800))).toBeLessThan(1.15);
    expect(sd(p.subarray(L.iW2, L.iW2 + 400)) * Math.sqrt(400)).toBeGreaterThan(0.85);
    expect(sd(p.subarray(L.iW2, L.iW2 + 400)) * Math.sqrt(400)).toBeLessThan(1.15);
    expect(p[L.ib2]).toBe(0);
  });
});

describe('fit', () => {
  const J = withWeightDecay(mlpModel(TRAIN, { d: 2, activation: 'tanh' }), 1e-4);
  it('Adam lowers the loss; damped Newton then reaches the tolerance at a strict minimum', () => {
    const start = randomStart(J.layout, 1);
    const adam = fit(J, { start, steps: 3000, lr: 0.02 });
    expect(adam.loss).toBeLessThan(lossGrad(J, start).loss / 5);
    const polished = fit(J, { start, steps: 3000, lr: 0.02, newton: 300, tol: 1e-11 });
    expect(polished.capped).toBe(false);
    expect(polished.gradNorm).toBeLessThan(1e-11);
    expect(polished.loss).toBeLessThanOrEqual(adam.loss);
    expect(curvature(J, polished.params).min).toBeGreaterThan(0);
  });
  it('annealing lowers the rate linearly: on a constant gradient, 2 steps move lr + lr/2 instead of 2·lr', () => {
    // L(p) = p: every Adam step is lr·ĝ/(√v̂ + 1e-8) ≈ lr·(1 − 1e-8) for the constant gradient 1 (to 1e-14: bias corrections round).
    const line = { name: 'line', layout: { size: 1 }, data: { n: 1 }, lossGrad: (p: Float64Array, g: Float64Array) => ((g[0] = 1), p[0]), predict: (_: Float64Array, o: Float64Array) => o } as never;
    const step = 0.1 * (1 - 1e-8);
    expect(fit(line, { start: Float64Array.of(0), steps: 2, lr: 0.1 }).params[0]).toBeCloseTo(-2 * step, 14);
    expect(fit(line, { start: Float64Array.of(0), steps: 2, lr: 0.1, anneal: true }).params[0]).toBeCloseTo(-1.5 * step, 14);
  });
  it('stops on a non-finite loss and refuses bad options', () => {
    const bad = randomStart(J.layout, 1);
    bad[0] = Infinity;
    const r = fit(J, { start: bad, steps: 10, lr: 0.01 });
    expect(r.diverged).toBe(true);
    expect(() => fit(J, { start: bad, steps: 0, lr: 0.01 })).toThrow(/steps/);
    expect(() => fit(J, { start: bad, steps: 5, lr: -1 })).toThrow(/learning rate/);
    expect(() => fit(J, { start: new Float64Array(3), steps: 5, lr: 0.1 })).toThrow(/start/);
  });
});

describe('hessian, curvature and functionGap', () => {
  it('the Hessian is symmetric, and at a minimum agrees with central differences of the loss along a direction', () => {
    const J = withWeightDecay(mlpModel(TRAIN, { d: 2, activation: 'tanh' }), 1e-4);
    const p = fit(J, { start: randomStart(J.layout, 1), steps: 3000, lr: 0.02, newton: 300, tol: 1e-11 }).params;
    const H = hessian(J, p);
    const P = J.layout.size;
    for (let i = 0; i < P; i++) for (let j = 0; j < P; j++) expect(H[i * P + j]).toBe(H[j * P + i]);
    // dᵀHd against (L(p + hd) − 2L(p) + L(p − hd)) / h² with h = 1e-4: truncation ~h², rounding ~1e-16/h² = 1e-8.
    const d = Float64Array.from({ length: P }, (_, q) => Math.cos(q + 1) / 2);
    const at = (t: number) => lossGrad(J, p.map((v, q) => v + t * d[q])).loss;
    const second = (at(1e-4) - 2 * at(0) + at(-1e-4)) / 1e-8;
    const dHd = d.reduce((s, x, i) => s + x * d.reduce((t, y, j) => t + H[i * P + j] * y, 0), 0);
    expect(Math.abs(dHd - second)).toBeLessThan(1e-5);
    expect(curvature(J, p).min).toBeGreaterThan(0);
  });
  it('functionGap is 0 for a net against itself and positive against another', () => {
    const a = randomStart(mlpModel(TRAIN, { d: 3, activation: 'tanh' }).layout, 1);
    const b = randomStart(mlpModel(TRAIN, { d: 3, activation: 'tanh' }).layout, 2);
    expect(functionGap(3, 'tanh', a, a)).toBe(0);
    expect(functionGap(3, 'tanh', a, b)).toBeGreaterThan(0.01);
  });
});
