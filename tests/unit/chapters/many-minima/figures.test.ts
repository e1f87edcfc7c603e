import { describe, expect, it } from 'vitest';
import { compute, render } from '../../../support/figures.ts';
import { drawFigure, staticView } from '../../../../src/figure/run.ts';
import { NARROW } from '../../../../src/figure/sizes.ts';
import { serverDocument } from '../../../support/figures.ts';
import barrier from '../../../../src/chapters/many-minima/figures/minima-barrier.ts';
import count from '../../../../src/chapters/many-minima/figures/minima-count.ts';
import { FLAT } from '../../../../src/chapters/many-minima/restarts.ts';
import restarts from '../../../../src/chapters/many-minima/figures/minima-restarts.ts';
import slice from '../../../../src/chapters/many-minima/figures/minima-slice.ts';

type BarrierData = ReturnType<typeof barrier.compute>;
type CountData = ReturnType<typeof count.compute>;
type RestartsData = ReturnType<typeof restarts.compute>;
type SliceData = ReturnType<typeof slice.compute>;

describe('minima-barrier', () => {
  const d = compute<BarrierData>(barrier);
  it('at the defaults: from lowersFrom on matching lowers every pair’s barrier, the median falls with width, not to zero', () => {
    const after = d.byWidth.map((b) => b.after!);
    const before = d.byWidth.map((b) => b.before!);
    expect(d.byWidth.map((b) => b.pairs)).toEqual([6, 6, 6, 6]);
    const from = (d.widths as number[]).indexOf(d.lowersFrom!);
    expect(from).toBeGreaterThanOrEqual(0);
    for (const r of d.rows) if (r.M >= d.lowersFrom!) expect(r.barrierAfter).toBeLessThan(r.barrierBefore);
    // lowersFrom is the narrowest such width: just below it some pair was not lowered.
    if (from > 0) expect(d.rows.some((r) => r.M === d.widths[from - 1] && r.barrierAfter >= r.barrierBefore)).toBe(true);
    for (let i = 1; i < 4; i++) expect(after[i]).toBeLessThanOrEqual(after[i - 1]);
    for (let i = from; i < 4; i++) expect(after[i]).toBeLessThan(before[i] / 3);
    expect(after[3]).toBeGreaterThan(0);
    expect(after[3]).toBeLessThan(before[3] / 10);
    expect(d.shrink).toBeCloseTo(after[3] / after[0], 12);
    expect(d.shrinkBefore).toBeCloseTo(after[3] / before[3], 12);
    expect(d.note).toBeUndefined();
    expect(d.rows).toHaveLength(24);
  });
  it('counts the pairs matching raised, lowered or left alone, as the rows show; at the narrowest width it raised some (the prose)', () => {
    for (const b of d.byWidth) {
      const at = d.rows.filter((r) => r.M === b.M);
      expect(b.raised).toBe(at.filter((r) => r.barrierAfter > r.barrierBefore).length);
      expect(b.lowered).toBe(at.filter((r) => r.barrierAfter < r.barrierBefore).length);
      expect(b.kept).toBe(at.filter((r) => r.matchingKeptOrder).length);
      // A kept order is the same path, so the same barrier to the bit.
      for (const r of at) if (r.matchingKeptOrder) expect(r.barrierAfter).toBe(r.barrierBefore);
    }
    expect(d.byWidth[0].raised).toBeGreaterThan(0);
    expect(d.lowersFrom).toBeGreaterThan(d.widths[0]);
  });
  it('never draws a non-finite loss; an Adam rate of 1 and tanh still give finite rows or a note', () => {
    const hot = compute<BarrierData>(barrier, { lr: 1, act: 'tanh', count: 2, steps: 200 });
    for (const r of hot.rows) for (const v of Object.values(r)) if (typeof v !== 'boolean') expect(Number.isFinite(v)).toBe(true);
    expect(hot.paths.every((p) => Number.isFinite(p.loss))).toBe(true);
    expect(render(barrier, { lr: 1, act: 'tanh', count: 2, steps: 200 }).html).toContain('<svg');
  });
});

