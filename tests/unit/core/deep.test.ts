import { describe, expect, it } from 'vitest';
import { deepBackward, deepForward, deepNet, initDeep, type DeepAct } from '../../../src/core/deep.ts';
import { circleData, deepTrainer, playgroundRun, PLAYGROUND } from '../../../src/core/deep-train.ts';
import { ConfigError } from '../../../src/core/errors.ts';
import { makeRng } from '../../../src/core/random.ts';

/** A small data set with n_0 = 3 inputs and n_L = 2 targets, all standard normal. */
function gaussData(n: number, seed: number) {
  const rng = makeRng(seed);
  return { n, X: Float64Array.from({ length: 3 * n }, rng.normal), Y: Float64Array.from({ length: 2 * n }, rng.normal) };
}

describe('deepForward', () => {
  it('computes z = W h + b layer by layer, W row-major (n_out × n_in), as written out by hand', () => {
    const net = deepNet([2, 2, 1], 'relu', 1);
    // W₁ = [[1, −2], [3, 4]], b₁ = [0.5, −1]; W₂ = [[2, −1]], b₂ = [0.25].
    const p = Float64Array.from([1, -2, 3, 4, 0.5, -1, 2, -1, 0.25]);
    const out = deepForward(net, p, Float64Array.from([1, 1]), 1);
    // z₁ = [1 − 2 + 0.5, 3 + 4 − 1] = [−0.5, 6]; h₁ = [0, 6]; ŷ = 2·0 − 6 + 0.25.
    expect([...net.z[0]]).toEqual([-0.5, 6]);
    expect([...net.h[0]]).toEqual([0, 6]);
    expect(out[0]).toBe(-5.75);
  });

  it('lays out parameters W_l then b_l, layer after layer', () => {
    const net = deepNet([3, 5, 4, 2], 'tanh', 4);
    expect(net.size).toBe(3 * 5 + 5 + 5 * 4 + 4 + 4 * 2 + 2);
    expect(net.wAt).toEqual([0, 20, 44]);
    expect(net.bAt).toEqual([15, 40, 52]);
    expect(net.acts).toEqual(['tanh', 'tanh', 'identity']);
  });

  it('refuses bad shapes, activations and batch sizes with a ConfigError', () => {
    expect(() => deepNet([3], 'tanh', 1)).toThrow(ConfigError);
    expect(() => deepNet([3, 0, 1], 'tanh', 1)).toThrow(/width of layer 1/);
    expect(() => deepNet([3, 2, 1], ['tanh'], 1)).toThrow(/one per layer/);
    expect(() => deepNet([3, 2, 1], 'gelu' as DeepAct, 1)).toThrow(/activation of layer 1/);
    const net = deepNet([3, 2, 1], 'tanh', 2);
    expect(() => deepForward(net, new Float64Array(net.size), new Float64Array(9), 3)).toThrow(/batch size/);
  });
});

describe('deepBackward against central finite differences', () => {
  for (const act of ['tanh', 'relu', 'sigmoid', 'identity'] as const) {
    it(`${act}: every component of ∂L/∂p, widths [3, 5, 4, 2], batch 6`, () => {
      const data = gaussData(6, 3);
      const net = deepNet([3, 5, 4, 2], [act, act, 'identity'], 6);
      const p = initDeep(net, new Float64Array(net.size), makeRng(7), (_l, a) => 1.5 / a, 0.1);
      const t = deepTrainer(net, data, makeRng(1));
      const idx = Int32Array.from({ length: 6 }, (_, i) => i);
      t.lossGrad(p, idx, 0, 6);
      const analytic = Float64Array.from(t.g);
      // ReLU's kink: the difference quotient is only valid when no pre-activation lies within h of 0.
      const minZ = Math.min(...net.z.slice(0, 2).flatMap((z) => [...z].map(Math.abs)));
      const h = 1e-5;
      // 1e-3 is a hundred steps h away: no difference quotient straddles a kink.
      expect(act !== 'relu' || minZ > 1e-3).toBe(true);
      const q = Float64Array.from(p);
      for (let k = 0; k < net.size; k++) {
        q[k] = p[k] + h;
        const up = t.lossGrad(q, idx, 0, 6);
        q[k] = p[k] - h;
        const down = t.lossGrad(q, idx, 0, 6);
        q[k] = p[k];
        // Central differences err by O(h²·L‴) ≈ 1e-10 and rounding by 1e-16/h ≈ 1e-11: 1e-8 leaves room.
        expect(Math.abs((up - down) / (2 * h) - analytic[k])).toBeLessThan(1e-8 * (1 + Math.abs(analytic[k])));
      }
    });
  }

  it('dz[l] is ∂L/∂z_l: its last layer is the dOut it was given, for a linear output', () => {
    const net = deepNet([2, 3, 2], 'tanh', 2);
    const p = initDeep(net, new Float64Array(net.size), makeRng(2), () => 1);
    const X = Float64Array.from([0.3, -1, 2, 0.5]);
    deepForward(net, p, X, 2);
    const dOut = Float64Array.from([1, -2, 0.5, 3]);
    deepBackward(net, p, X, 2, dOut, new Float64Array(net.size));
    expect([...net.dz[1]]).toEqual([...dOut]);
  });
});

