import { describe, expect, it } from 'vitest';
import { compute, render } from '../../../support/figures.ts';
import gap from '../../../../src/chapters/identical-twins/figures/twins-gap.ts';
import lost from '../../../../src/chapters/identical-twins/figures/twins-lost.ts';
import starts from '../../../../src/chapters/identical-twins/figures/twins-starts.ts';
import zero from '../../../../src/chapters/identical-twins/figures/twins-zero.ts';
import { bestRankLoss, bestRankOneLoss } from '../../../../src/chapters/identical-twins/rank.ts';
import { questionData } from '../../../../src/chapters/identical-twins/question.ts';
import { regressionData } from '../../../../src/core/datasets.ts';
import type { Values } from '../../../../src/figure/types.ts';

type Lost = ReturnType<typeof lost.compute>;
type Gap = ReturnType<typeof gap.compute>;
type Starts = ReturnType<typeof starts.compute>;
type Zero = ReturnType<typeof zero.compute>;

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

describe('the question’s network from zero (twins-zero)', () => {
  const first = (out: Zero) => Object.fromEntries(out.groups.map((g) => [g.group, g.firstStep]));
  it('sigmoid with biases (the defaults): W₂ and b₂ move at step 1, W and b at step 2, units tied at every step', () => {
    const out = compute<Zero>(zero);
    expect(first(out)).toEqual({ W: 2, b: 2, 'W₂': 1, 'b₂': 1 });
    expect(out.tied).toBe(true);
    expect(out.tiedSteps).toBe(out.recorded);
    expect(out.recorded).toBe(201);
    expect(out.groups.every((g) => g.final > 0)).toBe(true);
  });
  it('sigmoid without biases still moves, in lockstep', () => {
    const out = compute<Zero>(zero, { biases: false });
    expect(first(out)).toEqual({ W: 2, 'W₂': 1 });
    expect(out.tied).toBe(true);
  });
  for (const act of ['identity', 'tanh']) {
    it(`${act} with biases: only b₂ moves, and the loss goes to the variance of y`, () => {
      const out = compute<Zero>(zero, { act, steps: 1000 });
      expect(first(out)).toEqual({ W: null, b: null, 'W₂': null, 'b₂': 1 });
      expect(out.tied).toBe(true);
      // b₂ converges geometrically to the best constant (tanh b₂ = ȳ for tanh): after 1000 steps, rounding level.
      expect(Math.abs(out.lossEnd - out.variance)).toBeLessThan(1e-12);
    });
  }
  it('identity with biases: b₂ follows ȳ(1 − (1 − 2η)^t) to rounding', () => {
    const out = compute<Zero>(zero, { act: 'identity', lr: 0.1 });
    // One subtraction and one multiplication per step on O(0.4) numbers: a few ulps, far below 1e-14.
    expect(out.closedFormGap).toBeLessThan(1e-14);
    const y = questionData().Y;
    expect(out.mean).toBeCloseTo(y.reduce((a, b) => a + b, 0) / y.length, 15);
  });
  for (const act of ['identity', 'tanh']) {
    it(`${act} without biases (the chapter’s case for identity): nothing moves`, () => {
      const out = compute<Zero>(zero, { act, biases: false });
      expect(out.groups.every((g) => g.firstStep === null)).toBe(true);
      expect(out.lossEnd).toBe(out.loss0);
    });
  }
});

