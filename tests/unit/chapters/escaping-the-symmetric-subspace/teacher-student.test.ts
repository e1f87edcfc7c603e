import { describe, expect, test } from 'vitest';
import { erf } from '../../../../src/core/activations.ts';
import { checkTs, gErf, tsRun, tsSim, TS_G } from '../../../../src/chapters/escaping-the-symmetric-subspace/teacher-student.ts';

describe('teacher–student online SGD', () => {
  test('gErf matches erf(z/√2) to 1e-9 and its slope √(2/π)e^{−z²/2} by central differences', () => {
    for (let z = -7.9; z < 7.9; z += 0.0137) {
      expect(Math.abs(gErf(z) - erf(z / Math.SQRT2))).toBeLessThan(1e-9);
      const h = 1e-5;
      // Central difference error ~h²·g‴ ≈ 1e-10, plus the table's 1e-9 over 2h.
      expect(Math.abs((gErf(z + h) - gErf(z - h)) / (2 * h) - TS_G.erf.dg(z))).toBeLessThan(2e-4);
    }
    expect(gErf(0)).toBe(0);
    expect(gErf(20)).toBe(1);
  });

  test('the update is a gradient step on ½(y − ŷ)² (finite differences on one sample)', () => {
    for (const act of ['erf', 'tanh'] as const) {
      const { g, dg } = TS_G[act];
      const N = 5, x = [0.3, -1.2, 0.7, 0.1, 2.0], w = [0.2, -0.4, 0.5, 0.1, -0.3];
      const y = 0.9, other = 0.1;
      const loss = (v: number[]) => 0.5 * (y - g(v.reduce((s, vi, i) => s + vi * x[i], 0) / Math.sqrt(N)) - other) ** 2;
      const lam = w.reduce((s, wi, i) => s + wi * x[i], 0) / Math.sqrt(N);
      const e = y - g(lam) - other;
      for (let i = 0; i < N; i++) {
        const h = 1e-6;
        const wp = w.slice(); wp[i] += h;
        const wm = w.slice(); wm[i] -= h;
        const fd = (loss(wp) - loss(wm)) / (2 * h);
        // −∂L/∂w_i = g′(λ)(y − ŷ) x_i/√N: the direction the code steps in (times η).
        expect(Math.abs(-fd - (dg(lam) * e * x[i]) / Math.sqrt(N))).toBeLessThan(1e-8);
      }
    }
  });

  test('same seed ⇒ bitwise-identical run; streaming pieces equal the one-shot run', () => {
    const a = tsRun({ eps: 1e-3, maxAlpha: 30 });
    const s = tsSim({ eps: 1e-3, maxAlpha: 30 });
    while (!s.advance(7).done);
    expect(s.run.rows).toEqual(a.rows);
  });

  test('ε = 0 keeps w₁ = w₂ bit for bit; ε > 0 does not', () => {
    for (const activation of ['erf', 'tanh', 'relu'] as const) {
      expect(tsRun({ activation, eps: 0, maxAlpha: 50 }).rows.every((r) => r.identical && r.gap === 0)).toBe(true);
      expect(tsRun({ activation, eps: 1e-6, maxAlpha: 2 }).rows[0].identical).toBe(false);
    }
  });

  test('bad input: clear messages', () => {
    expect(() => checkTs({ eps: 0.2 })).toThrow(/asymmetry ε must be in \[0, 0.1\]/);
    expect(() => checkTs({ eps: -1 })).toThrow(/asymmetry ε/);
    expect(() => checkTs({ eta: 0 })).toThrow(/learning rate η must be a positive/);
    expect(() => checkTs({ N: 3 })).toThrow(/input dimension N must be in/);
    expect(() => checkTs({ N: 1e6 })).toThrow(/input dimension N/);
    expect(() => checkTs({ activation: 'gelu' as never })).toThrow(/activation g must be one of/);
    expect(() => checkTs({ eps: Number.NaN })).toThrow(/asymmetry ε/);
  });

  test('a diverging learning rate stops with "diverged at α = …" and finite rows', () => {
    const r = tsRun({ activation: 'relu', eta: 50, eps: 1e-3, maxAlpha: 100 });
    expect(r.diverged?.message).toMatch(/^diverged at α = \d+$/);
    expect(r.rows.every((x) => x.R.every(Number.isFinite) && x.Q.every(Number.isFinite))).toBe(true);
  });
});
