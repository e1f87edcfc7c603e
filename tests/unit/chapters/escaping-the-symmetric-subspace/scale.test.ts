import { describe, expect, test } from 'vitest';
import { numbersIn, serverDocument } from '../../../support/figures.ts';
import { defaults } from '../../../../src/figure/define.ts';
import { buildMemo } from '../../../../src/figure/build.ts';
import { drawFigure, staticView } from '../../../../src/figure/run.ts';
import type { ComputeContext } from '../../../../src/figure/types.ts';
import { tiedSaddle } from '../../../../src/chapters/escaping-the-symmetric-subspace/overlap-ode.ts';
import { checkTs, tsStart, TS_DEFAULTS } from '../../../../src/chapters/escaping-the-symmetric-subspace/teacher-student.ts';
import { FIT_GAP, LEARNED, SCALE_RULES, SCALE_SPEC, scaleGrid, scaleOfRule, scaleSummary, scaleSweep, TRACE_STEP, type ScaleSpec } from '../../../../src/chapters/escaping-the-symmetric-subspace/scale.ts';
import fig from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-scale.ts';

type Data = ReturnType<typeof fig.compute>;
type Ctx = ComputeContext<unknown, unknown>;
const memo: Ctx['memo'] = (key, make) => buildMemo(key, make);
/** The figure's compute as the build runs it (prepare through the build's memo). */
const run = (over: Record<string, unknown> = {}): Data => fig.compute({ ...defaults(fig.controls), ...over } as never, { live: false, state: undefined, inputs: fig.prepare!(memo), memo, progress: () => undefined });
const oneOverLambda = 1 / tiedSaddle(TS_DEFAULTS.eta)!.lambda;

describe('the init scale each variance rule gives the teacher–student model', () => {
  test('s² / N is the rule\'s per-weight variance: 1/N (LeCun), 2/N (He), 2/(N + K) (Glorot)', () => {
    for (const [N, K] of [[40, 2], [100, 3], [8, 2]]) {
      expect(scaleOfRule('lecun', N, K) ** 2 / N).toBeCloseTo(1 / N, 14);
      expect(scaleOfRule('he', N, K) ** 2 / N).toBeCloseTo(2 / N, 14);
      expect(scaleOfRule('glorot', N, K) ** 2 / N).toBeCloseTo(2 / (N + K), 14);
    }
    // At this chapter's N = 40 and K = 2 the three lie within a factor √2 of each other, Glorot just under He.
    const [lecun, glorot, he] = SCALE_RULES.map((r) => scaleOfRule(r, 40, 2));
    expect(lecun).toBe(1);
    expect(glorot).toBeLessThan(he);
    expect(he).toBeCloseTo(Math.SQRT2, 14);
  });

  test('Monte Carlo: the weights acting on x, w_ki/√N of a random start at the Glorot s, have variance 2/(N + 2)', () => {
    const N = 400, s = scaleOfRule('glorot', N, 2);
    let sum = 0, count = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const W = tsStart(checkTs({ N, scale: s, start: 'random', seed }));
      for (const w of W) { sum += (w / Math.sqrt(N)) ** 2; count++; }
    }
    // 40 000 squares of zero-mean normals: the variance estimate has relative sd √(2/40000) = 0.7%; 3% is four of them.
    expect(Math.abs(sum / count / (2 / (N + 2)) - 1)).toBeLessThan(0.03);
  });

  test('the sweep\'s grid holds the rules\' s exactly, so each is measured, not interpolated', () => {
    const grid = scaleGrid(40, 2);
    for (const r of SCALE_RULES) expect(grid).toContain(scaleOfRule(r, 40, 2));
    expect(grid).toEqual([...grid].sort((a, b) => a - b));
    expect(SCALE_SPEC.scales).toEqual(grid);
  });
});

