import { describe, expect, it } from 'vitest';
import { measureSpread, quantile } from '../../../../src/chapters/how-big-a-random-start/spread.ts';

const base = { L: 8, n: 200, B: 32, biasVariance: 0, sigma2: 1, seed: 1 } as const;

/** The mean over seeds of each layer's measured mean square, for activations and gradients. */
function averaged(spec: Parameters<typeof measureSpread>[0], seeds: number) {
  const z = new Array<number>(spec.L).fill(0), g = new Array<number>(spec.L).fill(0);
  let theory = measureSpread(spec).layers;
  for (let s = 1; s <= seeds; s++) {
    const r = measureSpread({ ...spec, seed: s });
    r.layers.forEach((l, i) => { z[i] += l.zRms ** 2 / seeds; g[i] += l.gRms! ** 2 / seeds; });
    theory = r.layers;
  }
  return { z, g, theory };
}

describe('measureSpread against the wide-network theory (Monte Carlo)', () => {
  for (const [act, rule, bias] of [['relu', 'he', 0], ['relu', 'lecun', 0], ['tanh', 'lecun', 0], ['tanh', 'lecun', 0.1], ['tanh', 'he', 0]] as const) {
    it(`${act} with ${rule}, σ_b² = ${bias}: mean squares of z and ∂L/∂z within 15 % of q_l and g_l at every layer`, () => {
      const { z, g, theory } = averaged({ ...base, act, rule, biasVariance: bias }, 12);
      // 12 draws × 32 inputs × 200 units; the per-draw fluctuation grows with depth (about √(L·c/n) in log scale,
      // c ≤ 5 for ReLU): at L = 8, n = 200, 12 draws the mean square is within a few per cent; 15 % leaves room.
      theory.forEach((t, l) => {
        expect(Math.abs(z[l] / t.zTheory! ** 2 - 1)).toBeLessThan(0.15);
        expect(Math.abs(g[l] / t.gTheory! ** 2 - 1)).toBeLessThan(0.15);
      });
    });
  }

  it('the window exits: ReLU with LeCun’s rule leaves 10⁻³ where the theory says, 2^(−(l−1)/2) < 10⁻³ at l = 21', () => {
    const r = measureSpread({ ...base, L: 30, n: 200, act: 'relu', rule: 'lecun' });
    // Measured within a layer or two of the theory (its RMS wanders by a few per cent per layer at n = 200).
    expect(Math.abs(r.forwardOut! - 21)).toBeLessThanOrEqual(2);
    expect(Math.abs(r.backwardOut! - 21)).toBeLessThanOrEqual(2);
    expect(measureSpread({ ...base, L: 30, act: 'relu', rule: 'he' }).forwardOut).toBeNull();
  });

  it('an overflowing σ² names the layer and leaves nothing non-finite in the rows', () => {
    const r = measureSpread({ ...base, L: 50, n: 20, act: 'identity', rule: 'free', sigma2: 1e16 });
    expect(r.overflow).not.toBeNull();
    expect(r.overflow!).toBeLessThan(50);
    expect(r.layers.length).toBe(r.overflow! - 1);
    for (const l of r.layers) for (const v of Object.values(l)) expect(v === null || Number.isFinite(v)).toBe(true);
    expect(r.layers.every((l) => l.gRms === null)).toBe(true);
  });

  it('quantile interpolates linearly between order statistics', () => {
    const s = Float64Array.from([0, 1, 2, 3, 4]);
    expect(quantile(s, 0.5)).toBe(2);
    expect(quantile(s, 0.1)).toBeCloseTo(0.4, 15);
    expect(quantile(s, 1)).toBe(4);
  });
});
