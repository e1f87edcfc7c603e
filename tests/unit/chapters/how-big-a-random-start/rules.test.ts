import { describe, expect, it } from 'vitest';
import { firstOutside, gaussMean, gaussMeanLocal, PHI, predictSpread, ruleVariance, RULES } from '../../../../src/chapters/how-big-a-random-start/rules.ts';
import { makeRng } from '../../../../src/core/random.ts';
import { deepBackward, deepForward, deepNet, initDeep } from '../../../../src/core/deep.ts';

describe('the rules', () => {
  it('deeplearning.ai’s “Xavier” is LeCun’s 1/n_in; Glorot’s 2/(n_in + n_out) equals it only when n_in = n_out', () => {
    for (const [a, b] of [[2, 8], [8, 8], [784, 10], [3, 3]]) {
      expect(ruleVariance('dlai', a, b)).toBe(ruleVariance('lecun', a, b));
      expect(ruleVariance('glorot', a, b) === ruleVariance('lecun', a, b)).toBe(a === b);
      expect(ruleVariance('he', a, b)).toBe(2 / a);
    }
    expect(ruleVariance('free', 4, 9, 3)).toBe(3 / 4);
    expect(RULES).toContain('dlai');
  });
});

describe('gaussMean (E over z ~ N(0, q))', () => {
  it('gives the closed forms E[1] = 1, E[z²] = q, E[z⁴] = 3q² and E[cos z] = e^(−q/2)', () => {
    for (const q of [1e-6, 0.3, 1, 7, 50]) {
      // Trapezoid on a Gaussian is spectrally accurate: what is left is rounding, 1e-13 relative.
      expect(Math.abs(gaussMean(() => 1, q) - 1)).toBeLessThan(1e-13);
      expect(Math.abs(gaussMean((z) => z * z, q) / q - 1)).toBeLessThan(1e-12);
      expect(Math.abs(gaussMean((z) => z ** 4, q) / (3 * q * q) - 1)).toBeLessThan(1e-12);
      expect(Math.abs(gaussMean(Math.cos, q) - Math.exp(-q / 2))).toBeLessThan(1e-13);
    }
  });

  it('gaussMeanLocal agrees with gaussMean on sech², and for wide q with (2 − π²/(12q))/√(2πq) (∫sech² = 2, ∫z²sech² = π²/6)', () => {
    const sech2 = (z: number) => 1 / Math.cosh(z) ** 2;
    // Up to q = 3 only: beyond, gaussMean's step √q/10 is too coarse for sech²'s poles π/2 off the axis (that is why Local exists).
    for (const q of [0.01, 1, 3]) expect(Math.abs(gaussMeanLocal(sech2, q) - gaussMean(sech2, q))).toBeLessThan(1e-14);
    for (const q of [1e4, 1e8]) {
      const wide = (2 - Math.PI ** 2 / (12 * q)) / Math.sqrt(2 * Math.PI * q);
      // The next term of the expansion is O(q^(−2)) relative: 1e-7 at q = 1e4.
      expect(Math.abs(gaussMeanLocal(sech2, q) / wide - 1)).toBeLessThan(1e-7);
    }
  });

  it('E[tanh² z] = q − 2q² + (17/3)q³ + O(q⁴) for small q (from tanh² z = z² − (2/3)z⁴ + (17/45)z⁶ − …)', () => {
    for (const q of [1e-3, 1e-4]) {
      const series = q - 2 * q * q + (17 / 3) * q ** 3;
      // The next term is −(62/315)·105 q⁴ ≈ 21 q⁴: 30 q⁴ bounds it.
      expect(Math.abs(PHI.tanh.f2(q) - series)).toBeLessThan(30 * q ** 4);
    }
  });

  it('E[tanh² z] and E[sech⁴ z] agree with a Monte Carlo of 200 000 draws, on both sides of q = 1', () => {
    const rng = makeRng(11);
    const N = 200_000;
    for (const q of [0.5, 1, 3, 40]) {
      let a = 0, b = 0;
      for (let i = 0; i < N; i++) {
        const z = Math.sqrt(q) * rng.normal();
        a += Math.tanh(z) ** 2;
        b += PHI.tanh.df(z) ** 2;
      }
      // Both integrands lie in [0, 1], so the Monte Carlo's standard error is below 1/(2√N) ≈ 0.0011: 5 of them.
      expect(Math.abs(a / N - PHI.tanh.f2(q))).toBeLessThan(0.006);
      expect(Math.abs(b / N - PHI.tanh.df2(q))).toBeLessThan(0.006);
    }
  });

  it('ReLU’s closed forms E[relu(z)²] = q/2 and E[relu′(z)²] = 1/2 match a Monte Carlo', () => {
    const rng = makeRng(5);
    let a = 0, b = 0;
    const N = 200_000;
    for (let i = 0; i < N; i++) {
      const z = 2 * rng.normal();
      a += PHI.relu.f(z) ** 2;
      b += PHI.relu.df(z) ** 2;
    }
    // Standard errors: √(Var(relu(z)²)/N) = √(q²·5/4 /N) ≈ 0.005 for q = 4, and 0.0011 for the indicator: 5 of each.
    expect(Math.abs(a / N - PHI.relu.f2(4))).toBeLessThan(0.025);
    expect(Math.abs(b / N - PHI.relu.df2(4))).toBeLessThan(0.006);
  });
});

