import { egFromOverlaps } from './gen-error.ts';
import { integrateOde } from './overlap-ode.ts';
import { growthRate, sweepRow, type SweepRow, type SweepSpec } from './plateau.ts';
import { tsSim, type TsConfig, type TsRow, type TsRun } from './teacher-student.ts';

/** Work the chapter's figures hand to the Web Worker (or run directly at build time). */
export type EscapeJob =
  | { kind: 'trajectory'; config: Partial<TsConfig> }
  | { kind: 'sweeps'; specs: SweepSpec[] }
  | { kind: 'theory'; config: Partial<TsConfig> };

/** A trajectory: the rows with ε_g, the escape, the divergence, and λ (growth rate of ln gap on the plateau). */
export interface TrajectoryResult { rows: (TsRow & { eg: number })[]; escape: number | null; diverged: TsRun['diverged']; lambda: number | null; maxAlpha: number }
/** Simulation and N → ∞ theory from the same initial overlaps. */
export interface TheoryResult { sim: TrajectoryResult; ode: { alpha: number; eg: number; gap: number }[] }
/** What a job returns. */
export type JobResult = TrajectoryResult | SweepRow[] | TheoryResult;

/** Called with partial results; `done` in [0, 1]. */
export type Progress = (partial: JobResult, done: number) => void;

function trajectory(config: Partial<TsConfig>, progress?: Progress, chunk = 20): TrajectoryResult {
  const sim = tsSim(config);
  const act = sim.run.config.activation;
  const out = (): TrajectoryResult => ({
    rows: sim.run.rows.map((r) => ({ ...r, eg: egFromOverlaps(act, [...r.R, ...r.Q]) })),
    escape: sim.run.escape, diverged: sim.run.diverged, lambda: growthRate(sim.run), maxAlpha: sim.run.config.maxAlpha,
  });
  // Chunks of α keep each progress message to a few ms of work.
  const step = Math.max(1, Math.round((chunk * 40) / sim.run.config.N));
  while (!sim.advance(step).done) progress?.(out(), sim.run.rows.length / (sim.run.config.maxAlpha + 1));
  return out();
}

/** Runs a job, reporting progress; the same code runs in the worker and at build time. */
export function runJob(job: EscapeJob, progress?: Progress): JobResult {
  if (job.kind === 'trajectory') return trajectory(job.config, progress);
  if (job.kind === 'sweeps') {
    const rows: SweepRow[] = [];
    const total = job.specs.reduce((n, s) => n + s.eps.length * s.seeds.length, 0);
    for (const spec of job.specs) for (const eps of spec.eps) for (const seed of spec.seeds) {
      rows.push(sweepRow(spec, eps, seed));
      progress?.(rows, rows.length / total);
    }
    return rows;
  }
  const sim = trajectory({ ...job.config, activation: 'erf' }, progress && ((p, d) => progress({ sim: p as TrajectoryResult, ode: [] }, d * 0.8)));
  const r0 = sim.rows[0];
  const ode = integrateOde([...r0.R, ...r0.Q], job.config.eta ?? 0.5, sim.maxAlpha).map((r) => ({
    alpha: r.alpha, eg: r.eg, gap: Math.max(Math.abs(r.s[0] - r.s[2]), Math.abs(r.s[1] - r.s[3])),
  }));
  return { sim, ode };
}
