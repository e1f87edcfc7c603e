import { describe, expect, it } from 'vitest';
import { compute, press, render } from '../../../support/figures.ts';
import { defaults } from '../../../../src/figure/define.ts';
import { computeFigure, initialState, type Memo } from '../../../../src/figure/run.ts';
import inspector from '../../../../src/chapters/w11-and-w12/figures/tanh-inspector.ts';
import trajectories from '../../../../src/chapters/w11-and-w12/figures/tanh-trajectories.ts';
import restarts from '../../../../src/chapters/w11-and-w12/figures/tanh-restarts.ts';
import eslZero from '../../../../src/chapters/w11-and-w12/figures/tanh-esl-zero.ts';

type InspectorData = ReturnType<typeof inspector.compute>;
type TrajectoriesData = ReturnType<typeof trajectories.compute>;
type RestartsData = ReturnType<typeof restarts.compute>;
type EslZeroData = ReturnType<typeof eslZero.compute>;

describe('inspector', () => {
  it('identical units get bit-for-bit equal gradients at every step; random units do not', () => {
    let state = initialState(inspector);
    for (let s = 0; s < 40; s++) {
      const d = compute<InspectorData>(inspector, {}, state);
      expect(d.steps).toBe(s);
      expect(d.same).toBe(true);
      expect(Object.is(d.factors[0].chain, d.factors[1].chain)).toBe(true);
      expect(Object.is(d.next[0], d.next[1])).toBe(true);
      state = press(inspector, 'step', state);
    }
    expect(render(inspector).html).toContain('bit for bit');
    const r = render<InspectorData>(inspector, { start: 'random' });
    expect(r.data.same).toBe(false);
    expect(r.data.factors[0].chain).not.toBe(r.data.factors[1].chain);
    expect(r.html).toContain('The columns differ');
  });
  it('"Step one example" adds one step to a new state and leaves the old one alone', () => {
    const before = { steps: 4 };
    expect(press(inspector, 'step', before)).toEqual({ steps: 5 });
    expect(before).toEqual({ steps: 4 });
  });
  it('each formula line agrees with its central difference', () => {
    for (const steps of [0, 7]) {
      const d = compute<InspectorData>(inspector, { start: 'random' }, { steps });
      expect(d.numeric).toHaveLength(2);
      // Central differences with ε = 1e-5 on an O(1) one-example loss are good to ~1e-10.
      for (const j of [0, 1]) expect(Math.abs(d.numeric[j] - d.factors[j].answer)).toBeLessThan(1e-8);
    }
  });
  it('the next point is one SGD step: W₁ⱼ − α·∂L/∂W₁ⱼ, and the trace has every step so far', () => {
    const d = compute<InspectorData>(inspector, { start: 'random', lr: 0.2 }, { steps: 3 });
    for (const j of [0, 1]) expect(d.next[j]).toBe(d.W[j] - 0.2 * d.factors[j].chain);
    expect(d.hist).toHaveLength(2 * 4);
    // The trace ends where the table starts.
    expect(d.hist.slice(-2).map((r) => r.w)).toEqual(d.W);
    const after = compute<InspectorData>(inspector, { start: 'random', lr: 0.2 }, { steps: 4 });
    // After one more step the table's W is where the previous next point said it would be, up to
    // the sum order of the SGD update (a few ulps of an O(1) weight).
    for (const j of [0, 1]) expect(Math.abs(after.W[j] - d.next[j])).toBeLessThan(1e-15);
  });
});

describe('trajectories', () => {
  it('the identical start never separates, the random start does', () => {
    for (const optimizer of ['sgd', 'gd']) {
      const { gaps } = compute<TrajectoriesData>(trajectories, { optimizer });
      expect(gaps).toHaveLength(4);
      for (const g of gaps) {
        if (g.start === 'identical') expect(g.gap, g.pair).toBe(0);
        else expect(g.gap, g.pair).toBeGreaterThan(0);
      }
    }
  });
});

