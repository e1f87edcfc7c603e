import { describe, expect, test } from 'vitest';
import { cappedRow, sweepRuns, theory, trajectory } from '../../../../src/chapters/escaping-the-symmetric-subspace/jobs.ts';
import { sweep, type SweepSpec } from '../../../../src/chapters/escaping-the-symmetric-subspace/plateau.ts';

describe('the chapter’s long runs (jobs.ts)', () => {
  test('a streamed trajectory equals the one-shot run; partials are prefixes, built only when asked for', () => {
    const config = { activation: 'tanh' as const, eps: 1e-3, maxAlpha: 120 };
    const dones: number[] = [];
    const asked: number[] = [];
    const streamed = trajectory(config, (done, partial) => {
      dones.push(done);
      if (dones.length === 2) asked.push(partial().rows.length);
    });
    const once = trajectory(config);
    expect(streamed).toEqual(once);
    expect(dones.length).toBeGreaterThan(2);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(dones.every((d) => d > 0 && d < 1)).toBe(true);
    // The second report came after two chunks of α (N = 40: 20 α each), so its partial holds 41 rows.
    expect(asked).toEqual([41]);
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

  test('cappedRow: a run made to the full cap, cut at a lower one, is the run stopped there (escape, growth, divergence)', () => {
    const spec: SweepSpec = { activation: 'relu', eta: 4, scale: 0.5, eps: [1e-2, 1e-3], seeds: [1, 2], maxAlpha: 300 };
    const runs = sweepRuns(spec);
    expect(runs.map((r) => cappedRow(spec, r, spec.maxAlpha))).toEqual(sweep(spec));
    const diverged = runs.map((r) => r.run.diverged?.alpha).filter((a): a is number => a !== undefined);
    expect(diverged.length).toBeGreaterThan(0); // η = 4 diverges: the cut must also drop a later divergence
    for (const cap of [...new Set(diverged.flatMap((a) => [a - 1, a]))]) {
      expect(runs.map((r) => cappedRow(spec, r, cap))).toEqual(sweep({ ...spec, maxAlpha: cap }));
    }
  });
});
