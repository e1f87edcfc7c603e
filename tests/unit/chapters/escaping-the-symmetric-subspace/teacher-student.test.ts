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

  test('a watch sees the weights at every check, after its row, and changes nothing in the run', () => {
    const N = 12;
    const seen: { alpha: number; first: number; row: boolean }[] = [];
    const s = tsSim({ eps: 1e-3, N, maxAlpha: 20 }, (W, row) => seen.push({ alpha: row.alpha, first: W[0], row: s.run.rows.at(-1) === row }));
    while (!s.advance(6).done);
    expect(s.run.rows).toEqual(tsRun({ eps: 1e-3, N, maxAlpha: 20 }).rows);
    expect(seen.map((v) => v.alpha)).toEqual(s.run.rows.map((r) => r.alpha));
    expect(seen.every((v) => v.row)).toBe(true);
    // R₁₁ = w₁·(√N e₁)/N: the weight the watch saw, scaled as measure scales it, bit for bit.
    seen.forEach((v, i) => expect(v.first * (1 / Math.sqrt(N))).toBe(s.run.rows[i].R[0]));
  });

  test('ε = 0 keeps w₁ = w₂ bit for bit; ε > 0 does not', () => {
    for (const activation of ['erf', 'tanh', 'relu'] as const) {
      expect(tsRun({ activation, eps: 0, maxAlpha: 50 }).rows.every((r) => r.identical && r.gap === 0)).toBe(true);
      expect(tsRun({ activation, eps: 1e-6, maxAlpha: 2 }).rows[0].identical).toBe(false);
    }
  });

  test('ε = 0 with unit 2\'s field summed in reverse order: rounding splits erf units, never ReLU units', () => {
    const erf = tsRun({ activation: 'erf', eps: 0, order: 'reversed', maxAlpha: 30 });
    expect(erf.firstSplit).toBe(1);
    expect(erf.rows[30].identical).toBe(false);
    expect(erf.rows[30].gap).toBeGreaterThan(0);
    // Rounding only: the gap after 30 α is still far below any ε the page uses.
    expect(erf.rows[30].gap).toBeLessThan(1e-12);
    const relu = tsRun({ activation: 'relu', eps: 0, order: 'reversed', maxAlpha: 100 });
    expect(relu.firstSplit).toBeNull();
    expect(relu.rows.every((r) => r.identical)).toBe(true);
    // The same order keeps every activation tied, and its run is the default run bit for bit.
    expect(tsRun({ activation: 'erf', eps: 1e-3, order: 'same', maxAlpha: 20 }).rows).toEqual(tsRun({ activation: 'erf', eps: 1e-3, maxAlpha: 20 }).rows);
  });

  test('first split: at once for smooth units with ε > 0, after a wait for ReLU, never with ε = 0', () => {
    expect(tsRun({ activation: 'tanh', eps: 1e-6, maxAlpha: 5 }).firstSplit).toBe(1);
    const relu = tsRun({ activation: 'relu', eps: 1e-4, maxAlpha: 2000, stopAtEscape: true });
    expect(relu.firstSplit).toBeGreaterThan(10);
    // Until the first split the two ReLU units got identical updates: the gap did not move by more than rounding.
    const before = relu.rows.filter((r) => r.alpha < relu.firstSplit!);
    expect(Math.max(...before.map((r) => Math.abs(r.gap / before[0].gap - 1)))).toBeLessThan(1e-9);
    expect(tsRun({ activation: 'erf', eps: 0, maxAlpha: 20 }).firstSplit).toBeNull();
  });

  test('D = |w₁ − w₂|²/N agrees with Q11 + Q22 − 2Q12 where that does not cancel; a random start is two independent draws', () => {
    const r = tsRun({ eps: 0.1, maxAlpha: 3 });
    for (const row of r.rows) expect(Math.abs(row.D - (row.Q[0] + row.Q[2] - 2 * row.Q[1]))).toBeLessThan(1e-12);
    const rand = tsRun({ start: 'random', scale: 0.5, N: 400, maxAlpha: 1 }).rows[0];
    // Independent N(0, s²I) vectors: Q11 ≈ Q22 ≈ s², Q12 ≈ 0, within ~4/√N·s² (sd s²/√N for Q12, √2 s²/√N for Q11).
    expect(Math.abs(rand.Q[0] - 0.25)).toBeLessThan(0.05);
    expect(Math.abs(rand.Q[1])).toBeLessThan(0.05);
    // R_kn = s z_kn/√N: the gap is of order s/√N = 0.025.
    expect(rand.gap).toBeGreaterThan(1e-4);
    expect(rand.gap).toBeLessThan(0.2);
  });

  test('the all-zero start (s = 0): erf and tanh move, tied; ReLU does not move (g′(0) = 0)', () => {
    for (const activation of ['erf', 'tanh'] as const) {
      const r = tsRun({ activation, eps: 0, scale: 0, maxAlpha: 5 });
      expect(r.rows[5].Q[0]).toBeGreaterThan(0);
      expect(r.rows.every((x) => x.identical)).toBe(true);
    }
    expect(tsRun({ activation: 'relu', eps: 0, scale: 0, maxAlpha: 5 }).rows.every((x) => x.Q[0] === 0)).toBe(true);
  });

  test('bad input: clear messages', () => {
    expect(() => checkTs({ eps: 0.2 })).toThrow(/asymmetry ε must be in \[0, 0.1\]/);
    expect(() => checkTs({ eps: -1 })).toThrow(/asymmetry ε/);
    expect(() => checkTs({ eta: 0 })).toThrow(/learning rate η must be a positive/);
    expect(() => checkTs({ N: 3 })).toThrow(/input dimension N must be in/);
    expect(() => checkTs({ N: 1e6 })).toThrow(/input dimension N/);
    expect(() => checkTs({ activation: 'gelu' as never })).toThrow(/activation g must be one of/);
    expect(() => checkTs({ eps: Number.NaN })).toThrow(/asymmetry ε/);
    expect(() => checkTs({ scale: -1 })).toThrow(/init scale s/);
    expect(() => checkTs({ order: 'backwards' as never })).toThrow(/summation order must be one of/);
    expect(() => checkTs({ start: 'zero' as never })).toThrow(/start must be one of/);
  });

  test('a diverging learning rate stops with "diverged at α = …" and finite rows', () => {
    const r = tsRun({ activation: 'relu', eta: 50, eps: 1e-3, maxAlpha: 100 });
    expect(r.diverged?.message).toMatch(/^diverged at α = \d+$/);
    expect(r.rows.every((x) => x.R.every(Number.isFinite) && x.Q.every(Number.isFinite))).toBe(true);
  });
});