describe('minima-restarts', () => {
  it('at the defaults: two functions, all converged, 384 copies each; too few steps give a note', () => {
    const d = compute<RestartsData>(restarts);
    expect(d.groupCount).toBe(2);
    expect(d.copiesNumber).toBe(384);
    expect(d.note).toBeUndefined();
    expect(d.sameMatched).toBeLessThan(1e-7);
    expect(d.sameRaw).toBeGreaterThan(1);
    // After 200 Adam steps the damped Newton steps still reach the tolerance in every run, but one of them (seed 3)
    // stops at a saddle, a critical point with a zero unit and a negative eigenvalue: the note must say so.
    const short = compute<RestartsData>(restarts, { steps: 200, count: 3, M: 6 });
    expect(short.rows.map((r) => r.capped)).toEqual([false, false, false]);
    const saddles = short.rows.filter((r) => r.minEig < -1e-8).length;
    expect(saddles).toBeGreaterThan(0);
    expect(short.note).toBe(`${saddles} ended at a saddle, not a minimum (a negative Hessian eigenvalue in the table), which Newton steps cannot leave.`);
    expect(short.count).toBe(3);
  });
});

describe('minima-restarts with ReLU', () => {
  it('offers ReLU, and its restarts draw with no NaN: balanced units, the group M! without flips', () => {
    const act = restarts.controls.act;
    expect(act.kind === 'select' && act.options.map((o) => o.value)).toContain('relu');
    const { data, html } = render<RestartsData>(restarts, { act: 'relu', count: 4 });
    expect(html).not.toContain('NaN');
    expect(html).toContain('balancing every unit');
    expect(data.copiesNumber).toBe(24);
    // Balanced to ‖∇J‖/(2λ‖u‖) ≈ 1e-7 at most (the restart tests check this run by run).
    expect(data.maxImbalance).toBeLessThan(1e-7);
    expect(data.rows.every((r) => Number.isFinite(r.J) && Number.isFinite(r.gradNorm))).toBe(true);
  });
  it('says which end points are strict minima: all of them for tanh, and for ReLU it counts the flat ones', () => {
    const tanh = render<RestartsData>(restarts);
    expect(tanh.data.flat).toBe(0);
    expect(tanh.html).toContain('so every end point here is a strict minimum');
    // At the defaults the ReLU restarts include end points flat in a direction (a split or a dead unit).
    const relu = render<RestartsData>(restarts, { act: 'relu' });
    const flat = relu.data.rows.filter((r) => Math.abs(r.minEig) < FLAT);
    expect(flat.length).toBeGreaterThan(0);
    expect(relu.data.flat).toBe(flat.length);
    expect(relu.html).toContain(`yet ${flat.length} of the ${relu.data.count} end points are flat in some direction`);
    expect(relu.html).not.toContain('so every end point here is a strict minimum');
  });
});

describe('bad input', () => {
  // What a notebook cell or an edited address can pass: never a long run or a NaN, a message naming the control.
  it('every figure refuses a value outside a control’s range, a fraction where a whole number belongs, an unknown option', () => {
    expect(() => compute(restarts, { count: 40 })).toThrow(/Restarts R: [^ ]+ is outside \[2, 16\]/);
    expect(() => compute(restarts, { count: 0 })).toThrow(/Restarts R/);
    expect(() => compute(restarts, { M: 50 })).toThrow(/Hidden units M: [^ ]+ is outside \[2, 6\]/);
    expect(() => compute(restarts, { steps: 0 })).toThrow(/Adam steps before Newton/);
    expect(() => compute(restarts, { M: 3.5 })).toThrow(/Hidden units M: [^ ]+ is not a whole number/);
    expect(() => compute(restarts, { act: 'gelu' })).toThrow(/Activation σ: "gelu" is not one of tanh, erf, relu/);
    expect(() => compute(barrier, { count: 1 })).toThrow(/Nets per width: [^ ]+ is outside \[2, 6\]/);
    expect(() => compute(barrier, { steps: 1e6 })).toThrow(/Adam steps: 1000000 is outside/);
    expect(() => compute(barrier, { lr: 10 })).toThrow(/Adam rate: [^ ]+ is outside \[0.001, 1\]/);
    expect(() => compute(barrier, { lr: Number.NaN })).toThrow(/Adam rate/);
    expect(() => compute(barrier, { shown: '5' })).toThrow(/Paths at width: "5" is not one of/);
    expect(() => compute(slice, { seed: 0 })).toThrow(/seed of its start/);
    expect(() => compute(slice, { span: 0.5 })).toThrow(/Zoom out: [^ ]+ is outside \[1.2, 3\]/);
    expect(() => compute(count, { M: 0 })).toThrow(/Hidden units M: [^ ]+ is outside \[1, 64\]/);
    expect(() => compute(count, { G: 1 })).toThrow(/Grid values per weight: [^ ]+ is outside \[2, 100\]/);
    expect(() => compute(count, { k: 2.5 })).toThrow(/Inputs k: [^ ]+ is not a whole number/);
  });
  it('a diverging rate at the edge of the range gives finite rows and a note, not NaN on the chart', () => {
    const { data, html } = render<BarrierData>(barrier, { lr: 1, act: 'relu', count: 2, steps: 100 });
    expect(html).not.toContain('NaN');
    for (const r of data.rows) for (const v of Object.values(r)) if (typeof v !== 'boolean') expect(Number.isFinite(v)).toBe(true);
    if (data.rows.length < 4 * 1) expect(data.note).toMatch(/diverged or ended with a non-finite loss/);
  });
});

