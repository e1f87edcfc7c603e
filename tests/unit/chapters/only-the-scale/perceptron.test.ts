import { describe, expect, it } from 'vitest';
import { perceptronData } from '../../../../src/chapters/only-the-scale/data.ts';
import { differingPredictions, perceptronWeightsAt, phi, trainPerceptron } from '../../../../src/chapters/only-the-scale/perceptron.ts';

const ETAS = [1e-4, 0.003, 0.1, 0.37, 1, 2.5, 100];

describe('perceptron and the learning rate η', () => {
  for (const separable of [true, false]) {
    const data = perceptronData({ n: 40, separable, seed: 6 });
    const base = trainPerceptron(data, { eta: 1, epochs: 20 });
    for (const eta of ETAS) {
      it(`from w⁽⁰⁾ = 0, η = ${eta} gives η × (the η = 1 weights) and the same predictions (separable ${separable})`, () => {
        const t = trainPerceptron(data, { eta, epochs: 20 });
        expect(t.rows).toBe(20 * 40 + 1);
        for (let q = 0; q < t.w.length; q++) {
          // Sums of ±2η x̃ differ from η·(sums of ±2 x̃) only by rounding: 1e-12 relative is ample.
          expect(Math.abs(t.w[q] / eta - base.w[q])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(base.w[q])));
        }
        expect(differingPredictions(t, base).every((c) => c === 0)).toBe(true);
      });
    }
  }
  const data = perceptronData({ n: 40, separable: true, seed: 6 });
  const w0 = [0.3, -0.8, 0.5];
  it('from w⁽⁰⁾ ≠ 0, some η give different predictions', () => {
    const runs = ETAS.map((eta) => trainPerceptron(data, { eta, w0, epochs: 20 }));
    const differ = runs.slice(1).some((r) => differingPredictions(r, runs[0]).some((c) => c > 0));
    expect(differ).toBe(true);
  });
  for (const k of [0.5, 3, 10]) {
    it(`(kη, k·w⁽⁰⁾) predicts exactly as (η, w⁽⁰⁾) for k = ${k}`, () => {
      const a = trainPerceptron(data, { eta: 0.2, w0, epochs: 20 });
      const b = trainPerceptron(data, { eta: 0.2 * k, w0: w0.map((v) => k * v), epochs: 20 });
      expect(differingPredictions(a, b).every((c) => c === 0)).toBe(true);
    });
  }
  it('records w after every presentation and the predictions at every step', () => {
    const t = trainPerceptron(data, { eta: 0.5, epochs: 3 });
    expect(Array.from(perceptronWeightsAt(t, 0))).toEqual([0, 0, 0]);
    expect(t.predictions.subarray(0, t.n).every((p) => p === 1)).toBe(true); // φ(0) = 1
    for (let s = 1; s < t.rows; s++) {
      const w = perceptronWeightsAt(t, s);
      const i = t.example[s];
      const z = w[0] + w[1] * data.X[2 * i] + w[2] * data.X[2 * i + 1];
      expect(t.predictions[s * t.n + i]).toBe(phi(z));
    }
  });
  it('converges on separable data and keeps erring on noisy data', () => {
    const sep = trainPerceptron(data, { eta: 1, epochs: 50 });
    expect(sep.errorsPerEpoch[49]).toBe(0);
    const noisy = trainPerceptron(perceptronData({ separable: false, seed: 6 }), { eta: 1, epochs: 50 });
    expect(noisy.errorsPerEpoch[49]).toBeGreaterThan(0);
  });
  it('validates η, w⁽⁰⁾ and epochs, naming the field', () => {
    expect(() => trainPerceptron(data, { eta: -1 })).toThrow('learning rate η must be a positive finite number (got -1)');
    expect(() => trainPerceptron(data, { eta: NaN })).toThrow(/learning rate η/);
    expect(() => trainPerceptron(data, { eta: 1, w0: [1, 2] })).toThrow(/w0 must have k \+ 1 = 3 entries/);
    expect(() => trainPerceptron(data, { eta: 1, epochs: 0 })).toThrow(/epochs must be a positive integer/);
  });
  it('stops with a finite trace when η overflows the weights', () => {
    const t = trainPerceptron(data, { eta: 1e308, epochs: 5 });
    expect(t.diverged?.message).toMatch(/^diverged at step \d+$/);
    expect(t.w.every(Number.isFinite)).toBe(true);
  });
});