describe('escape α against the init scale', { timeout: 120_000 }, () => {
  test('small sweep: finite numbers, escape grows as s shrinks, slope near the ODE\'s 1/λ', () => {
    const spec: ScaleSpec = { ...SCALE_SPEC, scales: [1e-4, 1e-3, 1e-2, 0.1], seeds: [1, 2, 3, 4], maxAlpha: 1000 };
    const { rows, traces } = scaleSweep((_, make) => make(), spec);
    expect(rows).toHaveLength(16);
    expect(numbersIn(rows).every(Number.isFinite)).toBe(true);
    expect(rows.every((r) => r.escape_alpha !== null && r.learn_alpha !== null && r.learn_alpha > r.escape_alpha)).toBe(true);
    expect(traces.every((t) => t.eg.every((e) => e > 0))).toBe(true);
    const sum = scaleSummary(rows, spec);
    const medians = sum.byScale.map((b) => b.escape.median!);
    for (let i = 1; i < medians.length; i++) expect(medians[i]).toBeLessThan(medians[i - 1]);
    expect(sum.fitted).toEqual(spec.scales);
    expect(sum.predictedSlope).toBe(oneOverLambda);
    expect(sum.fit.slope).toBeGreaterThan(0);
    // slopeSe is the least-squares standard error over 16 runs (here ~2 α, 7% of 1/λ): three of them, and an se
    // small enough that half the slope (the 1/(2λ) of the ln N law) would fail.
    expect(sum.slopeSe!).toBeLessThan(0.15 * oneOverLambda);
    expect(Math.abs(sum.fit.slope - oneOverLambda)).toBeLessThan(3 * sum.slopeSe!);
  });

  test('the figure at its defaults: 12 seeds at 13 s, slope 1/λ within two standard errors, fitted where the gap starts small', () => {
    const d = run();
    expect(d.rows).toHaveLength(SCALE_SPEC.scales.length * 12);
    expect(d.rows.every((r) => r.escape_alpha !== null && r.learn_alpha !== null)).toBe(true);
    expect(d.byScale.filter((b) => b.s <= d.fitMax).every((b) => b.gap0 < FIT_GAP)).toBe(true);
    expect(d.byScale.find((b) => b.s > d.fitMax)!.gap0).toBeGreaterThanOrEqual(FIT_GAP);
    expect(Math.abs(d.fit.slope - d.predictedSlope!)).toBeLessThan(2 * d.slopeSe!);
    expect(d.predicted).toHaveLength(2);
    // The marks: each rule's s, from the formula, with its own measured medians.
    for (const r of SCALE_RULES) {
      expect(d.rules[r].s).toBe(scaleOfRule(r, 40, 2));
      expect(d.rules[r].variance).toBeCloseTo(r === 'glorot' ? 2 / 42 : r === 'he' ? 2 / 40 : 1 / 40, 14);
      expect(d.rules[r].learn).toBe(d.byScale.find((b) => b.s === d.rules[r].s)!.learn.median);
    }
    expect(d.learned).toBe(LEARNED);
    expect(numbersIn(d.byScale.map((b) => [b.s, b.x, b.gap0, b.escape.median, b.learn.median])).every(Number.isFinite)).toBe(true);
  });

  test('what the pages say: the plateau shrinks as s grows, saturation slows learning again, the rules sit near the fastest s', () => {
    const d = run();
    // α on the plateau falls from the smallest s to each rule's.
    for (const r of SCALE_RULES) expect(d.rules[r].dwell!).toBeLessThan(d.smallest.dwell! / 3);
    // At s = 10 every run starts past the escape threshold, and learning takes longer than at any rule's s.
    expect(d.largest.escapedAtStart).toBe(12);
    for (const r of SCALE_RULES) expect(d.largest.learn.median!).toBeGreaterThan(5 * d.rules[r].learn!);
    // Saturated, ε_g stays far above the plateau height first: at α = 500 every traced run at s = 10 is over 5 ε*.
    const saturated = fig.prepare!(memo).traces.filter((t) => t.scale === 10);
    expect(saturated).toHaveLength(4);
    for (const t of saturated) expect(t.eg[500 / TRACE_STEP]).toBeGreaterThan(5 * d.height!);
    // The fastest median lies between s = 0.1 and 3, and each rule learns within 20% of it.
    expect(d.fastest!.s).toBeGreaterThanOrEqual(0.1);
    expect(d.fastest!.s).toBeLessThanOrEqual(3);
    for (const r of SCALE_RULES) expect(d.rules[r].learn! / d.fastest!.learn.median!).toBeLessThan(1.2);
    // And the smallest start waits longest of the s up to the rules.
    expect(d.smallest.learn.median!).toBeGreaterThan(2 * d.fastest!.learn.median!);
  });

  test('the controls only re-read the prepared sweep: live it runs nothing, and fewer seeds subset it', () => {
    const inputs = JSON.parse(JSON.stringify(fig.prepare!(memo)));
    expect(JSON.stringify(inputs).length).toBeLessThan(80_000); // the build ships it beside the page
    const refuse = () => { throw new Error('escape-scale must not run anything'); };
    const live = (over: Record<string, unknown>) => fig.compute({ ...defaults(fig.controls), ...over } as never, { live: true, state: undefined, inputs, memo: refuse, progress: () => undefined });
    expect(live({})).toEqual(run());
    const two = live({ seeds: 2, show: String(scaleOfRule('he', 40, 2)) });
    expect(two.rows).toEqual(run().rows.filter((r) => r.seed <= 2));
    expect(new Set(two.lines.map((l) => l.seed))).toEqual(new Set(['seed 1', 'seed 2']));
    expect(two.alt).toMatch(/2 seeds per s/);
    for (const width of [360, 928]) {
      const el = drawFigure(fig, two, serverDocument(), staticView(width));
      expect(el.querySelectorAll('svg').length).toBe(3);
      expect(el.outerHTML).not.toMatch(/NaN|Infinity/);
    }
  });
});