describe('minima-slice', () => {
  it('the copies are one function, the tied point a saddle with a flat direction; moving the slice hides the points', () => {
    const d = compute<SliceData>(slice);
    expect(d.copyGap).toBeLessThan(1e-12);
    expect(d.minEig).toBeLessThan(0);
    expect(Math.abs(d.zeroEig)).toBeLessThan(1e-8);
    expect(d.tiedLoss).toBeGreaterThan(d.minLoss);
    expect(d.log.every(Number.isFinite)).toBe(true);
    expect(render(slice).html).toContain('θₛ saddle');
    expect(render(slice, { offset: 0.3 }).html).not.toContain('θₛ saddle');
  });
});

describe('minima-count', () => {
  it('counts 2^M·M! at the defaults, agrees with the list when units coincide, and says when it clips', () => {
    const d = compute<CountData>(count);
    expect(10 ** d.tanhLog10).toBeCloseTo(384, 6);
    expect(d.P).toBe(13);
    const t = compute<CountData>(count, { M: 5, tied: 2, zero: 1 });
    expect(t.listed).not.toBeNull();
    expect(10 ** t.tanhLog10).toBeCloseTo(t.listed!.tanh, 6);
    expect(10 ** t.reluLog10).toBeCloseTo(t.listed!.relu, 6);
    expect(t.note).toBeUndefined();
    const clipped = compute<CountData>(count, { M: 3, tied: 5, zero: 5 });
    expect(clipped.note).toMatch(/Only 2 units besides unit 1/);
    expect(compute<CountData>(count, { M: 64 }).listed).toBeNull();
  });
  it('a random net is minimal and its orbit is all; coinciding or zero units make it a continuum', () => {
    expect(compute<CountData>(count).minimal).toBe(true);
    expect(render(count).html).toContain('minimal net, the orbit is all');
    for (const over of [{ tied: 1, zero: 0 }, { tied: 0, zero: 1 }]) {
      expect(compute<CountData>(count, over).minimal).toBe(false);
      expect(render(count, over).html).toContain('a continuum: the net is not minimal');
    }
  });
  it('at G = 2 the group overtakes the grid on the chart, and a negative per-copy count is shown as one', () => {
    const d = compute<CountData>(count);
    expect(d.perCopyLog10).toBeGreaterThan(0);
    expect(d.overtake).toBeGreaterThan(64);
    const { data, html } = render<CountData>(count, { G: 2, M: 64 });
    expect(data.overtake).toBeLessThanOrEqual(64);
    expect(data.perCopyLog10).toBeLessThan(0);
    // The generic orbit at M = 64 is the group's order: the same per-copy count as count.ts gives.
    expect(data.perCopyLog10).toBeCloseTo(data.genericPerCopy, 8);
    const e = Math.floor(data.perCopyLog10);
    expect(html).toContain(`×10^${e}`);
    expect(html).toContain('the orbit outnumbers the grid');
    expect(html).not.toContain('points per copy in the orbit</th><td>0<');
  });
  it('draws at phone width too', () => {
    for (const fig of [count, slice]) expect(drawFigure(fig, compute(fig), serverDocument(), staticView(NARROW)).outerHTML).toContain('<svg');
  });
});
