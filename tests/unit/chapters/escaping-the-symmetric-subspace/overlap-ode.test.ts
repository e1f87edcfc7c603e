import { describe, expect, test } from 'vitest';
import { fastRng } from '../../../../src/chapters/escaping-the-symmetric-subspace/fast-normal.ts';
import {
  BEST_TIED, bestTied, egErf, fieldCov, I2, I3, I3grad, I4, integrateOde, jacobianTimes, odeJacobian, odeRhs, plateauHeight, plateauHeightByOde,
  SPECIALISE, tiedError, tiedErrorOfT, tiedFixedPoint, tiedSaddle,
} from '../../../../src/chapters/escaping-the-symmetric-subspace/overlap-ode.ts';
import { tsRun } from '../../../../src/chapters/escaping-the-symmetric-subspace/teacher-student.ts';
import { egFromOverlaps } from '../../../../src/chapters/escaping-the-symmetric-subspace/gen-error.ts';
import { gErf, TS_G } from '../../../../src/chapters/escaping-the-symmetric-subspace/teacher-student.ts';

const S = Float64Array.of(0.3, 0.1, 0.2, 0.5, 0.4, 0.1, 0.6); // R11 R12 R21 R22 Q11 Q12 Q22: a valid, asymmetric state

/** Monte-Carlo samples of the four fields (h1, h2, u1, u2) with covariance fieldCov(S), via Cholesky. */
function samples(n: number, seed = 11): Float64Array[] {
  const C = fieldCov(S);
  const L = new Float64Array(16);
  for (let i = 0; i < 4; i++) for (let j = 0; j <= i; j++) {
    let s = C[i * 4 + j];
    for (let k = 0; k < j; k++) s -= L[i * 4 + k] * L[j * 4 + k];
    L[i * 4 + j] = i === j ? Math.sqrt(s) : s / L[j * 4 + j];
  }
  const r = fastRng(seed), z = new Float64Array(4);
  return Array.from({ length: n }, () => {
    r.fill(z);
    const f = new Float64Array(4);
    for (let i = 0; i < 4; i++) for (let k = 0; k <= i; k++) f[i] += L[i * 4 + k] * z[k];
    return f;
  });
}

