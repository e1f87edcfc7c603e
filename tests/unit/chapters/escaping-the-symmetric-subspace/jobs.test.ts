import { describe, expect, test } from 'vitest';
import { memoIn } from '../../../../src/figure/run.ts';
import { reluSweep, theory, thinGaps, trajectory } from '../../../../src/chapters/escaping-the-symmetric-subspace/jobs.ts';
import { sweep, sweepRow, type SweepSpec } from '../../../../src/chapters/escaping-the-symmetric-subspace/plateau.ts';
import { tsRun } from '../../../../src/chapters/escaping-the-symmetric-subspace/teacher-student.ts';

describe('the chapter’s long runs (jobs.ts)', () => {
  test('a streamed trajectory equals the one-shot run; partials are prefixes, built only when asked for', () => {
    const config = { activation: 'tanh' as const, eps: 1e-3, maxAlpha: 120 };
    const dones: number[] = [];
    const asked: number[] = [];
    const streamed = trajectory(config, (done, partial) => {
      dones.push(done);
      if (dones.length === 2) asked.push(partial().rows.length, partial().weights.length);
    }, 6);
    const once = trajectory(config, undefined, 6);
    expect(streamed).toEqual(once);
    expect(dones.length).toBeGreaterThan(2);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(dones.every((d) => d > 0 && d < 1)).toBe(true);
    // The second report came after two chunks of α (N = 40: 20 α each), so its partial holds 41 rows, and their weights.
    expect(asked).toEqual([41, 41]);
  });

  test('kept weights: each unit\'s first k inputs at every check, the overlaps\' own numbers; keeping them changes nothing else', () => {
    const config = { activation: 'erf' as const, eps: 1e-3, maxAlpha: 80 };
    const plain = trajectory(config);
    const kept = trajectory(config, undefined, 6);
    expect(plain.weights).toEqual([]);
    expect({ ...kept, weights: [] }).toEqual(plain);
    expect(kept.weights.map((w) => w.length)).toEqual(kept.rows.map(() => 12));
    // R_kn = w_k[n]/√N, measured from the same doubles: unit 1's first two weights, then unit 2's.
    const run = tsRun({ ...config, N: 40 });
    const inv = 1 / Math.sqrt(40);
    kept.weights.forEach((w, i) => expect([w[0], w[1], w[6], w[7]].map((v) => v * inv)).toEqual(run.rows[i].R));
    // ε = 0: the two halves are equal bit for bit at every check, as the network drawing's tie test needs.
    const tied = trajectory({ ...config, eps: 0 }, undefined, 6);
    expect(tied.weights.every((w) => w.slice(0, 6).every((v, j) => Object.is(v, w[6 + j])))).toBe(true);
    expect(kept.weights.some((w) => w.slice(0, 6).some((v, j) => v !== w[6 + j]))).toBe(true);
  });

  test('theory: the ODE starts from the simulation’s own overlaps; the run is the first 80% of the progress', () => {
    const dones: number[] = [];
    const r = theory({ N: 40, eps: 1e-3, maxAlpha: 60 }, (done, partial) => {
      dones.push(done);
      expect(partial().ode).toEqual([]);
    });
    expect(r.ode[0].eg).toBe(r.sim.rows[0].eg);
    expect(r.ode[0].gap).toBe(r.sim.rows[0].gap);
    expect(r.ode.length).toBe(61);
    expect(Math.max(...dones)).toBeLessThanOrEqual(0.8);
  });

  test('a trajectory\'s plateau fit is its sweep row\'s growth, bit for bit (the same window on the same run)', () => {
    const spec: SweepSpec = { activation: 'erf', eta: 0.5, scale: 0.5, eps: [1e-4], seeds: [2], maxAlpha: 4000 };
    const t = trajectory({ activation: 'erf', eps: 1e-4, seed: 2, maxAlpha: 600 });
    expect(t.growth?.lambda).toBe(sweepRow(spec, 1e-4, 2).growth);
    expect(trajectory({ activation: 'relu', eps: 1e-4, maxAlpha: 50 }).growth).toBeNull();
  });

  test('thinGaps keeps the first two checks, the ends of every flat stretch and both sides of every jump, and drops exact zeros', () => {
    const rows = [1e-6, 1e-6, 1e-6, 1e-6, 5e-4, 5e-4, 0, 5e-4, 2e-3, 2e-3].map((gap, alpha) => ({ alpha, gap }));
    expect(thinGaps(rows)).toEqual([[0, 1e-6], [1, 1e-6], [3, 1e-6], [4, 5e-4], [7, 5e-4], [8, 2e-3], [9, 2e-3]]);
  });

  test('reluSweep: its rows are the sweep\'s, made once through the memo, with a thinned trace per run', () => {
    const spec: SweepSpec = { activation: 'relu', eta: 0.5, scale: 0.5, eps: [1e-2, 1e-3], seeds: [1, 2], maxAlpha: 400 };
    const cache = new Map<string, unknown>();
    const r = reluSweep(memoIn(cache), spec);
    expect(reluSweep(memoIn(cache), spec)).toBe(r);
    expect(r.rows).toEqual(sweep(spec));
    expect(r.traces.map((t) => [t.eps, t.seed])).toEqual([[1e-2, 1], [1e-2, 2], [1e-3, 1], [1e-3, 2]]);
    // Each trace ends at the escape, above the threshold 0.3.
    for (const [k, t] of r.traces.entries()) expect(t.points[t.points.length - 1]).toEqual([r.rows[k].escape_alpha, expect.any(Number)]);
    expect(r.traces.every((t) => t.points[t.points.length - 1][1] > 0.3)).toBe(true);
  });
});
