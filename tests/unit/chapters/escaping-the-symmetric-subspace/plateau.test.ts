import { describe, expect, test } from 'vitest';
import { toCsv } from '../../../../src/figure/export.ts';
import { memoIn } from '../../../../src/figure/run.ts';
import { escapeMeans, growthRate, linearFit, memoSweep, sweep, sweepKey, sweepRow, type SweepRow, type SweepSpec } from '../../../../src/chapters/escaping-the-symmetric-subspace/plateau.ts';
import type { TsRun } from '../../../../src/chapters/escaping-the-symmetric-subspace/teacher-student.ts';

// A small sweep: two ε, two seeds, short runs (a few ms in all).
const SMALL: SweepSpec = { activation: 'erf', eta: 0.5, scale: 0.5, eps: [1e-2, 1e-3], seeds: [1, 2], maxAlpha: 50 };

describe('plateau helpers', () => {
  test('linearFit recovers an exact line (R² = 1) and matches the normal equations on noisy data', () => {
    const f = linearFit([1, 2, 3, 4], [3, 5, 7, 9]);
    expect(f.slope).toBeCloseTo(2, 12);
    expect(f.intercept).toBeCloseTo(1, 12);
    expect(f.r2).toBeCloseTo(1, 12);
    const g = linearFit([0, 1, 2], [0, 2, 1]);
    expect(g.slope).toBeCloseTo(0.5, 12);
    expect(g.r2).toBeCloseTo(0.25, 12);
  });

  test('growthRate is the slope of ln(gap) inside the window', () => {
    const rows = Array.from({ length: 100 }, (_, a) => ({ alpha: a, gap: 1e-8 * Math.exp(0.2 * a), R: [0, 0, 0, 0], Q: [0, 0, 0], identical: false }));
    expect(growthRate({ rows } as unknown as TsRun)).toBeCloseTo(0.2, 10);
  });

  test('an unescaped run has escape_alpha null (empty in the CSV) and is left out of the means', () => {
    const row = sweepRow({ activation: 'relu', eta: 0.5, scale: 0.5, eps: [1e-8], seeds: [1], maxAlpha: 5 }, 1e-8, 1);
    expect(row.escape_alpha).toBeNull();
    expect(escapeMeans([row])).toEqual([]);
    expect(toCsv([row], ['activation', 'escape_alpha', 'max_alpha'])).toBe('activation,escape_alpha,max_alpha\nrelu,,5\n');
    expect(toCsv([{ a: 'x,"y"' }], ['a'])).toBe('a\n"x,""y"""\n');
  });
});

describe('sweeps', () => {
  test('a sweep is one run per (ε, seed), ε outer, each the run sweepRow gives; onRun hears every run', () => {
    const heard: [number, number][] = [];
    const rows = sweep(SMALL, (sofar, done) => heard.push([sofar.length, done]));
    expect(rows.map((r) => [r.eps, r.seed])).toEqual([[1e-2, 1], [1e-2, 2], [1e-3, 1], [1e-3, 2]]);
    expect(rows[3]).toEqual(sweepRow(SMALL, 1e-3, 2));
    expect(heard).toEqual([[1, 0.25], [2, 0.5], [3, 0.75], [4, 1]]);
  });

  test('a sweep of fewer seeds is the full sweep\'s rows for those seeds: subsetting never needs a rerun', () => {
    const full = sweep(SMALL);
    expect(sweep({ ...SMALL, seeds: [1] })).toEqual(full.filter((r) => r.seed === 1));
  });

  test('memoSweep runs a sweep once per spec, under one key whatever order the spec was written in', () => {
    const cache = new Map<string, unknown>();
    const memo = memoIn(cache);
    let runs = 0;
    const a = memoSweep(memo, SMALL, () => runs++);
    const reordered: SweepSpec = { maxAlpha: 50, seeds: [1, 2], eps: [1e-2, 1e-3], scale: 0.5, eta: 0.5, activation: 'erf', N: 40 };
    const b = memoSweep(memo, reordered, () => runs++);
    expect(b).toBe(a);
    expect(runs).toBe(4);
    expect([...cache.keys()]).toEqual([sweepKey(SMALL)]);
    expect(sweepKey({ ...SMALL, eta: 0.25 })).not.toBe(sweepKey(SMALL));
    expect((cache.get(sweepKey(SMALL)) as SweepRow[]).length).toBe(4);
  });
});