describe('erf overlap ODEs (Saad & Solla)', () => {
  const n = 400_000;
  const F = samples(n);
  const { dg } = TS_G.erf;
  // MC standard errors at n = 4e5 are ~1e-3 for these O(1) averages; 5e-3 is 5 of them.
  const TOL = 5e-3;

  test('I2, I3, I4 match Monte-Carlo averages', () => {
    const C = fieldCov(S);
    let i2 = 0, i3 = 0, i4 = 0;
    for (const f of F) { i2 += gErf(f[0]) * gErf(f[2]); i3 += dg(f[0]) * f[3] * gErf(f[1]); i4 += dg(f[0]) * dg(f[1]) * gErf(f[2]) * gErf(f[3]); }
    expect(Math.abs(i2 / n - I2(C[0], C[2], C[10]))).toBeLessThan(TOL);
    expect(Math.abs(i3 / n - I3(C[0], C[3], C[1], C[7], C[5]))).toBeLessThan(TOL);
    expect(Math.abs(i4 / n - I4(C))).toBeLessThan(TOL);
  });

  test('ε_g formula matches a Monte-Carlo estimate of ½⟨(y − ŷ)²⟩ for erf, tanh and ReLU', () => {
    for (const act of ['erf', 'tanh', 'relu'] as const) {
      const { g } = TS_G[act];
      let e = 0;
      for (const f of F) e += 0.5 * (g(f[2]) + g(f[3]) - g(f[0]) - g(f[1])) ** 2;
      expect(Math.abs(e / n - egFromOverlaps(act, S))).toBeLessThan(TOL);
    }
    expect(egErf(S)).toBe(egFromOverlaps('erf', S));
  });

  test('the drift η⟨δ_k u_n⟩, η⟨δ_k h_l + δ_l h_k⟩ + η²⟨δ_k δ_l⟩ matches Monte Carlo', () => {
    const eta = 0.5, mc = new Float64Array(7);
    for (const f of F) {
      const e = gErf(f[2]) + gErf(f[3]) - gErf(f[0]) - gErf(f[1]);
      const d1 = dg(f[0]) * e, d2 = dg(f[1]) * e;
      mc[0] += eta * d1 * f[2]; mc[1] += eta * d1 * f[3]; mc[2] += eta * d2 * f[2]; mc[3] += eta * d2 * f[3];
      mc[4] += eta * 2 * d1 * f[0] + eta * eta * d1 * d1;
      mc[5] += eta * (d1 * f[1] + d2 * f[0]) + eta * eta * d1 * d2;
      mc[6] += eta * 2 * d2 * f[1] + eta * eta * d2 * d2;
    }
    const rhs = odeRhs(S, eta);
    for (let i = 0; i < 7; i++) expect(Math.abs(mc[i] / n - rhs[i])).toBeLessThan(TOL);
  });

  test('fixed points: perfect learning R = Q = I is a fixed point with ε_g = 0', () => {
    const perfect = [1, 0, 0, 1, 1, 0, 1];
    expect(egErf(perfect)).toBeCloseTo(0, 14);
    for (const v of odeRhs(perfect, 0.7)) expect(Math.abs(v)).toBeLessThan(1e-14);
  });

  test('the tied subspace is invariant, and its η → 0 fixed point is the best tied student', () => {
    const rows = integrateOde([0.1, -0.05, 0.1, -0.05, 0.3, 0.3, 0.3], 0.5, 200);
    const s = rows[rows.length - 1].s;
    expect(s[0]).toBe(s[2]);
    expect(s[1]).toBe(s[3]);
    expect(s[4]).toBe(s[5]);
    // Settled (drift < 1e-9), so this is a fixed point of the tied dynamics at η = 0.5.
    for (const v of odeRhs(s, 0.5)) expect(Math.abs(v)).toBeLessThan(1e-9);
  });

  test('best tied error: the closed form (R = 1/√6, Q = 1/3, ε* = 1/3 − (4/π) arcsin(1/4)) is the numerical minimum', () => {
    expect(BEST_TIED.eg).toBe(1 / 3 - (4 / Math.PI) * Math.asin(0.25));
    expect(Math.abs(bestTied().eg - BEST_TIED.eg)).toBeLessThan(1e-12);
    // ε_g(t) of the derivation is the tied error on its best family r₁ = r₂ = √(Q/2), q⊥ = 0, Q = t/(1 − t).
    for (const t of [0.1, 0.25, 0.4]) {
      const Q = t / (1 - t), r = Math.sqrt(Q / 2);
      expect(Math.abs(tiedErrorOfT(t) - tiedError(r, r, 0))).toBeLessThan(1e-14);
    }
    expect(tiedErrorOfT(0.25)).toBeCloseTo(BEST_TIED.eg, 14);
    // Its derivative (central difference, h = 1e-6: error ~h²·ε‴ ≈ 1e-12) vanishes at t = 1/4 and matches the page's formula elsewhere.
    const h = 1e-6, fd = (t: number) => (tiedErrorOfT(t + h) - tiedErrorOfT(t - h)) / (2 * h);
    const formula = (t: number) => (4 / Math.sqrt(1 - t * t) - 2 / (Math.sqrt(t) * Math.sqrt(1 - t / 4))) / Math.PI;
    expect(Math.abs(fd(0.25))).toBeLessThan(1e-9);
    for (const t of [0.1, 0.4, 0.7]) expect(Math.abs(fd(t) - formula(t))).toBeLessThan(1e-8);
    // Off the best family (r₁ ≠ r₂, or length outside the teachers' plane) the error is higher.
    expect(tiedError(0.45, 0.36, 0)).toBeGreaterThan(BEST_TIED.eg);
    expect(tiedError(BEST_TIED.r, BEST_TIED.r, 0.01)).toBeGreaterThan(BEST_TIED.eg);
  });

  test('best tied error (compass search): R = 1/√6, Q = 1/3, ε* = 1/3 − (4/π) arcsin(1/4)', () => {
    const b = bestTied();
    // Compass search stops at step 1e-10: the minimiser is pinned to ~1e-9, the value to ~1e-15.
    expect(Math.abs(b.r1 - 1 / Math.sqrt(6))).toBeLessThan(1e-6);
    expect(Math.abs(b.r2 - 1 / Math.sqrt(6))).toBeLessThan(1e-6);
    expect(b.qPerp).toBeLessThan(1e-6);
    expect(Math.abs(b.eg - (1 / 3 - (4 / Math.PI) * Math.asin(0.25)))).toBeLessThan(1e-12);
  });

  test('RK4 step 0.2 agrees with step 0.05 to 1e-7', () => {
    const a = integrateOde(S, 0.5, 50, 0.2), b = integrateOde(S, 0.5, 50, 0.05);
    for (let i = 0; i < 7; i++) expect(Math.abs(a[50].s[i] - b[50].s[i])).toBeLessThan(1e-7);
  });

  test('plateau height by Newton equals the height the ODE settles at, for η = 1/4 … 1', () => {
    // plateauHeightByOde stops when ε_g changed by < 1e-12 over 10 α: agreement to 1e-10.
    for (const eta of [0.25, 0.5, 1]) expect(Math.abs(plateauHeight(eta) - plateauHeightByOde(eta))).toBeLessThan(1e-10);
  });

  test('plateau height decreases towards ε* as η → 0, the excess roughly halving with η', () => {
    const best = bestTied().eg;
    const h = [0.5, 0.25, 0.125].map((eta) => plateauHeight(eta) - best);
    expect(h.every((x) => x > 0)).toBe(true);
    // Excess linear in η: each halving divides it by about 2 (between 1.6 and 2.6).
    expect(h[0] / h[1]).toBeGreaterThan(1.6);
    expect(h[0] / h[1]).toBeLessThan(2.6);
    expect(h[1] / h[2]).toBeGreaterThan(1.6);
    expect(h[1] / h[2]).toBeLessThan(2.6);
  });
});

