import { describe, expect, it } from 'vitest';
import { draw, figureContract } from '../../../support/figures.ts';
import gap from '../../../../src/chapters/identical-twins/figures/twins-gap.ts';
import lost from '../../../../src/chapters/identical-twins/figures/twins-lost.ts';
import starts from '../../../../src/chapters/identical-twins/figures/twins-starts.ts';
import { bestRankOneLoss } from '../../../../src/chapters/identical-twins/rank.ts';
import { regressionData } from '../../../../src/core/datasets.ts';

for (const [name, fig] of [['twins-lost', lost], ['twins-gap', gap], ['twins-starts', starts]] as const) figureContract(name, fig);

describe('what the figures claim', () => {
  it('lost figures: identical units stay exactly together, random units end apart', async () => {
    const out = await draw(lost);
    expect(out.alt).toMatch(/exactly 0 at every one of 301 recorded steps/);
    const ends = (out.rows as { start: string; step: number; weight: number }[]).filter((r) => r.step === 300);
    const spread = (s: string) => Math.max(...ends.filter((r) => r.start === s).map((r) => r.weight)) - Math.min(...ends.filter((r) => r.start === s).map((r) => r.weight));
    expect(spread('identical start')).toBe(0);
    expect(spread('random start')).toBeGreaterThan(0.1);
  });
  it('gap: ε = 0 (far left) gives exactly 0 everywhere; ε = 1e-8 with m = 3 grows past 0.1, with m = 1 it stays small', async () => {
    const zero = await draw(gap, { eps: 0 });
    expect(zero.alt).toMatch(/ε = 0 the gap is exactly 0 at all 601 steps/);
    expect((zero.rows as { gapIn: number; gapOut: number }[]).every((r) => r.gapIn === 0 && r.gapOut === 0)).toBe(true);
    expect((await draw(gap)).alt).toMatch(/passing 0\.1 at step \d+\. The loss leaves the identical run's plateau/);
    const one = await draw(gap, { m: 1 });
    expect(Math.max(...(one.rows as { gapIn: number }[]).map((r) => r.gapIn))).toBeLessThan(1e-5);
  });
  it('three starts: zero never moves, identical sits on the best rank-one loss, random fits', async () => {
    const out = await draw(starts);
    const last = (s: string) => (out.rows as { start: string; loss: number }[]).filter((r) => r.start === s).at(-1)!.loss;
    const best = bestRankOneLoss(regressionData({ m: 3 }));
    expect(out.alt).toMatch(/every parameter stays exactly 0/);
    expect(Math.abs(last('identical') - best)).toBeLessThan(1e-9 * best);
    expect(last('random')).toBeLessThan(1e-12);
    expect((await draw(starts, { m: 1 })).alt).toMatch(/loses nothing/);
    expect((await draw(starts, { act: 'tanh', m: 1 })).alt).toMatch(/times higher than the random run/);
  });
  it('a diverging run gives a note and a finite chart', async () => {
    const out = await draw(lost, { d: 8, lr: 0.1, scale: 1.5 });
    expect(out.note).toMatch(/^diverged at step \d+: lower the learning rate/);
    expect(out.node.outerHTML).not.toMatch(/NaN|Infinity/);
  });
});
