import { describe, expect, it } from 'vitest';
import { SETUP, tieData } from '../../../../src/chapters/what-breaks-a-tie/mechanisms.ts';
import { lossGrad, size } from '../../../../src/chapters/what-breaks-a-tie/net.ts';
import { antisymmetricHessian, decayedGrad, measuredThreshold, predictedThreshold, RETIE, retieRun, retieSweep, unit } from '../../../../src/chapters/what-breaks-a-tie/retie.ts';

const s = { k: SETUP.k, d: SETUP.d };
const data = tieData();
const rows = Int32Array.from({ length: data.n }, (_, i) => i);
/** L_γ(p) = L(p) + γ/2·‖p‖². */
const lossAt = (gamma: number, p: Float64Array) => lossGrad('tanh', s, p, { X: data.X, Y: data.Y, rows }, new Float64Array(size(s))) + (gamma / 2) * p.reduce((a, x) => a + x * x, 0);
/** p moved by u along the unit antisymmetric direction of parameter b: unit 1 by +u/√2, unit 0 by −u/√2. */
const along = (p: Float64Array, b: number, u: number) => {
  const q = p.slice();
  q[unit(1)[b]] += u / Math.SQRT2;
  q[unit(0)[b]] -= u / Math.SQRT2;
  return q;
};

describe('weight decay ties units again', () => {
  const sweep = retieSweep();
  it('the tied points are stationary: the gradient there is small for every γ of the sweep', () => {
    // 3000 steps leave γ = 0 at about 4e-6 (its slowest symmetric direction is flat); the rest reach rounding.
    for (const r of sweep) expect(r.tiedGrad, `γ = ${r.gamma}`).toBeLessThan(1e-5);
  });
  it('the kicked gap changes at the rate −μ the curvature across the tie predicts, at every γ', () => {
    // A kick of 1e-6 leaves four decades of linear growth or shrinkage, so faster directions die out inside the
    // window; what remains is the window's finite length and μ's O(h²) differences: 2% of μ, plus 1e-3 near μ = 0.
    for (const r of sweep) expect(Math.abs(r.rate + r.mu), `γ = ${r.gamma}`).toBeLessThan(0.02 * Math.abs(r.mu) + 1e-3);
  });
  it('at a tied point the gradient has no antisymmetric part, bit for bit, and the Hessian has no symmetric–antisymmetric block', () => {
    const { tied } = retieRun(0.05);
    const g = new Float64Array(size(s));
    decayedGrad(0.05)(tied, g);
    unit(0).forEach((q, i) => expect(Object.is(g[q], g[unit(1)[i]])).toBe(true));
    // The cross block: the antisymmetric part of the gradient's change along a symmetric direction.
    const h = 1e-5, gp = new Float64Array(size(s)), gm = new Float64Array(size(s));
    for (let b = 0; b < unit(0).length; b++) {
      const pp = tied.slice(), pm = tied.slice();
      for (const j of [0, 1]) [pp[unit(j)[b]], pm[unit(j)[b]]] = [pp[unit(j)[b]] + h, pm[unit(j)[b]] - h];
      decayedGrad(0.05)(pp, gp);
      decayedGrad(0.05)(pm, gm);
      // At a tied point pp and pm are tied too, so the two units' gradients agree to rounding: 1e-16 / h.
      unit(0).forEach((q, a) => expect(Math.abs(gp[unit(1)[a]] - gp[q] - (gm[unit(1)[a]] - gm[q])) / (2 * h)).toBeLessThan(1e-9));
    }
  });
  it('L_γ is even along an antisymmetric direction, and its second difference is nᵀ(H + γ)n', () => {
    for (const gamma of [0, 0.1]) {
      const { tied } = retieRun(gamma);
      const H = antisymmetricHessian(gamma, tied), m = unit(0).length;
      for (let b = 0; b < m; b++) {
        const u = 1e-3;
        const [plus, minus, mid] = [lossAt(gamma, along(tied, b, u)), lossAt(gamma, along(tied, b, -u)), lossAt(gamma, tied)];
        // Swapping the units maps +u to −u exactly, up to the order of the output's two-term sum: 1e-16 of the loss.
        expect(Math.abs(plus - minus)).toBeLessThan(1e-15);
        // The second difference errs by O(u²·L'''') ≈ 1e-7 relative, plus rounding of L/u² ≈ 1e-10.
        expect(Math.abs((plus + minus - 2 * mid) / (u * u) - H[b * m + b])).toBeLessThan(1e-6);
      }
    }
  });
  it('below the threshold the units come apart, above it they come back together; the runs and μ agree on where', () => {
    const pred = predictedThreshold(sweep)!, meas = measuredThreshold(sweep)!;
    expect(pred).toBeGreaterThan(0);
    for (const r of sweep) expect(r.verdict).toBe(r.gamma > pred ? 'retied' : 'apart');
    // The two differ by the runs' window and the sweep's spacing: within half a sweep step.
    expect(Math.abs(pred - meas)).toBeLessThan(0.005);
    const high = sweep.at(-1)!;
    // "Down to rounding": the gap of parameters of size ~1 at a few dozen ulps.
    expect(high.gaps.at(-1)!).toBeLessThan(1e-13);
    expect(RETIE.kick).toBeGreaterThan(1e-13);
  });
});
