import { describe, expect, it } from 'vitest';
import { lossGrad, TRAIN } from '../../../../src/chapters/many-minima/fit.ts';
import { LINE, sliceSetup, slicePlane, swap, tiedPoint } from '../../../../src/chapters/many-minima/slice.ts';
import { wideModel } from '../../../../src/chapters/many-minima/wide.ts';

const M2 = wideModel(TRAIN, 2, 'tanh');
const s = sliceSetup(1);

describe('the tied point and its line of critical points', () => {
  it('is tied (the swap leaves it alone) and critical', () => {
    expect(Array.from(swap(s.tied))).toEqual(Array.from(s.tied));
    expect(s.tiedGrad).toBeLessThan(1e-11);
  });
  it('every split (s·v, (1 − s)·v) of the output weight has the same function, loss and a zero gradient', () => {
    const { params } = tiedPoint(1);
    const v = params[4] + params[5];
    for (const share of [0, 0.2, 0.5, 0.9, 1.5]) {
      const p = Float64Array.from(params);
      [p[4], p[5]] = [share * v, (1 - share) * v];
      const r = lossGrad(M2, p);
      // The one-unit net's loss with v split in two: rounding of one extra addition per example.
      expect(r.loss).toBeCloseTo(s.tiedLoss, 14);
      // ‖∇‖ at the split point: the one-unit gradient scaled by the shares, all of it below the polish tolerance.
      expect(r.norm).toBeLessThan(1e-10);
    }
    // Along the line the curvature is zero (to the rounding of a difference Hessian), and the line is swap-odd.
    expect(Math.abs(s.lineCurvature)).toBeLessThan(1e-8);
    expect(Array.from(swap(LINE))).toEqual(Array.from(LINE, (x) => (x === 0 ? 0 : -x)));
  });
  it('is a saddle: exactly one negative Hessian eigenvalue, whose eigenvector is swap-odd', () => {
    // Eigenvalues below −1e-8 count as negative: the difference Hessian's rounding is far below that (the zero one is ~1e-16).
    expect(s.eigenvalues.filter((v) => v < -1e-8)).toHaveLength(1);
    const u = s.unstable;
    const su = swap(Float64Array.from(u));
    // Swap-odd: π u = −u, up to the eigen-solver's rounding.
    u.forEach((x, q) => expect(su[q]).toBeCloseTo(-x, 8));
  });
});

describe('at every seed the figure offers', () => {
  it('θ is a strict minimum and the tied point a saddle (what the prose says of this task)', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const t = sliceSetup(seed);
      // Strict: θ's smallest Hessian eigenvalue is positive (the smallest seen is ~1e-5, far above the difference Hessian's rounding).
      expect(t.minEigTheta).toBeGreaterThan(1e-8);
      expect(t.eigenvalues.filter((v) => v < -1e-8)).toHaveLength(1);
    }
  });
});

describe('slicePlane', () => {
  it('holds θ at (α, β), its copy at (−α, β), the saddle at the origin, and is mirror-symmetric', () => {
    const pl = slicePlane(s, { offset: 0, span: 1.5, n: 41 });
    expect(s.min.gradNorm).toBeLessThan(1e-11);
    const rel = Array.from(s.min.params, (v, q) => v - s.tied[q]);
    expect(Math.hypot(pl.alpha, pl.beta)).toBeCloseTo(Math.hypot(...rel), 12);
    for (const offset of [0, 0.3]) {
      const v = slicePlane(s, { offset, span: 1.5, n: 41 }).values;
      // L(−x, y) = L(x, y): the plane's two directions are swap-odd and swap-even; rounding of the plane's coordinates only.
      for (let iy = 0; iy < 41; iy++) for (let ix = 0; ix < 41; ix++) expect(Math.abs(v[iy * 41 + ix] - v[iy * 41 + 40 - ix])).toBeLessThan(1e-12 * Math.max(1, v[iy * 41 + ix]));
    }
    // The mirror copy has the minimum's loss, and the grid's lowest loss is no lower than it (it holds no other minimum nearby).
    expect(lossGrad(M2, s.mirror).loss).toBeCloseTo(s.min.loss, 14);
    expect(Math.min(...pl.values)).toBeGreaterThanOrEqual(s.min.loss);
    expect(() => slicePlane(s, { offset: 0, span: 0, n: 41 })).toThrow(/span/);
  });
});
