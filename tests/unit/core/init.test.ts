import { describe, expect, it } from 'vitest';
import { regressionData } from '../../../src/core/datasets.ts';
import { initParams, type InitScheme } from '../../../src/core/init.ts';
import { gapIn, gapOut, makeLayout } from '../../../src/core/layout.ts';
import { mlpModel } from '../../../src/core/mlp.ts';
import { makeRng } from '../../../src/core/random.ts';
import { train } from '../../../src/core/train.ts';

const L = makeLayout(3, 5, 2, true);

describe('initialisation schemes', () => {
  it('zero and constant fill every parameter', () => {
    expect(initParams(L, { kind: 'zero' }, makeRng(1)).every((v) => v === 0)).toBe(true);
    expect(initParams(L, { kind: 'constant', c: -0.3 }, makeRng(1)).every((v) => v === -0.3)).toBe(true);
  });
  for (const dist of ['normal', 'uniform'] as const) {
    it(`identical (${dist}) copies one random unit to every unit; ${dist} draws differ per unit`, () => {
      const p = initParams(L, { kind: 'identical', dist }, makeRng(1));
      expect(gapIn(L, p)).toBe(0);
      expect(gapOut(L, p)).toBe(0);
      expect(p[0]).not.toBe(0);
      const r = initParams(L, { kind: dist, scale: 0.5 }, makeRng(1));
      expect(gapIn(L, r)).toBeGreaterThan(0);
      if (dist === 'uniform') expect(r.every((v) => Math.abs(v) <= 0.5)).toBe(true);
    });
  }
  it('a tie pattern controls which groups are equal across units', () => {
    for (const incoming of ['tied', 'random'] as const) for (const bias of ['tied', 'random'] as const) for (const outgoing of ['tied', 'random'] as const) {
      const p = initParams(L, { kind: 'tied', incoming, bias, outgoing }, makeRng(2));
      const Lnb = { ...L, biases: false };
      expect(gapIn(Lnb, p) === 0).toBe(incoming === 'tied');
      expect(gapIn(L, p) === 0).toBe(incoming === 'tied' && bias === 'tied');
      expect(gapOut(L, p) === 0).toBe(outgoing === 'tied');
    }
  });
  it('Glorot and He scale the weights by fan-in/fan-out, with zero biases', () => {
    const big = makeLayout(200, 100, 50, true);
    const std = (p: Float64Array, from: number, to: number) => Math.sqrt(p.subarray(from, to).reduce((s, v) => s + v * v, 0) / (to - from));
    for (const dist of ['normal', 'uniform'] as const) {
      const he = initParams(big, { kind: 'he', dist }, makeRng(3));
      const gl = initParams(big, { kind: 'glorot', dist }, makeRng(3));
      // 20 000 draws: the sample std is within ~1% of the target; 5% leaves room for any seed.
      expect(std(he, 0, 20000) / Math.sqrt(2 / 200)).toBeCloseTo(1, 1);
      expect(std(gl, 0, 20000) / Math.sqrt(2 / 300)).toBeCloseTo(1, 1);
      expect(he.subarray(big.ib, big.ib + 100).every((v) => v === 0)).toBe(true);
    }
  });
  it('unknown scheme or bad numbers throw ConfigError naming the field', () => {
    expect(() => initParams(L, { kind: 'orthogonal' } as unknown as InitScheme, makeRng(1))).toThrow(/init scheme must be one of zero, constant/);
    expect(() => initParams(L, { kind: 'constant', c: NaN }, makeRng(1))).toThrow('init constant c must be a finite number (got NaN)');
    expect(() => initParams(L, { kind: 'normal', scale: -1 }, makeRng(1))).toThrow(/init scale must be a positive/);
    expect(() => initParams(L, { kind: 'perturbed', eps: -1e-3 }, makeRng(1))).toThrow(/init eps ε must be a non-negative/);
    expect(() => initParams(L, { kind: 'tied', incoming: 'tied', bias: 'free', outgoing: 'tied' } as never, makeRng(1))).toThrow(/init bias must be one of tied, random/);
  });
});

describe('ε-perturbation of an identical start', () => {
  const data = regressionData({ n: 32, k: 2, teacher: 'tanh', seed: 1 });
  const model = mlpModel(data, { d: 3, activation: 'tanh' });
  it('ε = 0 is exactly the identical start and keeps gap 0 through training', () => {
    const a = initParams(model.layout, { kind: 'perturbed', eps: 0 }, makeRng(4));
    const b = initParams(model.layout, { kind: 'identical' }, makeRng(4));
    expect(Array.from(a.subarray(0, model.layout.ib2))).toEqual(Array.from(b.subarray(0, model.layout.ib2)));
    const t = train(model, { init: { kind: 'perturbed', eps: 0 }, lr: 0.05, steps: 2000, seed: 4 });
    expect(t.gapIn.every((g) => g === 0)).toBe(true);
  });
  for (const eps of [1e-12, 1e-8, 1e-4, 1e-2]) {
    const t = train(model, { init: { kind: 'perturbed', eps }, lr: 0.05, steps: 2000, seed: 4 });
    const gap = t.gapIn[t.rows - 1];
    it(`ε = ${eps}: gap after 2000 steps > 0 (gapIn = ${gap.toExponential(2)}, start ${t.gapIn[0].toExponential(2)})`, () => {
      expect(gap).toBeGreaterThan(0);
    });
  }
});
