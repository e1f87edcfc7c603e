import { describe, expect, test } from 'vitest';
import { toCsv } from '../../../../src/core/csv.ts';
import { escapeMeans, growthRate, linearFit, sweepRow } from '../../../../src/chapters/escaping-the-symmetric-subspace/plateau.ts';
import type { TsRun } from '../../../../src/chapters/escaping-the-symmetric-subspace/teacher-student.ts';

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