/** Central differences of odeRhs in every coordinate: the Jacobian numerically (error ~h²·F‴ ≈ 1e-10 at h = 1e-5). */
function fdJacobian(s: ArrayLike<number>, eta: number, h = 1e-5): Float64Array {
  const J = new Float64Array(49);
  for (let j = 0; j < 7; j++) {
    const a = Float64Array.from(s), b = Float64Array.from(s);
    a[j] += h; b[j] -= h;
    const fa = odeRhs(a, eta), fb = odeRhs(b, eta);
    for (let i = 0; i < 7; i++) J[i * 7 + j] = (fa[i] - fb[i]) / (2 * h);
  }
  return J;
}

/** det(A) by Gaussian elimination with partial pivoting (7×7, row-major). */
function det7(A: Float64Array): number {
  const M = Float64Array.from(A);
  let d = 1;
  for (let c = 0; c < 7; c++) {
    let p = c;
    for (let r = c + 1; r < 7; r++) if (Math.abs(M[r * 7 + c]) > Math.abs(M[p * 7 + c])) p = r;
    if (p !== c) { for (let k = 0; k < 7; k++) [M[c * 7 + k], M[p * 7 + k]] = [M[p * 7 + k], M[c * 7 + k]]; d = -d; }
    d *= M[c * 7 + c];
    for (let r = c + 1; r < 7; r++) { const f = M[r * 7 + c] / M[c * 7 + c]; for (let k = c; k < 7; k++) M[r * 7 + k] -= f * M[c * 7 + k]; }
  }
  return d;
}