describe('the rank cascade (twins-gap)', () => {
  it('at the defaults the run rests on two plateaus: the best rank-1 and rank-2 losses, to 1e-3', () => {
    const out = compute<Gap>(gap);
    const data = regressionData({ m: 3 });
    expect(out.rankLines.map((l) => l.loss)).toEqual([bestRankLoss(data, 1), bestRankLoss(data, 2)]);
    expect(out.plateaus.map((p) => p.rank)).toEqual([1, 2]);
    // In the middle of a plateau the loss is within the not-yet-converged approach and the grown asymmetry of
    // the saddle's value; at ε = 1e-8 both are below 1e-4 relative, so 1e-3 is a margin, not a fudge.
    for (const p of out.plateaus) expect(p.relErr).toBeLessThan(1e-3);
    expect(out.plateaus[0].to).toBeLessThan(out.plateaus[1].from);
  });
  it('every plateau of every run (ε 1e-4 … 1e-12, seeds 1–3, m = 2 and 3) is a best rank-r loss, to 1%', () => {
    let seen = 0;
    for (const m of [2, 3]) for (const eps of [1e-4, 1e-8, 1e-12]) for (const seed of [1, 2, 3]) {
      const out = compute<Gap>(gap, { m, eps, seed, steps: 1000 });
      for (const p of out.plateaus) {
        // With ε = 1e-4 the rank-2 plateau is brief and the run is already leaving it: 0.15% below (see the figure);
        // 1% separates "on this line" from "on no line" (the lines are a factor ≥ 3 apart).
        expect(p.rank, `m ${m}, ε ${eps}, seed ${seed}, plateau at ${p.level}`).not.toBeNull();
        expect(p.relErr).toBeLessThan(1e-2);
        seen++;
      }
    }
    expect(seen).toBeGreaterThanOrEqual(14);
  });
  it('near the rank-one saddle the units’ gap grows by 1 + 2ησ₁ per step', () => {
    const out = compute<Gap>(gap, { eps: 1e-12, steps: 1000 });
    const rate = out.escapes[0].rate;
    // Steps 50–110 lie on the first plateau (it spans 25–137 here); the slower direction σ₂ has died out
    // relative to σ₁ by a factor (1.066/1.2)^50 ≈ 3e-3, so the measured factor matches to 1e-3.
    const per = (out.rows[110].gapIn / out.rows[50].gapIn) ** (1 / 60);
    expect(Math.abs(per - (1 + 2 * 0.05 * rate))).toBeLessThan(1e-3);
  });
  it('on the rank-two plateau the third direction grows at the rank-one saddle’s σ₂, to 0.1%', () => {
    const out = compute<Gap>(gap);
    // The page says "almost the same rate": measured 0.6548 against 0.6547; 1e-3 relative is that claim.
    expect(out.secondRate).not.toBeNull();
    expect(Math.abs(out.secondRate! - out.escapes[1].rate) / out.escapes[1].rate).toBeLessThan(1e-3);
  });
  it('each escape comes within 10% of ln(1/ε)/ln(1 + 2ησ_r), and scales with ln(1/ε) and 1/η', () => {
    // The prediction leaves out O(1) constants inside the logarithm (the perturbation's share along each
    // direction, the size at which the loss halves): worth ±ln(10)/ln(1 + 2ησ) ≈ ±10% of these times.
    const settings: Values[] = [{}, { eps: 1e-12, steps: 1000 }, { lr: 0.02, steps: 2000 }, { seed: 7 }, { m: 2 }];
    for (const over of settings) {
      for (const e of compute<Gap>(gap, over).escapes) {
        expect(e.step, JSON.stringify(over)).not.toBeNull();
        expect(Math.abs(e.step! - e.predicted!) / e.predicted!, JSON.stringify(over)).toBeLessThan(0.1);
      }
    }
    const at = (over: Values) => compute<Gap>(gap, over).escapes.map((e) => e.step!);
    const base = at({});
    // ε = 1e-4 halves ln(1/ε): both escapes about twice as early; η = 0.025 about twice as late. 20% allows the
    // offset of the first few dozen steps and ln(1 + x) ≠ x.
    at({ eps: 1e-4 }).forEach((s, i) => expect(Math.abs(s / base[i] - 0.5)).toBeLessThan(0.1));
    at({ lr: 0.025, steps: 1200 }).forEach((s, i) => expect(Math.abs(s / base[i] - 2)).toBeLessThan(0.4));
  });
});

describe('where bitwise ties hold (twins-gap, sums)', () => {
  it('the same start, with sums whose order depends on the unit’s position: the tie breaks from rounding alone', () => {
    const tied = compute<Gap>(gap, { eps: 0 });
    expect(tied.zeroSteps).toBe(601);
    const pos = compute<Gap>(gap, { eps: 0, sums: 'position', steps: 1000 });
    expect(pos.rows[0].gapIn).toBe(0);
    expect(pos.firstApart).toBeGreaterThan(0);
    expect(pos.firstApart).toBeLessThan(20);
    // The first difference is a rounding error: below 1e-15 on weights of order 0.5.
    expect(Math.max(pos.rows[pos.firstApart].gapIn, pos.rows[pos.firstApart].gapOut)).toBeLessThan(1e-15);
    // … and the unstable tie amplifies it until the loss leaves both plateaus.
    expect(pos.brokeAt).not.toBeNull();
    expect(pos.plateaus.map((p) => p.rank)).toEqual([1, 2]);
    expect(pos.finalLoss).toBeLessThan(1e-20);
  });
  it('floating-point addition is not associative: the fact the position order exposes', () => {
    expect((0.1 + 0.2) + 0.3).not.toBe(0.1 + (0.2 + 0.3));
  });
});

