import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../../src/core/random.ts';
import { twoUnitsGrad, twoUnitsRun, type TwoUnits } from '../../../../src/chapters/prelude/two-units.ts';

const KEYS = ['w1', 'w2', 'v1', 'v2'] as const;

/** Central differences (L(p + h e) − L(p − h e)) / 2h of the loss twoUnitsGrad returns, one parameter at a time. */
function numericGrad(p: TwoUnits, x: number, y: number, h = 1e-5): TwoUnits {
  const out = { ...p };
  for (const key of KEYS) {
    const up = twoUnitsGrad({ ...p, [key]: p[key] + h }, x, y).loss;
    const down = twoUnitsGrad({ ...p, [key]: p[key] - h }, x, y).loss;
    out[key] = (up - down) / (2 * h);
  }
  return out;
}

/** Starts, inputs and targets: the figure's own start and random ones of both signs. */
function cases() {
  const rng = makeRng(7);
  const list: { p: TwoUnits; x: number; y: number }[] = [
    { p: { w1: 0.3, w2: 0.3, v1: 0.5, v2: 0.5 }, x: 1, y: 2 }, // the figure at δ = 0
    { p: { w1: 0.3, w2: 0.8, v1: 0.5, v2: 1 }, x: 1, y: 2 }, // the figure at δ = 0.5
  ];
  for (let i = 0; i < 20; i++) {
    list.push({ p: { w1: rng.normal(), w2: rng.normal(), v1: rng.normal(), v2: rng.normal() }, x: 2 * rng.normal(), y: 2 * rng.normal() });
  }
  return list;
}

describe('prelude: twoUnitsGrad', () => {
  it('matches central finite differences of its own loss at every start', () => {
    for (const { p, x, y } of cases()) {
      const g = twoUnitsGrad(p, x, y);
      const num = numericGrad(p, x, y);
      for (const key of KEYS) {
        // L is a polynomial of degree 4 in the parameters: central differences err by h²·L‴/6 ≈ 1e-10·|L‴|
        // (L‴ stays below ~1e2 for these |values| ≲ 4), and rounding adds about 1e-16·L/h ≈ 1e-10.
        // 1e-7 relative (with a floor of 1 for gradients near 0) is far above both and far below a wrong factor.
        expect(Math.abs(g[key] - num[key]) / Math.max(1, Math.abs(num[key]))).toBeLessThan(1e-7);
      }
      // The loss itself, written out differently (so rounded differently: a few ulps apart).
      const loss = (p.v1 * p.w1 * x + p.v2 * p.w2 * x - y) ** 2;
      expect(Math.abs(g.loss - loss)).toBeLessThan(1e-14 * Math.max(1, loss));
    }
  });

  it('gives the closed form 2(f − y)·v_j·x and 2(f − y)·w_j·x', () => {
    // At the figure's start: f = 2·0.5·0.3 = 0.3, so 2(f − y) = −3.4 and ∂L/∂w_j = −3.4·0.5 = −1.7, ∂L/∂v_j = −3.4·0.3 = −1.02.
    const g = twoUnitsGrad({ w1: 0.3, w2: 0.3, v1: 0.5, v2: 0.5 }, 1, 2);
    expect(g.w1).toBeCloseTo(-1.7, 14);
    expect(g.v1).toBeCloseTo(-1.02, 14);
    expect(g.loss).toBeCloseTo(2.89, 14);
  });

  it('gives tied units equal gradients, and untied units different ones', () => {
    const tied = twoUnitsGrad({ w1: 0.7, w2: 0.7, v1: -0.2, v2: -0.2 }, 1.3, -0.4);
    expect(tied.w1).toBe(tied.w2);
    expect(tied.v1).toBe(tied.v2);
    // Equal incoming weights but different outgoing ones: the w-gradients differ through v_j, the v-gradients do not.
    const half = twoUnitsGrad({ w1: 0.7, w2: 0.7, v1: -0.2, v2: 0.3 }, 1.3, -0.4);
    expect(half.v1).toBe(half.v2);
    expect(half.w1).not.toBe(half.w2);
  });
});

describe('prelude: twoUnitsRun', () => {
  it('takes exactly the step p − rate·∇L from each row to the next', () => {
    const start = { w1: 0.3, w2: 0.42, v1: 0.5, v2: 0.62 };
    const rate = 0.05;
    const { rows, diverged } = twoUnitsRun(start, 1, 2, rate, 60);
    expect(diverged).toBeNull();
    expect(rows).toHaveLength(61);
    expect(rows[0]).toMatchObject({ step: 0, ...start });
    for (let s = 0; s < rows.length; s++) {
      const g = twoUnitsGrad(rows[s], 1, 2);
      expect(rows[s].loss).toBe(g.loss);
      if (s === 0) continue;
      for (const key of KEYS) expect(rows[s][key]).toBe(rows[s - 1][key] - rate * twoUnitsGrad(rows[s - 1], 1, 2)[key]);
    }
    // Gradient descent at this small rate lowers the loss at every step, and the two units end apart.
    for (let s = 1; s < rows.length; s++) expect(rows[s].loss).toBeLessThan(rows[s - 1].loss);
    expect(rows.at(-1)!.w1).not.toBe(rows.at(-1)!.w2);
  });

  it('keeps a tied start tied at every step, bit for bit, in these scalar updates', () => {
    const { rows } = twoUnitsRun({ w1: 0.3, w2: 0.3, v1: 0.5, v2: 0.5 }, 1, 2, 0.05, 60);
    for (const r of rows) {
      expect(r.w1).toBe(r.w2);
      expect(r.v1).toBe(r.v2);
    }
    expect(rows.at(-1)!.w1).not.toBe(0.3); // it moved, in lockstep
  });

  it('stops at the step the loss blows up and reports it', () => {
    const { rows, diverged } = twoUnitsRun({ w1: 1, w2: 1, v1: 1, v2: 1 }, 3, 2, 5, 60);
    expect(diverged).not.toBeNull();
    expect(rows).toHaveLength(diverged!);
    for (const r of rows) expect(Number.isFinite(r.loss) && r.loss <= 1e12).toBe(true);
  });
});
