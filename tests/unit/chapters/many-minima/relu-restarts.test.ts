import { describe, expect, it } from 'vitest';
import { hessian } from '../../../../src/core/curvature.ts';
import { lossGrad, randomStart, TRAIN } from '../../../../src/chapters/many-minima/fit.ts';
import { log10Factorial } from '../../../../src/chapters/many-minima/group.ts';
import { imbalance, nearKinks, pinnedModel, smallestSubgradient } from '../../../../src/chapters/many-minima/kinks.ts';
import { reluHessian } from '../../../../src/chapters/many-minima/relu-hessian.ts';
import { DECAY, groupRestarts, restart, RESTART_FIT, restartModel, SAME_FUNCTION } from '../../../../src/chapters/many-minima/restarts.ts';

describe('ReLU restarts', () => {
  // Seeds 33–48 at M = 4: several of them end with a kink held on an input, and some reach one function twice.
  const runs = Array.from({ length: 16 }, (_, i) => restart(4, 'relu', 33 + i, 3000));
  it('every restart reaches the tolerance, some of them at a kink held on a training input', () => {
    for (const r of runs) expect(r.gradNorm).toBeLessThan(RESTART_FIT.tol);
    expect(runs.some((r) => r.pinned > 0)).toBe(true);
  });
  it('weight decay balances every unit at a minimum: ‖(w_j, b_j)‖ = |v_j|', () => {
    const L = restartModel(4, 'relu').layout;
    // ∂J/∂c along the rescaling is 2λ(‖in‖² − ‖out‖²) = O(‖∇J‖) < 1e-11, so the mismatch is below 1e-11/(2λ·‖u‖) ≈ 1e-7.
    for (const r of runs) for (const d of imbalance(L, r.params)) expect(Math.abs(d)).toBeLessThan(1e-7);
  });
  it('restarts of one function coincide after canonical form and matching, and distinct functions differ', () => {
    const g = groupRestarts(4, 'relu', runs);
    expect(g.groups.some((G) => G.members.length > 1)).toBe(true);
    for (const G of g.groups) {
      expect(G.gap).toBeLessThan(SAME_FUNCTION);
      // As for tanh: within ‖∇J‖/μ of one strict minimum, far below 1e-7.
      expect(G.distance).toBeLessThan(1e-7);
    }
    expect(g.apart).toBeGreaterThan(1e-3);
    // ReLU has no sign flips: 4!/∏ n_c! over classes of equal units (dead units, all zero, form one class).
    for (const c of g.copies) {
      expect(c.zero).toBe(0);
      expect(c.log10).toBeCloseTo(log10Factorial(4) - c.classes.reduce((s, n) => s + log10Factorial(n), 0), 12);
    }
    expect(g.copies.some((c) => c.classes.length === 4)).toBe(true);
  });
});

describe('kinks', () => {
  const J = restartModel(3, 'relu');
  const above = restartModel(3, 'relu', 1);
  const p = randomStart(J.layout, 5);
  it('the exact ReLU Hessian agrees with central differences of the gradient away from kinks', () => {
    const H = reluHessian(TRAIN, 3, p, DECAY);
    const F = hessian(J, p);
    // h = 1e-5 differences of a piecewise bilinear gradient: exact up to rounding, ~1e-16/1e-5 = 1e-11.
    for (let q = 0; q < H.length; q++) expect(Math.abs(H[q] - F[q])).toBeLessThan(1e-8);
  });
  it('pinning puts an input exactly on a kink; off kinks the smallest subgradient is ‖∇J‖', () => {
    expect(smallestSubgradient(J, above, p).norm).toBe(lossGrad(J, p).norm);
    const pin = { unit: 1, point: 7 };
    const R = pinnedModel(J, [pin]);
    const on = R.expand(R.reduce(p));
    expect(on[J.layout.iW + 1] * TRAIN.X[7] + on[J.layout.ib + 1]).toBe(0);
    expect(nearKinks(J.layout, on, TRAIN.X, 1e-9)).toContainEqual(pin);
    // On the kink the two one-sided gradients differ, and the smallest subgradient is no larger than either.
    const s = smallestSubgradient(J, above, on).norm;
    expect(s).toBeLessThanOrEqual(lossGrad(J, on).norm);
    expect(s).toBeLessThanOrEqual(lossGrad(above, on).norm);
    expect(lossGrad(J, on).norm).not.toBe(lossGrad(above, on).norm);
  });
});
