import { describe, expect, it } from 'vitest';
import { compute, render } from '../../../support/figures.ts';
import gap from '../../../../src/chapters/identical-twins/figures/twins-gap.ts';
import lost from '../../../../src/chapters/identical-twins/figures/twins-lost.ts';
import starts from '../../../../src/chapters/identical-twins/figures/twins-starts.ts';
import { bestRankOneLoss } from '../../../../src/chapters/identical-twins/rank.ts';
import { regressionData } from '../../../../src/core/datasets.ts';

type Lost = ReturnType<typeof lost.compute>;
type Gap = ReturnType<typeof gap.compute>;
type Starts = ReturnType<typeof starts.compute>;

describe('what the figures claim', () => {
  it('lost figures: identical units stay exactly together, random units end apart', () => {
    const out = compute<Lost>(lost);
    expect(out.sameGap).toBe(0);
    expect(out.sameRows).toBe(301);
    expect(out.endSpread.identical).toBe(0);
    expect(out.endSpread.random).toBeGreaterThan(0.1);
    // The spread is read from the rows the CSV offers, at the last step of 300.
    const ends = out.rows.filter((r) => r.step === 300);
    const spread = (s: string) => Math.max(...ends.filter((r) => r.start === s).map((r) => r.weight)) - Math.min(...ends.filter((r) => r.start === s).map((r) => r.weight));
    expect(spread('identical start')).toBe(0);
    expect(spread('random start')).toBe(out.endSpread.random);
    // Identical units are one unit: they cannot fit the rank-3 teacher that d = 4 random units fit.
    expect(out.finalLoss.identical).toBeGreaterThan(100 * out.finalLoss.random);
  });
  it('gap: ε = 0 (far left) gives exactly 0 everywhere; ε = 1e-8 with m = 3 grows past 0.1, with m = 1 it stays small', () => {
    const zero = compute<Gap>(gap, { eps: 0 });
    expect(zero.zeroSteps).toBe(601);
    expect(zero.rows.every((r) => r.gapIn === 0 && r.gapOut === 0)).toBe(true);
    expect(zero.refZero).toBe(true);
    const def = compute<Gap>(gap);
    expect(def.zeroSteps).toBe(0);
    expect(def.brokeAt).not.toBeNull();
    expect(def.maxGapIn).toBeGreaterThan(0.1);
    // The perturbed run leaves the identical run's plateau (the figure's "stuck" verdict: 100× lower).
    expect(def.stuck).toBe(true);
    expect(def.finalLoss).toBeLessThan(def.refFinalLoss / 100);
    const one = compute<Gap>(gap, { m: 1 });
    expect(one.maxGapIn).toBeLessThan(1e-5);
    expect(one.brokeAt).toBeNull();
    expect(one.stuck).toBe(false);
  });
  it('three starts: zero never moves, identical sits on the best rank-one loss, random fits', () => {
    const out = compute<Starts>(starts);
    const last = (s: string) => out.rows.filter((r) => r.start === s).at(-1)!.loss;
    const best = bestRankOneLoss(regressionData({ m: 3 }));
    expect(out.zeroStill).toBe(true);
    expect(out.rankOne).toBe(best);
    expect(last('identical')).toBe(out.finalLoss.identical);
    // GD converges linearly to the rank-one optimum; after 1000 steps it is at rounding level (relative 1e-9 is loose).
    expect(Math.abs(out.finalLoss.identical - best)).toBeLessThan(1e-9 * best);
    expect(out.finalLoss.random).toBeLessThan(1e-12);
    // With one output every linear map has rank one: the bound costs nothing, both runs fit.
    const one = compute<Starts>(starts, { m: 1 });
    expect(one.rankOne).toBeLessThan(1e-12);
    expect(one.finalLoss.identical).toBeLessThan(1e-12);
    // With tanh the identical run is one unit (to rounding: summing d equal terms vs one times d) and ends higher.
    const tanh = compute<Starts>(starts, { act: 'tanh', m: 1 });
    expect(tanh.rankOne).toBeNull();
    expect(tanh.oneUnitDiff).toBeLessThan(1e-12);
    expect(tanh.finalLoss.identical).toBeGreaterThan(tanh.finalLoss.random);
  });
  it('a diverging run gives a note and a finite chart', () => {
    const { data, html } = render(lost, { d: 8, lr: 0.1, scale: 1.5 });
    expect(data.note).toMatch(/^diverged at step \d+: lower the learning rate/);
    expect(html).not.toMatch(/NaN|Infinity/);
  });
});