describe('restarts', () => {
  it('losses spread, weights differ, swapping units changes the function only by rounding', () => {
    const d = compute<RestartsData>(restarts);
    expect(d.lossRows).toHaveLength(8);
    expect(d.hi).toBeGreaterThan(d.lo);
    expect(d.closest).toBeGreaterThan(0);
    expect(d.paramDiff).toBeGreaterThan(0);
    // Swapping reorders a few additions of O(1) numbers: a few ulps, never more than 1e-14.
    expect(d.outDiff).toBeLessThan(1e-14);
    const swapped = compute<RestartsData>(restarts, { swap: true });
    expect(swapped.alt).toContain('hidden units swapped');
    // The swapped units trade places; the losses do not move (beyond the same rounding).
    expect(swapped.lossRows.map((r) => r.loss)).toEqual(d.lossRows.map((r) => r.loss));
    for (const r of swapped.lossRows) expect(Math.abs(r.shownLoss - r.loss)).toBeLessThan(1e-14);
    for (let i = 0; i < d.unitRows.length; i++) expect(swapped.unitRows[i ^ 1].w1).toBe(d.unitRows[i].w1);
  });
  it('trains each (seed, steps) once: ticking "swap" or adding a restart retrains nothing', () => {
    const memo: Memo = new Map();
    const run = (over: Record<string, number | boolean>) => computeFigure(restarts, { ...defaults(restarts.controls), ...over }, { live: true, memo });
    const first = run({});
    expect(memo.size).toBe(8);
    const kept = [...memo.values()];
    run({ swap: true });
    expect(memo.size).toBe(8);
    run({ count: 9 });
    expect(memo.size).toBe(9);
    // The eight first runs are the very same objects: nothing was trained again.
    expect([...memo.values()].slice(0, 8).every((v, i) => v === kept[i])).toBe(true);
    run({ steps: 400 });
    expect(memo.size).toBe(9 + 8);
    // A warm memo gives exactly what a cold one does.
    expect(run({})).toEqual(first);
    expect(compute(restarts)).toEqual(first);
  });
  it('reports progress after every restart, with the restarts done so far', () => {
    const seen: { done: number; n: number; closest: number | null }[] = [];
    const final = computeFigure(restarts, { ...defaults(restarts.controls), count: 3 }, {
      live: true, memo: new Map(),
      progress: (done, partial) => {
        const p = partial() as RestartsData;
        seen.push({ done, n: p.lossRows.length, closest: p.closest });
      },
    }) as RestartsData;
    expect(seen.map((s) => s.done)).toEqual([1 / 3, 2 / 3, 1]);
    expect(seen.map((s) => s.n)).toEqual([1, 2, 3]);
    // One restart has no "closest two": null, not Infinity, so the partial result stays finite.
    expect(seen[0].closest).toBeNull();
    expect(seen[2].closest).toBe(final.closest);
  });
});

describe('ESL zero start', () => {
  it('tanh moves only β₀; the sigmoid moves everything and stays symmetric', () => {
    const d = compute<EslZeroData>(eslZero);
    const tanh = d.rows.filter((r) => r.activation === 'tanh').map((r) => r.moved);
    const sig = d.rows.filter((r) => r.activation === 'sigmoid').map((r) => r.moved);
    expect(tanh.slice(0, 3)).toEqual([0, 0, 0]);
    expect(tanh[3]).toBeGreaterThan(0);
    for (const v of sig) expect(v).toBeGreaterThan(0.01);
    expect(d.runs.map((r) => [r.act, r.identical])).toEqual([['tanh', true], ['sigmoid', true]]);
    expect(d.runs[1].loss).toBeLessThan(d.runs[1].loss0);
    expect(d.counts).toEqual([17, 17, 16]);
    const balanced = compute<EslZeroData>(eslZero, { n: 60 });
    expect(balanced.counts).toEqual([20, 20, 20]);
    expect(balanced.note).toMatch(/exactly 20 examples/);
  });
});