describe('the linearisation at the tied fixed point', () => {
  test('I3grad matches central differences of I3', () => {
    const args = [0.4, 0.2, 0.3, 0.15, 1];
    const g = I3grad(args[0], args[1], args[2], args[3], args[4]);
    for (let t = 0; t < 5; t++) {
      const a = args.slice(), b = args.slice();
      a[t] += 1e-6; b[t] -= 1e-6;
      const fd = (I3(a[0], a[1], a[2], a[3], a[4]) - I3(b[0], b[1], b[2], b[3], b[4])) / 2e-6;
      expect(Math.abs(fd - g[t])).toBeLessThan(1e-8);
    }
  });

  test('odeJacobian, in closed form, matches central differences of the right-hand side at tied, asymmetric and near-zero states', () => {
    const states = [S, tiedFixedPoint(0.5)!, [0.05, -0.02, 0.1, 0.03, 0.3, 0.05, 0.25], [0.6, 0.1, 0.05, 0.7, 0.8, 0.1, 0.9]];
    for (const s of states) for (const eta of [0.5, 1]) {
      const J = odeJacobian(s, eta), F = fdJacobian(s, eta);
      // Entries are O(1); the central difference is good to ~1e-10, so 1e-8 leaves room for nothing but a wrong term.
      for (let i = 0; i < 49; i++) expect(Math.abs(J[i] - F[i])).toBeLessThan(1e-8);
    }
  });

  test('the tied fixed point: a zero of the right-hand side, tied and teacher-symmetric; none where η is too large', () => {
    for (const eta of [0.0625, 0.25, 0.5, 1]) {
      const s = tiedFixedPoint(eta)!;
      for (const v of odeRhs(s, eta)) expect(Math.abs(v)).toBeLessThan(1e-12);
      expect([s[1], s[2], s[3]]).toEqual([s[0], s[0], s[0]]);
      expect([s[5], s[6]]).toEqual([s[4], s[4]]);
      expect(s[4]).toBeGreaterThanOrEqual(2 * s[0] ** 2 - 1e-12); // |w|² ≥ its part in the teachers' plane
    }
    // At η = 2 Newton finds no valid tied zero, at η = 4 only an unphysical one (ε_g < 0): both refused.
    expect(tiedFixedPoint(2)).toBeNull();
    expect(tiedFixedPoint(4)).toBeNull();
  });

  test('SPECIALISE is an exact eigenvector, and λ is the growth of a small perturbation along it integrated by the ODE', () => {
    for (const eta of [0.25, 0.5, 1]) {
      const sd = tiedSaddle(eta)!;
      const Jv = jacobianTimes(odeJacobian(sd.point, eta), SPECIALISE);
      for (let i = 0; i < 7; i++) expect(Math.abs(Jv[i] - sd.lambda * SPECIALISE[i])).toBeLessThan(1e-13);
      // Start 1e-8 along v and integrate 100 α: the v-part grows like e^{λα}. Nonlinear terms are O(1e-8) of it and
      // RK4 with h = 0.2 errs by ~(λh)⁵/120 per step: 1e-6 relative is far above both.
      const d = 1e-8;
      const s0 = Array.from(sd.point, (x, i) => x + d * SPECIALISE[i]);
      const end = integrateOde(s0, eta, 100)[100].s;
      const part = (s: ArrayLike<number>) => (s[0] - s[1] - s[2] + s[3]) / 4;
      const rate = Math.log(part(end) / part(s0)) / 100;
      expect(Math.abs(rate / sd.lambda - 1)).toBeLessThan(1e-6);
    }
  });

  test('every eigenvalue tiedSaddle reports is a root of det(J − μI), and the seven sum to the trace of J', () => {
    for (const eta of [0.25, 0.5, 1]) {
      const sd = tiedSaddle(eta)!;
      const J = odeJacobian(sd.point, eta);
      const all = [sd.lambda, ...sd.otherOdd, sd.spread, ...sd.tied];
      let trace = 0;
      for (let i = 0; i < 7; i++) trace += J[i * 7 + i];
      expect(Math.abs(all.reduce((a, b) => a + b, 0) - trace)).toBeLessThan(1e-12);
      // det(J − μI) = Π(μ_i − μ): at a root it is 0 up to rounding; a miss of 1% of the gap to the nearest other root
      // would leave |det| ≳ 1e-3·Π|μ_i − μ|, so compare with that product.
      for (const [k, mu] of all.entries()) {
        const A = Float64Array.from(J);
        for (let i = 0; i < 7; i++) A[i * 7 + i] -= mu;
        const others = all.filter((_, j) => j !== k).reduce((p, m) => p * Math.abs(m - mu), 1);
        expect(Math.abs(det7(A))).toBeLessThan(1e-6 * others);
      }
    }
  });

  test('the saddle: attracting in the tied subspace, specialisation the fastest way out; the slow ones shrink like η²', () => {
    for (const eta of [0.0625, 0.25, 0.5, 1]) {
      const sd = tiedSaddle(eta)!;
      expect(sd.tied.every((x) => x < 0)).toBe(true);
      expect(sd.otherOdd[1]).toBeLessThan(0);
      // Over five times faster than the slow ones up to η = 0.5 (the page's η); at η = 1 still three times.
      expect(sd.lambda).toBeGreaterThan((eta <= 0.5 ? 5 : 3) * Math.max(sd.spread, sd.otherOdd[0]));
    }
    const a = tiedSaddle(0.125)!, b = tiedSaddle(0.0625)!;
    // η² would give a ratio of 4 per halving of η; [3, 5.5] allows the next order.
    for (const ratio of [a.spread / b.spread, a.otherOdd[0] / b.otherOdd[0]]) {
      expect(ratio).toBeGreaterThan(3);
      expect(ratio).toBeLessThan(5.5);
    }
    // λ itself is linear in η at small η: halving η about halves λ.
    expect(a.lambda / b.lambda).toBeGreaterThan(1.9);
    expect(a.lambda / b.lambda).toBeLessThan(2.1);
  });

  test('from small random weights the symmetric flow brings the student close to the tied saddle', () => {
    const s = 0.01;
    const end = integrateOde([0, 0, 0, 0, s * s, 0, s * s], 0.5, 50)[50].s;
    const star = tiedFixedPoint(0.5)!;
    // The units' difference stays of order s (|w₁ − w₂|²/N = Q11 + Q22 − 2Q12 ~ 2s²) while they grow to length ~0.58.
    for (let i = 0; i < 7; i++) expect(Math.abs(end[i] - star[i])).toBeLessThan(1e-3);
  });

  test('at N = 40 the noise stalls the gap early on the plateau; at N = 400 the run follows the ODE', () => {
    const lambda = tiedSaddle(0.5)!.lambda;
    const part = (R: ArrayLike<number>) => (R[0] - R[1] - R[2] + R[3]) / 4;
    for (const [N, lo, hi] of [[40, 0, 0.5], [400, 0.7, 1.3]] as const) {
      const run = tsRun({ eps: 1e-4, N, maxAlpha: 60 });
      const ode = integrateOde([...run.rows[0].R, ...run.rows[0].Q], 0.5, 60);
      const simGrowth = part(run.rows[60].R) / part(run.rows[10].R);
      const odeGrowth = part(ode[60].s) / part(ode[10].s);
      // The ODE's specialisation part grows at λ from the plateau's start (within 5%: the first α still approach it).
      expect(Math.abs(Math.log(odeGrowth) / 50 / lambda - 1)).toBeLessThan(0.05);
      // The page's run (seed 1): at N = 40 it grows by less than half the ODE's factor; at N = 400 within 30% of it.
      expect(simGrowth / odeGrowth).toBeGreaterThan(lo);
      expect(simGrowth / odeGrowth).toBeLessThan(hi);
    }
  });
});
