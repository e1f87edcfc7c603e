import { describe, expect, it } from 'vitest';
import { MECHANISMS, runMechanism, SETUP, startParams, TIE_ACTS, tieData } from '../../../../src/chapters/what-breaks-a-tie/mechanisms.ts';
import { at, lossGrad, size, unitsTied } from '../../../../src/chapters/what-breaks-a-tie/net.ts';
import { makeRng } from '../../../../src/core/random.ts';

const s = { k: SETUP.k, d: SETUP.d };
const data = tieData();
const rows = Int32Array.from({ length: data.n }, (_, i) => i);
/** Swaps the two units' parameters. */
const swap = (p: Float64Array) => {
  const q = p.slice();
  for (const [a, b] of [[at.b(s, 0), at.b(s, 1)], [at.v(s, 0), at.v(s, 1)], [at.w(s, 0, 0), at.w(s, 1, 0)], [at.w(s, 0, 1), at.w(s, 1, 1)]]) [q[a], q[b]] = [p[b], p[a]];
  return q;
};
const EQUIVARIANT = ['gd', 'sgd', 'momentum', 'adam', 'decay', 'label', 'input', 'unit32'] as const;

describe('why each verdict holds', () => {
  it('the gradient is equivariant: swapping the units swaps the gradient (to rounding: the output sums the units in a different order)', () => {
    const r = makeRng(9);
    const p = Float64Array.from({ length: size(s) }, () => r.normal());
    for (const act of TIE_ACTS) {
      const g = new Float64Array(size(s)), gs = new Float64Array(size(s));
      lossGrad(act, s, p, { X: data.X, Y: data.Y, rows }, g);
      lossGrad(act, s, swap(p), { X: data.X, Y: data.Y, rows }, gs);
      // The swapped output adds v₁h₁ + v₂h₂ the other way round: an ulp of the output, amplified by at most a few.
      swap(g).forEach((x, q) => expect(Math.abs(gs[q] - x)).toBeLessThan(1e-14));
    }
  });
  it('dropout masks differ per unit: at a tied point the masked gradient is not tied', () => {
    const p = startParams(s, 'tied'), g = new Float64Array(size(s));
    const r = makeRng(2);
    const mask = Float64Array.from({ length: data.n * s.d }, () => (r.uniform() < 0.5 ? 0 : 2));
    lossGrad('tanh', s, p, { X: data.X, Y: data.Y, rows, mask }, g);
    expect(unitsTied(s, g)).toBe(false);
  });
  it('from zero, tanh, ReLU and linear units get an exactly zero gradient whatever the mask or the order (h = 0 and v = 0)', () => {
    const p = startParams(s, 'zero'), g = new Float64Array(size(s));
    const mask = Float64Array.from({ length: data.n * s.d }, (_, i) => (i % 3 ? 2 : 0));
    for (const act of ['tanh', 'relu', 'identity'] as const) for (const order of ['unit', 'blocked', 'pairwise'] as const) {
      lossGrad(act, s, p, { X: data.X, Y: data.Y, rows, mask, order }, g);
      for (let q = 0; q < at.c(s); q++) expect(g[q]).toBe(0);
    }
  });
  it('rounding differs per row: at tied points the blocked and pairwise gradients are untied for some, the per-unit one for none', () => {
    const r = makeRng(4), g = new Float64Array(size(s));
    const tiedPoints = Array.from({ length: 20 }, () => {
      const u = [r.normal(), r.normal(), r.normal(), r.normal()];
      const p = new Float64Array(size(s));
      for (let j = 0; j < s.d; j++) [p[at.w(s, j, 0)], p[at.w(s, j, 1)], p[at.b(s, j)], p[at.v(s, j)]] = u;
      return p;
    });
    for (const precision of ['f64', 'f32'] as const) for (const order of ['unit', 'blocked', 'pairwise'] as const) {
      const untied = tiedPoints.filter((p) => (lossGrad('tanh', s, p, { X: data.X, Y: data.Y, rows, order, precision }, g), !unitsTied(s, g))).length;
      if (order === 'unit') expect(untied, `${order} ${precision}`).toBe(0);
      else expect(untied, `${order} ${precision}`).toBeGreaterThan(0);
    }
  });
});

describe('the grid', () => {
  for (const act of TIE_ACTS) {
    it(`${act}: every mechanism that treats the units alike keeps an identical non-zero start tied, bit for bit`, () => {
      for (const m of EQUIVARIANT) expect(runMechanism(act, 'tied', m).verdict, m).toBe('tied');
    });
    it(`${act}: every position-dependent order splits an identical non-zero start within the run`, () => {
      for (const m of ['blocked64', 'blocked32', 'pairwise64', 'pairwise32'] as const) expect(runMechanism(act, 'tied', m).verdict, m).toBe('broken');
    });
    it(`${act}: random init and dropout break an identical non-zero start at once`, () => {
      expect(runMechanism(act, 'tied', 'random').split).toBe(0);
      expect(runMechanism(act, 'tied', 'dropout').split).toBe(1);
    });
  }
  it('from zero, tanh, ReLU and linear units are stuck under everything but a random init', () => {
    for (const act of ['tanh', 'relu', 'identity'] as const) for (const m of MECHANISMS) expect(runMechanism(act, 'zero', m).verdict, `${act} ${m}`).toBe(m === 'random' ? 'broken' : 'stuck');
  });
  it('from zero, sigmoid units move (σ(0) = ½) and stay tied under the equivariant mechanisms', () => {
    for (const m of EQUIVARIANT) expect(runMechanism('sigmoid', 'zero', m).verdict, m).toBe('tied');
  });
});
