import { egFromOverlaps } from './gen-error.ts';
import { integrateOde } from './overlap-ode.ts';
import { growthRate, type SweepRow, type SweepSpec } from './plateau.ts';
import { tsRun, tsSim, type TsConfig, type TsRun } from './teacher-student.ts';

// The chapter's long runs, pure and synchronous: the figures call them at build time and in the figure worker.

/**
 * Reports progress: `done` in [0, 1], and `partial`, which builds the result so far. The caller calls
 * `partial` only when it will draw it, so the rows of a partial result are built only on demand.
 */
export type Progress<T> = (done: number, partial: () => T) => void;

/** One whole α of a trajectory: ε_g from the overlaps, the symmetry gap, and whether w₁ = w₂ bit for bit. */
export interface TrajectoryRow { alpha: number; eg: number; gap: number; identical: boolean }
/** A trajectory: its rows, the escape, the divergence, and λ (growth rate of ln gap on the plateau). */
export interface TrajectoryResult { rows: TrajectoryRow[]; escape: number | null; diverged: TsRun['diverged']; lambda: number | null; maxAlpha: number }
/** Simulation and N → ∞ theory from the same initial overlaps. */
export interface TheoryResult { sim: TrajectoryResult; ode: { alpha: number; eg: number; gap: number }[] }

/** A run streamed in chunks of α, with ε_g computed once per row as the rows arrive; the run itself, for its overlaps. */
function simulate(config: Partial<TsConfig>, progress?: Progress<TrajectoryResult>, chunk = 20): { result: TrajectoryResult; run: TsRun } {
  const sim = tsSim(config);
  const { activation, N, maxAlpha } = sim.run.config;
  const eg: number[] = [];
  const result = (): TrajectoryResult => ({
    rows: sim.run.rows.map((r, i) => ({ alpha: r.alpha, eg: eg[i], gap: r.gap, identical: r.identical })),
    escape: sim.run.escape, diverged: sim.run.diverged, lambda: growthRate(sim.run), maxAlpha,
  });
  // Chunks of α keep each step between progress reports to a few ms of work.
  const step = Math.max(1, Math.round((chunk * 40) / N));
  for (;;) {
    const { done } = sim.advance(step);
    for (let i = eg.length; i < sim.run.rows.length; i++) {
      const r = sim.run.rows[i];
      eg.push(egFromOverlaps(activation, [...r.R, ...r.Q]));
    }
    if (done) break;
    progress?.(sim.run.rows.length / (maxAlpha + 1), result);
  }
  return { result: result(), run: sim.run };
}

/** One run from a tied start, with ε_g at every α, reporting progress; the same code at build time and in the worker. */
export function trajectory(config: Partial<TsConfig>, progress?: Progress<TrajectoryResult>): TrajectoryResult {
  return simulate(config, progress).result;
}

/** An erf run and the overlap ODE integrated from the run's own initial overlaps (80% of the work is the run). */
export function theory(config: Partial<TsConfig>, progress?: Progress<TheoryResult>): TheoryResult {
  const { result: sim, run } = simulate({ ...config, activation: 'erf' }, progress && ((d, partial) => progress(d * 0.8, () => ({ sim: partial(), ode: [] }))));
  const r0 = run.rows[0];
  const ode = integrateOde([...r0.R, ...r0.Q], config.eta ?? 0.5, sim.maxAlpha).map((r) => ({
    alpha: r.alpha, eg: r.eg, gap: Math.max(Math.abs(r.s[0] - r.s[2]), Math.abs(r.s[1] - r.s[3])),
  }));
  return { sim, ode };
}

/** One run of a sweep, kept whole: its (ε, seed) and the run, stopped at its escape or at the spec's maxAlpha. */
export interface SweepRun { eps: number; seed: number; run: TsRun }

/** Every run of a sweep, to the spec's full maxAlpha (the same runs as sweepRow's), reporting progress after each. */
export function sweepRuns(spec: SweepSpec, progress?: Progress<SweepRun[]>): SweepRun[] {
  const out: SweepRun[] = [];
  const total = spec.eps.length * spec.seeds.length;
  for (const eps of spec.eps) for (const seed of spec.seeds) {
    out.push({ eps, seed, run: tsRun({ activation: spec.activation, eta: spec.eta, scale: spec.scale, eps, seed, N: spec.N ?? 40, maxAlpha: spec.maxAlpha, stopAtEscape: true }) });
    progress?.(out.length / total, () => out.slice());
  }
  return out;
}

/**
 * A sweep run's CSV row as if it had been stopped at α = cap ≤ spec.maxAlpha: the run is deterministic, so the
 * capped run is a prefix of this one. An escape (or divergence) after the cap did not happen by the cap, and the
 * growth rate is fitted on the rows up to the cap. At cap = spec.maxAlpha this is sweepRow's row, bit for bit.
 */
export function cappedRow(spec: SweepSpec, { eps, seed, run }: SweepRun, cap: number): SweepRow {
  const rows = run.rows.filter((r) => r.alpha <= cap);
  return {
    activation: spec.activation, eta: spec.eta, init_scale: spec.scale, eps, seed,
    escape_alpha: run.escape !== null && run.escape <= cap ? run.escape : null,
    max_alpha: cap,
    growth: growthRate({ ...run, rows }),
    diverged_alpha: run.diverged && run.diverged.alpha <= cap ? run.diverged.alpha : null,
  };
}