describe('mini-batch SGD', () => {
  it('a step is p ← p − η g with g the gradient of that batch, and reuses every buffer', () => {
    const data = gaussData(8, 5);
    const net = deepNet([3, 4, 2], 'tanh', 4);
    const p = initDeep(net, new Float64Array(net.size), makeRng(3), (_l, a) => 1 / a);
    const before = Float64Array.from(p);
    const buffers = [...net.z, ...net.h, ...net.dz];
    const t = deepTrainer(net, data, makeRng(9));
    t.step(p, 0.1, 4);
    const g = Float64Array.from(t.g);
    for (let k = 0; k < net.size; k++) expect(p[k]).toBe(before[k] - 0.1 * g[k]);
    t.step(p, 0.1, 4);
    expect([...net.z, ...net.h, ...net.dz].every((b, i) => b === buffers[i])).toBe(true);
  });

  it('one pass of batches covers every example exactly once (full-batch gradient = mean of the parts)', () => {
    const data = gaussData(8, 6);
    const net = deepNet([3, 4, 2], 'relu', 8);
    const p = initDeep(net, new Float64Array(net.size), makeRng(4), (_l, a) => 2 / a);
    const t = deepTrainer(net, data, makeRng(1));
    const idx = Int32Array.from({ length: 8 }, (_, i) => i);
    const full = t.lossGrad(p, idx, 0, 8);
    const gFull = Float64Array.from(t.g);
    const a = t.lossGrad(p, idx, 0, 4), ga = Float64Array.from(t.g);
    const b = t.lossGrad(p, idx, 4, 4);
    // Sums in another order: equal up to rounding (1e-12 relative).
    expect(Math.abs((a + b) / 2 - full)).toBeLessThan(1e-12 * full);
    for (let k = 0; k < net.size; k++) expect(Math.abs((ga[k] + t.g[k]) / 2 - gFull[k])).toBeLessThan(1e-12 * (1 + Math.abs(gFull[k])));
    expect(Math.abs(t.loss(p) - full)).toBeLessThan(1e-12 * full);
  });

  it("learns Playground's circles in its setting: the loss falls well below its start, for tanh and ReLU", () => {
    for (const act of ['tanh', 'relu'] as const) {
      const start = playgroundRun(act, 0);
      const end = playgroundRun(act, 3000);
      expect(end).toBeLessThan(0.25 * start);
    }
    const d = circleData(PLAYGROUND.n, makeRng(1));
    expect(d.X.length).toBe(2 * PLAYGROUND.n);
  });

  it('refuses a batch larger than the net was built for, and a non-positive rate', () => {
    const data = gaussData(8, 6);
    const net = deepNet([3, 4, 2], 'relu', 4);
    const t = deepTrainer(net, data, makeRng(1));
    const p = new Float64Array(net.size);
    expect(() => t.step(p, 0.1, 5)).toThrow(/batch size/);
    expect(() => t.step(p, 0, 4)).toThrow(/learning rate/);
    expect(() => deepTrainer(net, { n: 8, X: new Float64Array(3), Y: new Float64Array(16) }, makeRng(1))).toThrow(ConfigError);
  });
});
