import { describe, expect, it } from 'vitest';
import { tieData } from '../../../../src/chapters/what-breaks-a-tie/mechanisms.ts';
import { at, balance, lossGrad, size } from '../../../../src/chapters/what-breaks-a-tie/net.ts';
import { makeRng } from '../../../../src/core/random.ts';

const s = { k: 2, d: 2 };
const data = tieData();
const rows = Int32Array.from({ length: data.n }, (_, i) => i);
const p0 = (() => { const r = makeRng(5); return Float64Array.from({ length: size(s) }, () => 0.7 * r.normal()); })();

describe('the network', () => {
  for (const act of ['tanh', 'sigmoid', 'relu', 'identity'] as const) {
    it(`${act}: the gradient matches central differences`, () => {
      const g = new Float64Array(size(s)), tmp = new Float64Array(size(s));
      lossGrad(act, s, p0, { X: data.X, Y: data.Y, rows }, g);
      const h = 1e-6;
      for (let q = 0; q < p0.length; q++) {
        const [a, b] = [p0.slice(), p0.slice()];
        a[q] += h; b[q] -= h;
        const fd = (lossGrad(act, s, a, { X: data.X, Y: data.Y, rows }, tmp) - lossGrad(act, s, b, { X: data.X, Y: data.Y, rows }, tmp)) / (2 * h);
        // Central differences err by O(h²·L''') ≈ 1e-12 plus rounding of L/h ≈ 1e-10; a ReLU kink inside ±h would be far larger.
        expect(Math.abs(fd - g[q])).toBeLessThan(1e-7);
      }
    });
  }
  it('for ReLU and linear units, w·∂L/∂w + b·∂L/∂b = v·∂L/∂v per unit (the identity behind the balance law)', () => {
    for (const act of ['relu', 'identity'] as const) {
      const g = new Float64Array(size(s));
      lossGrad(act, s, p0, { X: data.X, Y: data.Y, rows }, g);
      for (let j = 0; j < s.d; j++) {
        const lhs = p0[at.w(s, j, 0)] * g[at.w(s, j, 0)] + p0[at.w(s, j, 1)] * g[at.w(s, j, 1)] + p0[at.b(s, j)] * g[at.b(s, j)];
        // Equal in exact arithmetic; the two sides are rounded sums of a few dozen terms of size ~1.
        expect(Math.abs(lhs - p0[at.v(s, j)] * g[at.v(s, j)])).toBeLessThan(1e-14);
      }
    }
  });
  it('the balances bound the gap: ‖u₁ − u₂‖ ≥ |D₁ − D₂| / ‖u₁ + u₂‖ with u_j = (w_j, b_j, v_j)', () => {
    const r = makeRng(8);
    for (let t = 0; t < 200; t++) {
      const p = Float64Array.from({ length: size(s) }, () => r.normal() * (t % 2 ? 1 : 0.1));
      const u = (j: number) => [p[at.w(s, j, 0)], p[at.w(s, j, 1)], p[at.b(s, j)], p[at.v(s, j)]];
      const gap = Math.hypot(...u(0).map((x, i) => x - u(1)[i])), sum = Math.hypot(...u(0).map((x, i) => x + u(1)[i]));
      // Cauchy–Schwarz; the slack 1e-12 covers rounding of both sides.
      expect(gap * sum + 1e-12).toBeGreaterThanOrEqual(Math.abs(balance(s, p, 0) - balance(s, p, 1)));
    }
  });
  it('the balance is ‖w‖² + b² − v²', () => {
    const j = 1;
    expect(balance(s, p0, j)).toBeCloseTo(p0[at.w(s, j, 0)] ** 2 + p0[at.w(s, j, 1)] ** 2 + p0[at.b(s, j)] ** 2 - p0[at.v(s, j)] ** 2, 14);
  });
});
