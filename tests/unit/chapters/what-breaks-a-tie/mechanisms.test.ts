import { describe, expect, it } from 'vitest';
import { mechanismName, MECHANISMS, runMechanism, SETUP, shareUnits, startParams, TIE_ACTS, tieData } from '../../../../src/chapters/what-breaks-a-tie/mechanisms.ts';
import { MAX_STEPS } from '../../../../src/chapters/what-breaks-a-tie/settings.ts';
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
  it('one parameter used twice: where blocked sums untie the two uses\' gradients, their sum g₁ + g₂ is one gradient for both', () => {
    const r = makeRng(4), g = new Float64Array(size(s));
    let untiedUses = 0;
    for (let i = 0; i < 20; i++) {
      const u = [r.normal(), r.normal(), r.normal(), r.normal()];
      const p = new Float64Array(size(s));
      for (let j = 0; j < s.d; j++) [p[at.w(s, j, 0)], p[at.w(s, j, 1)], p[at.b(s, j)], p[at.v(s, j)]] = u;
      lossGrad('tanh', s, p, { X: data.X, Y: data.Y, rows, order: 'blocked' }, g);
      if (unitsTied(s, g)) continue;
      untiedUses++;
      const uses = g.slice();
      shareUnits(s, g);
      expect(unitsTied(s, g)).toBe(true);
      for (const [a, b] of [[at.b(s, 0), at.b(s, 1)], [at.v(s, 0), at.v(s, 1)], [at.w(s, 0, 0), at.w(s, 1, 0)], [at.w(s, 0, 1), at.w(s, 1, 1)]]) expect(g[a]).toBe(uses[a] + uses[b]);
      expect(g[at.c(s)]).toBe(uses[at.c(s)]);
    }
    // Without tied points whose uses differ, the test would show nothing.
    expect(untiedUses).toBeGreaterThan(0);
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
  it('from zero, sigmoid units move (σ(0) = ½) and stay tied under the equivariant mechanisms and as one parameter', () => {
    for (const m of [...EQUIVARIANT, 'shared64'] as const) expect(runMechanism('sigmoid', 'zero', m).verdict, m).toBe('tied');
  });
  it('one parameter used twice stays tied under the blocked float64 sums that split two separate units', () => {
    for (const act of TIE_ACTS) {
      expect(runMechanism(act, 'tied', 'blocked64').verdict, act).toBe('broken');
      expect(runMechanism(act, 'tied', 'shared64').verdict, act).toBe('tied');
    }
  });
  it('its step is not plain gradient descent\'s: the summed gradient moves the units further', () => {
    const [gd, shared] = (['gd', 'shared64'] as const).map((m) => runMechanism('tanh', 'tied', m, { steps: 2 }));
    expect(shared.loss[0]).toBe(gd.loss[0]);
    expect(shared.loss[1]).not.toBe(gd.loss[1]);
  });
});

describe('the grid\'s settings', () => {
  it('default to SETUP: passing SETUP\'s values gives the same runs bit for bit', () => {
    for (const m of ['dropout', 'adam', 'decay', 'label', 'blocked64'] as const) {
      const a = runMechanism('tanh', 'tied', m), b = runMechanism('tanh', 'tied', m, { lr: SETUP.lr, steps: SETUP.steps, dropout: SETUP.dropout, decay: SETUP.decay, noise: SETUP.noise });
      expect(b.loss).toEqual(a.loss);
      expect(b.label).toBe(a.label);
    }
  });
  it('p = 0, γ = 0 and σ = 0 make dropout, decay and noise plain gradient descent, bit for bit', () => {
    const gd = runMechanism('tanh', 'tied', 'gd');
    for (const [m, over] of [['dropout', { dropout: 0 }], ['decay', { decay: 0 }], ['label', { noise: 0 }], ['input', { noise: 0 }]] as const) {
      const r = runMechanism('tanh', 'tied', m, over);
      expect(r.loss, m).toEqual(gd.loss);
      expect(r.verdict, m).toBe('tied');
    }
  });
  it('change the runs: the step count, and a different dropout rate gives a different path', () => {
    expect(runMechanism('tanh', 'tied', 'gd', { steps: 40 }).steps).toBe(40);
    expect(runMechanism('tanh', 'tied', 'dropout', { dropout: 0.2 }).loss).not.toEqual(runMechanism('tanh', 'tied', 'dropout').loss);
  });
  it('the names follow the settings', () => {
    expect(mechanismName('dropout', { ...SETUP, dropout: 0.3 })).toBe('dropout, rate p = 0.3');
    expect(mechanismName('decay', { ...SETUP, decay: 0.05 })).toBe('weight decay, γ = 0.05');
    expect(mechanismName('label', { ...SETUP, noise: 0.2 })).toBe('label noise, σ = 0.2');
    expect(mechanismName('adam', SETUP)).toBe(`Adam, step ${SETUP.adamLr}`);
    expect(mechanismName('adam', { ...SETUP, lr: 0.06 })).toBe('Adam, step 0.012');
    expect(mechanismName('dropout')).not.toMatch(/\d/);
  });
  it('out of range: a message naming the setting, no run', () => {
    const bad = (over: object) => () => runMechanism('tanh', 'tied', 'gd', over);
    expect(bad({ dropout: 1 })).toThrow('dropout rate p must be in [0, 1) (got 1)');
    expect(bad({ dropout: -0.1 })).toThrow(/dropout rate p must be in \[0, 1\)/);
    expect(bad({ lr: 0 })).toThrow('learning rate η must be a positive finite number (got 0)');
    expect(bad({ lr: Number.NaN })).toThrow(/learning rate η must be a positive finite number/);
    expect(bad({ steps: 2.5 })).toThrow(`steps must be a whole number from 1 to ${MAX_STEPS} (got 2.5)`);
    expect(bad({ steps: 0 })).toThrow(/steps must be a whole number/);
    expect(bad({ steps: MAX_STEPS + 1 })).toThrow(/steps must be a whole number/);
    expect(bad({ decay: -0.01 })).toThrow(/weight decay γ must be a non-negative finite number/);
    expect(bad({ noise: Infinity })).toThrow(/noise σ must be a non-negative finite number/);
  });
  it('a diverging run ends as diverged at the step it overflowed, with only finite losses and gaps', () => {
    const r = runMechanism('identity', 'tied', 'gd', { lr: 2 });
    expect(r.verdict).toBe('diverged');
    expect(r.label).toBe(`diverged@${r.diverged}`);
    expect(r.diverged).toBeGreaterThan(0);
    expect(r.steps).toBe(r.diverged! - 1);
    expect([...r.loss, ...r.gap].every(Number.isFinite)).toBe(true);
    // The default η keeps the same run finite: the divergence is η's.
    expect(runMechanism('identity', 'tied', 'gd').verdict).toBe('tied');
  });
});
