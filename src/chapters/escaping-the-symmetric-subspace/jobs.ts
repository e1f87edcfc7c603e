import { egFromOverlaps } from './gen-error.ts';
import { integrateOde } from './overlap-ode.ts';
import { plateauGrowth, rowOfRun, sweepKey, sweepRun, type MemoFn, type PlateauFit, type SweepRow, type SweepSpec } from './plateau.ts';
import { tsSim, type TsConfig, type TsRun } from './teacher-student.ts';

// The chapter's long runs, pure and synchronous: the figures call them at build time and in the figure worker.

/**
 * Reports progress: `done` in [0, 1], and `partial`, which builds the result so far. The caller calls
 * `partial` only when it will draw it, so the rows of a partial result are built only on demand.
 */
export type Progress<T> = (done: number, partial: () => T) => void;

/** One whole α of a trajectory: ε_g from the overlaps, the symmetry gap, and whether w₁ = w₂ bit for bit. */
export interface TrajectoryRow { alpha: number; eg: number; gap: number; identical: boolean }
/** A trajectory: its rows, the escape, the divergence, and the growth of ln(gap) on the plateau (window and rate λ). */
export interface TrajectoryResult {
  rows: TrajectoryRow[]; escape: number | null; firstSplit: number | null; diverged: TsRun['diverged']; growth: PlateauFit | null; maxAlpha: number;
  /** Per row, the first `keep` input weights of each unit, [w₁₁ … w₁ₖ, w₂₁ … w₂ₖ] (empty when none were kept). */
  weights: number[][];
}
/** Simulation and N → ∞ theory from the same initial overlaps. */
export interface TheoryResult { sim: TrajectoryResult; ode: { alpha: number; eg: number; gap: number }[] }

/**
 * A run streamed in chunks of α, with ε_g computed once per row as the rows arrive; the run itself, for its overlaps.
 * `keep` > 0 also keeps that many input weights of each unit at every row, for drawing the network.
 */
function simulate(config: Partial<TsConfig>, progress?: Progress<TrajectoryResult>, keep = 0, chunk = 20): { result: TrajectoryResult; run: TsRun } {
  const weights: number[][] = [];
  const sim = tsSim(config, keep > 0 ? (W) => {
    const n = W.length / 2, k = Math.min(keep, n);
    weights.push([...W.subarray(0, k), ...W.subarray(n, n + k)]);
  } : undefined);
  const { activation, N, maxAlpha } = sim.run.config;
  const eg: number[] = [];
  // Called only for a result that will be drawn (the end, or a partial the worker posts): never once per chunk.
  const result = (): TrajectoryResult => ({
    rows: sim.run.rows.map((r, i) => ({ alpha: r.alpha, eg: eg[i], gap: r.gap, identical: r.identical })),
    escape: sim.run.escape, firstSplit: sim.run.firstSplit, diverged: sim.run.diverged,
    // The same window and fit as a sweep's row of the same run (ReLU's gap does not grow exponentially).
    growth: activation === 'relu' ? null : plateauGrowth(sim.run.rows, (i) => eg[i]), maxAlpha,
    weights: weights.slice(0, sim.run.rows.length),
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

/** One run from a tied start, with ε_g at every α (and `keep` input weights per unit), reporting progress; the same code at build time and in the worker. */
export function trajectory(config: Partial<TsConfig>, progress?: Progress<TrajectoryResult>, keep = 0): TrajectoryResult {
  return simulate(config, progress, keep).result;
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

/** One ReLU run of the sweep, thinned for drawing: [α, gap] at the first two checks, wherever ln(gap) moved by more than 0.02, and just before. */
export interface GapTrace { eps: number; seed: number; points: [number, number][] }

/** Thins a run's gap to the points a log–log chart needs: the flat stretches keep their ends, every jump its two sides. */
export function thinGaps(rows: readonly { alpha: number; gap: number }[]): [number, number][] {
  const out: [number, number][] = [];
  let last = Number.NaN;
  for (let i = 0; i < rows.length; i++) {
    const { alpha, gap } = rows[i];
    if (!(gap > 0)) continue;
    const lg = Math.log(gap);
    // The first two checks always (α = 0 has no place on a log axis; α = 1 starts the line there), the last, and every move.
    if (out.length < 2 || i === rows.length - 1 || Math.abs(lg - last) > 0.02) {
      const prev = rows[i - 1];
      if (out.length && prev && prev.alpha !== out[out.length - 1][0] && prev.gap > 0) out.push([prev.alpha, prev.gap]);
      out.push([alpha, gap]);
      last = lg;
    }
  }
  return out;
}

/** The ReLU sweep's rows (the CSV's) and every run's thinned gap, made once per build through the memo. */
export function reluSweep(memo: MemoFn, spec: SweepSpec): { rows: SweepRow[]; traces: GapTrace[] } {
  return memo(`escape:relu:${sweepKey(spec)}`, () => {
    const rows: SweepRow[] = [];
    const traces: GapTrace[] = [];
    for (const eps of spec.eps) for (const seed of spec.seeds) {
      const run = sweepRun(spec, eps, seed);
      rows.push(rowOfRun(spec, eps, seed, run));
      traces.push({ eps, seed, points: thinGaps(run.rows) });
    }
    return { rows, traces };
  });
}
