import { describe, expect, it } from 'vitest';
import { balances, CONSERVE, conserveStart, driftLaw, driftPerEta, flowBalances, flowRhs, gdBalances, maxDrift, stepSource } from '../../../../src/chapters/what-breaks-a-tie/conserved.ts';

describe('the balance ‖w‖² + b² − v²', () => {
  for (const act of ['relu', 'identity'] as const) {
    it(`${act}: gradient flow keeps it constant to the integrator's tolerance`, () => {
      const flow = flowBalances(act, 0);
      const scale = Math.max(...flow.D[0].map(Math.abs));
      // The integrator keeps each step's relative error under tol; a few hundred steps accumulate at most ~100·tol.
      expect(maxDrift(flow)).toBeLessThan(100 * CONSERVE.tol * (1 + scale));
      // …and a looser tolerance lets it drift more: the constancy is the flow's, not an accident of the start.
      expect(maxDrift(flowBalances(act, 0, 100, 1e-5))).toBeGreaterThan(maxDrift(flow));
    });
    it(`${act}: finite steps make it drift, by a power of η fitted from the runs close to 1 (η² per step, T/η steps)`, () => {
      const law = driftLaw(act);
      expect(law.runs.every((r, i) => i === 0 || r.drift < law.runs[i - 1].drift)).toBe(true);
      // Derived: drift ≈ η·∫(‖g_w‖² + g_b² − g_v²)dt, power 1; the next term is O(η²), which bends the fit by a few per cent over η ≤ 0.4.
      expect(Math.abs(law.power - 1)).toBeLessThan(0.15);
    });
    it(`${act}: weight decay λ makes it decay like e^(−2λt), exactly for the flow and to O(η) for steps`, () => {
      const lambda = 0.05;
      const flow = flowBalances(act, lambda);
      const err = (s: { t: number[]; D: number[][] }) => Math.max(...s.D.map((row, i) => Math.max(...row.map((D, j) => Math.abs(D - s.D[0][j] * Math.exp(-2 * lambda * s.t[i]))))));
      expect(err(flow)).toBeLessThan(100 * CONSERVE.tol * 10);
      const small = err(gdBalances(act, 0.025, lambda)), large = err(gdBalances(act, 0.1, lambda));
      // O(η): four times the step, about four times the error (between 2 and 8 allows for the O(η²) term).
      expect(large / small).toBeGreaterThan(2);
      expect(large / small).toBeLessThan(8);
    });
  }
  it('one step of η with decay λ maps D to (1 − ηλ)²·D + η²·(‖g_w‖² + g_b² − g_v²), for ReLU and linear units', () => {
    for (const act of ['relu', 'identity'] as const) for (const [eta, lambda] of [[0.1, 0], [0.3, 0], [0.1, 0.05], [0.2, 0.2]]) {
      const p = conserveStart(), v = new Float64Array(p.length);
      const before = balances(p), src = stepSource(act, p);
      flowRhs(act, lambda)(p, v);
      for (let q = 0; q < p.length; q++) p[q] += eta * v[q];
      // Exact algebra; the two sides are sums of a few squares of size ~1: rounding at 1e-15.
      balances(p).forEach((D, j) => expect(Math.abs(D - ((1 - eta * lambda) ** 2 * before[j] + eta * eta * src[j]))).toBeLessThan(1e-14));
    }
  });
  for (const act of ['relu', 'identity'] as const) it(`${act}: the measured drift approaches the first-order prediction η·max|∫source dt| as η → 0`, () => {
    const law = driftLaw(act), per = driftPerEta(flowBalances(act, 0));
    const ratio = law.runs.map((r) => r.drift / (r.eta * per));
    // The O(η²) term shrinks the error with η; the trapezoid rule on 100 flow samples adds about 2%.
    expect(Math.abs(ratio.at(-1)! - 1)).toBeLessThan(0.03);
    expect(Math.abs(ratio.at(-1)! - 1)).toBeLessThan(Math.abs(ratio[0] - 1) / 5);
  });
  it('tanh is not homogeneous: the balance is not conserved even by the flow', () => {
    expect(maxDrift(flowBalances('tanh', 0))).toBeGreaterThan(1e-2);
  });
});