describe('predictSpread', () => {
  const equal = (L: number, n: number) => Array.from({ length: L + 1 }, () => n);
  it('He keeps ReLU at q = 2 and g = 1 on every layer; LeCun halves both per layer (the closed forms)', () => {
    const w = equal(12, 30);
    const he = predictSpread(w, w.slice(1).map(() => 2 / 30), 'relu', 1);
    for (const q of he.q) expect(q).toBeCloseTo(2, 12);
    for (const g of he.g) expect(g).toBeCloseTo(1, 12);
    const lecun = predictSpread(w, w.slice(1).map(() => 1 / 30), 'relu', 1);
    lecun.q.forEach((q, l) => expect(q).toBeCloseTo(2 ** -l, 14));
    lecun.g.forEach((g, l) => expect(g).toBeCloseTo(2 ** -(11 - l), 14));
  });

  it('identity: q_l = (n·v)^l exactly, so LeCun keeps 1 and He doubles', () => {
    const w = equal(5, 10);
    expect(predictSpread(w, w.slice(1).map(() => 0.1), 'identity', 1).q).toEqual([1, 1, 1, 1, 1].map((x) => x));
    predictSpread(w, w.slice(1).map(() => 0.2), 'identity', 1).q.forEach((q, l) => expect(q).toBeCloseTo(2 ** (l + 1), 12));
  });

  it('a bias variance adds σ_b² to every q: tanh then has a fixed point q* > 0 instead of decaying to 0', () => {
    const w = equal(200, 10);
    const { q } = predictSpread(w, w.slice(1).map(() => 0.1), 'tanh', 1, 0.1);
    const last = q[q.length - 1];
    // At the fixed point q* = E[tanh²] + σ_b²: the recursion has converged to rounding.
    expect(Math.abs(PHI.tanh.f2(last) + 0.1 - last)).toBeLessThan(1e-12);
    expect(last).toBeGreaterThan(0.1);
  });

  it('firstOutside counts layers from 1 and treats non-finite values as outside', () => {
    expect(firstOutside([1, 0.1, 1e-4])).toBe(3);
    expect(firstOutside([1, 2e3])).toBe(2);
    expect(firstOutside([1, Infinity])).toBe(2);
    expect(firstOutside([1, NaN])).toBe(2);
    expect(firstOutside([1, 1])).toBeNull();
  });

  it('on unequal widths the backward factor is the fan-out of the layer above: identity, LeCun, [50, 100, 20, 200, 50]', () => {
    const w = [50, 100, 20, 200, 50];
    const v = w.slice(1).map((_, l) => 1 / w[l]);
    // g_l = Π over the layers above of n_out·v = n_out/n_in: 50/200, then ·200/20, then ·20/100.
    expect(predictSpread(w, v, 'identity', 1).g.map((x) => +x.toFixed(12))).toEqual([0.5, 2.5, 0.25, 1]);
  });

  it('on unequal widths g_l matches the mean squares of ∂L/∂z measured in ReLU nets under He’s rule (Monte Carlo)', () => {
    const w = [50, 100, 20, 200, 50], B = 16, draws = 40;
    const net = deepNet(w, 'relu', B);
    const v = w.slice(1).map((_, l) => 2 / w[l]);
    const rng = makeRng(3);
    const p = new Float64Array(net.size), grad = new Float64Array(net.size);
    const X = new Float64Array(B * w[0]), U = new Float64Array(B * w[4]);
    const ms = [0, 0, 0, 0];
    for (let d = 0; d < draws; d++) {
      initDeep(net, p, rng, (l) => v[l]);
      for (let q = 0; q < X.length; q++) X[q] = rng.normal();
      for (let q = 0; q < U.length; q++) U[q] = rng.normal();
      deepForward(net, p, X, B);
      deepBackward(net, p, X, B, U, grad);
      net.dz.forEach((dz, l) => { ms[l] += dz.reduce((a, x) => a + x * x, 0) / dz.length / draws; });
    }
    const g = predictSpread(w, v, 'relu', 1).g;
    // Correct theory [0.2, 1, 0.5, 1]; the fan-in version would say [0.4, 0.4, 2, 1], off by ×2 to ×4 on three layers.
    // 40 draws × 16 inputs: the narrow layer of 20 fluctuates most, a few per cent; 15 % separates the two clearly.
    g.forEach((t, l) => expect(Math.abs(ms[l] / t - 1)).toBeLessThan(0.15));
  });
});
