import { describe, expect, it } from 'vitest';
import { curvature, hessian, withWeightDecay } from '../../../src/core/curvature.ts';
import { regressionData } from '../../../src/core/datasets.ts';
import { gradCheck } from '../../../src/core/gradcheck.ts';
import { mlpModel } from '../../../src/core/mlp.ts';
import { fullLossGrad } from '../../../src/core/model.ts';
import { makeRng } from '../../../src/core/random.ts';

const mlp = mlpModel(regressionData({ n: 32, k: 2, teacher: 'tanh' }), { d: 2, activation: 'tanh' });
const rnd = (n: number, seed: number) => Float64Array.from({ length: n }, makeRng(seed).normal);

describe('weight decay and the Hessian', () => {
  it('the penalised gradient ∇L + 2λθ equals central differences of L + λ‖θ‖²', () => {
    for (const lambda of [3e-4, 0.1]) {
      const J = withWeightDecay(mlp, lambda);
      // Same bound as the other gradient checks of this chapter: h = 1e-5, relative error ≤ 1e-6.
      for (const seed of [1, 2, 3]) expect(gradCheck(J, rnd(mlp.layout.size, seed)).maxRelErr).toBeLessThan(1e-6);
    }
    expect(() => withWeightDecay(mlp, -1)).toThrow(/weight decay λ/);
  });
  it('the Hessian of the penalty is 2λI (closed form), and its diagonal matches second differences of the loss', () => {
    const p = rnd(mlp.layout.size, 7);
    const P = mlp.layout.size;
    const lambda = 0.05;
    const H0 = hessian(mlp, p);
    const H1 = hessian(withWeightDecay(mlp, lambda), p);
    // Differences of the same gradients, plus 2λ((θ+h) − (θ−h))/2h: they differ by 2λI up to ~1e-11 of rounding.
    for (let q = 0; q < P; q++) for (let u = 0; u < P; u++) expect(Math.abs(H1[q * P + u] - H0[q * P + u] - (q === u ? 2 * lambda : 0))).toBeLessThan(1e-9);
    const { loss } = fullLossGrad(mlp, p);
    const h = 1e-4;
    for (let q = 0; q < P; q++) {
      const r = Float64Array.from(p);
      r[q] = p[q] + h;
      const up = fullLossGrad(mlp, r).loss;
      r[q] = p[q] - h;
      const down = fullLossGrad(mlp, r).loss;
      // (L(θ+h) − 2L(θ) + L(θ−h)) / h²: truncation ~h²·(4th derivative) ≈ 1e-8, rounding ~1e-16·L/h² ≈ 1e-8.
      expect(Math.abs((up - 2 * loss + down) / (h * h) - H0[q * P + q])).toBeLessThan(1e-6);
    }
  });
  it('curvature gives the extreme eigenvalues of the Hessian: 2λ more with the penalty, and both are real numbers', () => {
    const p = rnd(mlp.layout.size, 3);
    const [a, b] = [curvature(mlp, p), curvature(withWeightDecay(mlp, 0.05), p)];
    // The penalty shifts every eigenvalue by 2λ = 0.1; the difference Hessians' rounding (~1e-9) is far below that.
    expect(Math.abs(b.min - a.min - 0.1)).toBeLessThan(1e-7);
    expect(Math.abs(b.max - a.max - 0.1)).toBeLessThan(1e-7);
    expect(a.min).toBeLessThanOrEqual(a.max);
  });
});
