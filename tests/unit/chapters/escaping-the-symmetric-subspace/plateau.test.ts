import { describe, expect, test } from 'vitest';
import { toCsv } from '../../../../src/figure/export.ts';
import { memoIn } from '../../../../src/figure/run.ts';
import { fastRng } from '../../../../src/chapters/escaping-the-symmetric-subspace/fast-normal.ts';
import {
  escapeMeans, GROWTH_RISE, GROWTH_TOP, linearFit, meanSe, median, memoSweep, plateauGrowth, quartiles, rowOfRun, seedFits, slopeError,
  sweep, sweepKey, sweepRow, sweepRun, unitAngle, type SweepRow, type SweepSpec,
} from '../../../../src/chapters/escaping-the-symmetric-subspace/plateau.ts';
import { tsRun } from '../../../../src/chapters/escaping-the-symmetric-subspace/teacher-student.ts';

// A small sweep: two ε, two seeds, short runs (a few ms in all).
const SMALL: SweepSpec = { activation: 'erf', eta: 0.5, scale: 0.5, eps: [1e-2, 1e-3], seeds: [1, 2], maxAlpha: 50 };

/** Rows of a made-up run: ε_g falls to 0.015 by α = 8 and stays; the gap sits at 1e-6 for 40 α, then grows at rate 0.05. */
function synthetic(rate = 0.05, flat = 40, n = 300) {
  const rows = Array.from({ length: n }, (_, a) => ({ alpha: a, gap: 1e-6 * Math.exp(rate * Math.max(0, a - flat)) }));
  const eg = (i: number) => (i < 8 ? 0.5 - (0.485 * i) / 8 : 0.015);
  return { rows, eg };
}

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

  test('slopeError is √(SSres/(n − 2)/Sxx): for (0,0), (1,2), (2,1) that is √(1.5/2) = 0.866…', () => {
    // Residuals of y = 0.5 + 0.5x: −0.5, 1, −0.5, so SSres = 1.5; Sxx = 2.
    expect(slopeError([0, 1, 2], [0, 2, 1])).toBeCloseTo(Math.sqrt(1.5 / 2), 12);
    expect(slopeError([0, 1], [0, 1])).toBeNull();
  });

  test('median, mean ± standard error, and quartiles that treat a cut run as longer than all others', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const m = meanSe([1, 2, 3, 4]);
    expect(m.mean).toBe(2.5);
    expect(m.sd).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(m.se).toBeCloseTo(Math.sqrt(5 / 3) / 2, 12);
    // Type-7 quantiles at (n − 1)p: for 1…8, q1 = 2.75, median = 4.5, q3 = 6.25.
    expect(quartiles([8, 1, 7, 2, 6, 3, 5, 4])).toEqual({ n: 8, escaped: 8, q1: 2.75, median: 4.5, q3: 6.25 });
    // Two of eight cut at the cap: q3 needs the 6th and 7th values, and the 7th is a cut one, so q3 is unknown.
    expect(quartiles([1, 2, 3, 4, 5, 6, null, null])).toEqual({ n: 8, escaped: 6, q1: 2.75, median: 4.5, q3: null });
    expect(quartiles([null, null, 1])).toMatchObject({ median: null });
  });

  test('plateauGrowth: the window starts on the plateau once the gap has grown tenfold, and ends before 1e-2', () => {
    const { rows, eg } = synthetic();
    const fit = plateauGrowth(rows, eg)!;
    expect(fit.entry).toBe(8); // ε_g first within 25% of 0.015
    expect(fit.plateau).toBe(0.015);
    // Tenfold growth from 1e-6 at rate 0.05 takes ln(10)/0.05 = 46.05 α after α = 40: α = 87.
    expect(fit.from).toBe(Math.ceil(40 + Math.log(GROWTH_RISE) / 0.05));
    // The gap reaches 1e-2 at 40 + ln(1e4)/0.05 = 224.2: the last row in the window is α = 224.
    expect(fit.to).toBe(Math.floor(40 + Math.log(GROWTH_TOP / 1e-6) / 0.05));
    expect(fit.lambda).toBeCloseTo(0.05, 12);
    expect(Math.exp(fit.intercept + fit.lambda * 100)).toBeCloseTo(rows[100].gap, 12);
  });

  test('plateauGrowth: the flat start does not bias λ; no window when the gap reaches 1e-2 before growing tenfold', () => {
    // A fit from the plateau's start would include the 80 flat α and report a smaller rate; the window does not.
    const { rows, eg } = synthetic(0.05, 80);
    const naive = rows.filter((r) => r.alpha >= 8 && r.gap < GROWTH_TOP);
    expect(linearFit(naive.map((r) => r.alpha), naive.map((r) => Math.log(r.gap))).slope).toBeLessThan(0.045);
    expect(plateauGrowth(rows, eg)!.lambda).toBeCloseTo(0.05, 12);
    // Starting at 2e-3: tenfold is already past 1e-2.
    const late = rows.map((r) => ({ ...r, gap: r.gap * 2000 }));
    expect(plateauGrowth(late, eg)).toBeNull();
    // ε_g is asked only at every 10th α and up to the plateau's start.
    const asked: number[] = [];
    plateauGrowth(rows, (i) => (asked.push(i), eg(i)));
    expect(asked.filter((i) => i % 10 !== 0).every((i) => i <= 8)).toBe(true);
  });

  test('seedFits: each seed its own line, then mean ± standard error of slopes and offsets', () => {
    const rows = [1, 2, 3].flatMap((seed) => [1e-2, 1e-4, 1e-6].map((eps) => ({ seed, eps, escape_alpha: 10 * seed + 30 * Math.log(1 / eps) }) as SweepRow));
    const f = seedFits(rows);
    expect(f.slope.mean).toBeCloseTo(30, 10);
    expect(f.slope.se).toBeCloseTo(0, 10);
    expect(f.offset.mean).toBeCloseTo(20, 10);
    expect(f.offset.sd).toBeCloseTo(10, 10);
  });

  test('unitAngle equals the angle between w₁ and w₂ computed from the weights, down to θ ~ 1e-7', () => {
    const r = fastRng(5);
    for (const eps of [1e-1, 1e-3, 1e-5, 1e-7]) {
      const N = 40, w1 = new Float64Array(N), z = new Float64Array(N);
      r.fill(w1); r.fill(z);
      const w2 = w1.map((v, i) => v + eps * z[i]);
      const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, i) => s + v * b[i], 0);
      const n1 = Math.sqrt(dot(w1, w1)), n2 = Math.sqrt(dot(w2, w2));
      // The angle from |u₁ − u₂| = 2 sin(θ/2), u the unit vectors: no cancellation.
      const chord = Math.sqrt(w1.reduce((s, v, i) => s + (v / n1 - w2[i] / n2) ** 2, 0));
      const theta = 2 * Math.asin(chord / 2);
      const row = { Q: [dot(w1, w1) / N, dot(w1, w2) / N, dot(w2, w2) / N] as [number, number, number], D: w1.reduce((s, v, i) => s + (v - w2[i]) ** 2, 0) / N };
      // Relative 1e-6: Q's rounding (~1e-17) against sin²θ ~ 1e-14 at the smallest ε.
      expect(Math.abs(unitAngle(row) / theta - 1)).toBeLessThan(1e-6);
    }
  });

  test('two Gaussian fields with correlation cos θ have opposite signs with probability θ/π (Monte Carlo)', () => {
    const r = fastRng(17), z = new Float64Array(2);
    for (const theta of [0.05, 0.4, 1.2]) {
      let opposite = 0;
      const n = 200_000;
      for (let i = 0; i < n; i++) {
        r.fill(z);
        const h1 = z[0], h2 = Math.cos(theta) * z[0] + Math.sin(theta) * z[1];
        if ((h1 > 0) !== (h2 > 0)) opposite++;
      }
      // Binomial standard error √(p(1 − p)/n) ≤ 1.2e-3 here; 5e-3 is over four of them.
      expect(Math.abs(opposite / n - theta / Math.PI)).toBeLessThan(5e-3);
    }
  });

  test('an unescaped run has escape_alpha null (empty in the CSV) and is left out of the means', () => {
    const row = sweepRow({ activation: 'relu', eta: 0.5, scale: 0.5, eps: [1e-8], seeds: [1], maxAlpha: 5 }, 1e-8, 1);
    expect(row.escape_alpha).toBeNull();
    expect(row.growth).toBeNull(); // ReLU: no exponential growth to fit
    expect(escapeMeans([row])).toEqual([]);
    expect(toCsv([row], ['activation', 'escape_alpha', 'max_alpha'])).toBe('activation,escape_alpha,max_alpha\nrelu,,5\n');
    expect(toCsv([{ a: 'x,"y"' }], ['a'])).toBe('a\n"x,""y"""\n');
  });

  test('rowOfRun at a cap is the row of the run stopped at that cap (escape, first split, divergence)', () => {
    const spec: SweepSpec = { activation: 'relu', eta: 4, scale: 0.5, eps: [1e-2, 1e-3], seeds: [1, 2], maxAlpha: 300 };
    for (const eps of spec.eps) for (const seed of spec.seeds) {
      const long = sweepRun(spec, eps, seed);
      for (const cap of [5, 40, 300]) {
        const short = tsRun({ activation: 'relu', eta: 4, scale: 0.5, eps, seed, maxAlpha: cap, stopAtEscape: true });
        const cut = rowOfRun({ ...spec, maxAlpha: cap }, eps, seed, long, cap);
        const made = rowOfRun({ ...spec, maxAlpha: cap }, eps, seed, short);
        // The angle is read at the check before the first split, or at the last check: the same check in both runs.
        expect(cut).toEqual(made);
      }
    }
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
