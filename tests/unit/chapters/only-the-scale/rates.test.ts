import { describe, expect, it } from 'vitest';
import { perceptronData } from '../../../../src/chapters/only-the-scale/data.ts';
import { phi, trainPerceptron } from '../../../../src/chapters/only-the-scale/perceptron.ts';
import { boundarySegment, dataPoints, etaSweep, pointsData, sameSegment, secondUpdate, unscaledRun } from '../../../../src/chapters/only-the-scale/rates.ts';
import { makeRng } from '../../../../src/core/random.ts';

// w is a sum of ±2η x̃ terms; w/η and the η-free sum differ only by rounding of each term and of the
// sum: over ≤ 800 terms of size ≤ 2√3, 1e-12 relative to (1 + |value|) is far above that and far below any real change.
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * (1 + Math.abs(b));
const ETAS = [0.001, 0.01, 0.1, 1, 10, 0.37];

describe('only the scale: the perceptron from w⁽⁰⁾ = 0', () => {
  for (const separable of [true, false]) {
    const data = perceptronData({ n: 40, separable, seed: 3 });
    const u = unscaledRun(data, { epochs: 20 });
    for (const eta of ETAS) {
      it(`w⁽ᵗ⁾ = η·u⁽ᵗ⁾ at every step, u from the η-free recursion (η = ${eta}, separable ${separable})`, () => {
        const t = trainPerceptron(data, { eta, epochs: 20 });
        expect(t.w.length).toBe(u.length);
        for (let q = 0; q < u.length; q++) expect(close(t.w[q] / eta, u[q])).toBe(true);
      });
    }
    it(`every η labels every point alike at every step (separable ${separable})`, () => {
      const sweep = etaSweep(data, ETAS, { epochs: 20, reference: 3 });
      expect(sweep.runs.every((r) => r.rows === 20 * 40 + 1)).toBe(true);
      expect(sweep.maxDiffering).toBe(0);
    });
  }
  it('for η a power of two, w⁽ᵗ⁾/η equals u⁽ᵗ⁾ bit for bit (scaling by 2^j is exact in floating point)', () => {
    const data = perceptronData({ n: 40, separable: false, seed: 3 });
    const u = unscaledRun(data, { epochs: 20 });
    for (const eta of [0.125, 0.5, 4, 1024]) {
      const t = trainPerceptron(data, { eta, epochs: 20 });
      expect(Array.from(t.w, (v) => v / eta)).toEqual(Array.from(u));
    }
  });
  it('φ(ηz) = φ(z) for every η > 0, z = 0 included: the step the induction rests on', () => {
    for (const z of [-3, -1e-300, 0, 1e-300, 2]) for (const eta of ETAS) expect(phi(eta * z)).toBe(phi(z));
  });
});

describe('the unrolled second update', () => {
  const data = perceptronData({ n: 10, separable: false, seed: 9 });
  const xt = (i: number) => [1, data.X[2 * i], data.X[2 * i + 1]];
  const rng = makeRng(4);
  for (let trial = 0; trial < 6; trial++) {
    const w0 = trial === 0 ? [0, 0, 0] : [rng.normal(), rng.normal(), rng.normal()];
    const eta = [0.01, 0.5, 3][trial % 3];
    it(`matches trainPerceptron's w⁽²⁾ − w⁽¹⁾ (w⁽⁰⁾ = ${w0.map((v) => v.toFixed(2))}, η = ${eta})`, () => {
      const t = trainPerceptron(data, { eta, w0, epochs: 1 });
      const d = secondUpdate(w0, eta, xt(0), data.Y[0], xt(1), data.Y[1]);
      for (let q = 0; q < 3; q++) expect(close(d[q], t.w[6 + q] - t.w[3 + q])).toBe(true);
    });
  }
  it('from w⁽⁰⁾ = 0 it is η(y₂ − φ((y₁ − 1) x̃₁·x̃₂)) x̃₂ (the answer\'s simplification)', () => {
    for (let i = 0; i + 1 < data.n; i++) {
      const [a, b] = [xt(i), xt(i + 1)];
      const sign = phi((data.Y[i] - 1) * (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]));
      for (const eta of ETAS) {
        const d = secondUpdate([0, 0, 0], eta, a, data.Y[i], b, data.Y[i + 1]);
        d.forEach((v, q) => expect(v).toBe(eta * (data.Y[i + 1] - sign) * b[q]));
      }
    }
  });
});

describe('non-zero start: only w⁽⁰⁾/η matters', () => {
  const data = perceptronData({ n: 40, separable: false, seed: 3 });
  const w0 = [0.4, -1.1, 0.7];
  for (const eta of [0.05, 1, 4]) {
    it(`w⁽ᵗ⁾ = η·u⁽ᵗ⁾ with u⁽⁰⁾ = w⁽⁰⁾/η (η = ${eta})`, () => {
      const t = trainPerceptron(data, { eta, w0, epochs: 10 });
      const u = unscaledRun(data, { v0: w0.map((v) => v / eta), epochs: 10 });
      for (let q = 0; q < u.length; q++) expect(close(t.w[q] / eta, u[q])).toBe(true);
    });
  }
  for (const k of [0.1, 3, 10]) {
    it(`(kη, k·w⁽⁰⁾) gives k times the weights and the same labels (k = ${k})`, () => {
      const a = trainPerceptron(data, { eta: 0.3, w0, epochs: 10 });
      const b = trainPerceptron(data, { eta: 0.3 * k, w0: w0.map((v) => k * v), epochs: 10 });
      for (let q = 0; q < a.w.length; q++) expect(close(b.w[q] / k, a.w[q])).toBe(true);
      expect(b.predictions).toEqual(a.predictions);
    });
  }
  it('different η then label some points differently', () => {
    expect(etaSweep(data, ETAS, { w0, epochs: 10 }).maxDiffering).toBeGreaterThan(0);
  });
});

describe('helpers', () => {
  it('boundarySegment: both ends on the line and on the square\'s edge', () => {
    const rng = makeRng(2);
    for (let trial = 0; trial < 200; trial++) {
      const w = [rng.normal() * 0.5, rng.normal(), rng.normal()];
      const seg = boundarySegment(w, -1, 1);
      // A line meets the square iff the corners are not all on one side.
      const corners = [[-1, -1], [-1, 1], [1, -1], [1, 1]].map(([a, b]) => Math.sign(w[0] + w[1] * a + w[2] * b));
      expect(seg !== null).toBe(corners.some((c) => c > 0) && corners.some((c) => c < 0));
      for (const p of seg ?? []) {
        expect(Math.abs(w[0] + w[1] * p.x1 + w[2] * p.x2)).toBeLessThan(1e-12); // a line evaluated at its own solution
        expect(Math.max(Math.abs(p.x1), Math.abs(p.x2))).toBeCloseTo(1, 12);
      }
    }
    expect(boundarySegment([0, 0, 0], -1, 1)).toBeNull();
    const vertical = boundarySegment([0, 1, 0], -1, 1)!; // x₁ = 0: w₂ = 0 must not divide by zero
    expect(vertical.map((p) => [p.x1, p.x2]).sort((a, b) => a[1] - b[1])).toEqual([[-0, -1], [-0, 1]]);
  });
  it('sameSegment: one line whichever end comes first, within its tolerance only', () => {
    const a = boundarySegment([0.2, 1, -0.5], -1, 1)!;
    const scaled = boundarySegment([0.2 * 7, 7, -0.5 * 7], -1, 1)!; // the same line, w scaled
    expect(sameSegment(a, scaled)).toBe(true);
    expect(sameSegment(a, [a[1], a[0]])).toBe(true);
    const moved = [{ ...a[0], x2: a[0].x2 + 1e-6 }, a[1]] as const;
    expect(sameSegment(a, moved)).toBe(false);
    expect(sameSegment(a, moved, 1e-5)).toBe(true);
    expect(sameSegment(null, null)).toBe(true);
    expect(sameSegment(a, null)).toBe(false);
  });
  it('pointsData and dataPoints round-trip and validate', () => {
    const data = perceptronData({ n: 12, seed: 5 });
    const again = pointsData(dataPoints(data));
    expect(again.X).toEqual(data.X);
    expect(again.Y).toEqual(data.Y);
    expect(() => pointsData([])).toThrow(/points n must be a positive integer/);
    expect(() => pointsData([{ x1: NaN, x2: 0, y: 1 }])).toThrow(/point x1/);
    expect(() => pointsData([{ x1: 0, x2: 0, y: 0 as 1 }])).toThrow(/point label must be −1 or \+1/);
  });
});
