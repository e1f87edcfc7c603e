import { tsRun, type TsActivation, type TsRun } from './teacher-student.ts';

/** A sweep: one run per (ε, seed), every run stopped at its escape or at maxAlpha. */
export interface SweepSpec {
  activation: TsActivation;
  eta: number;
  scale: number;
  eps: readonly number[];
  seeds: readonly number[];
  N?: number;
  maxAlpha: number;
}

/** One run of a sweep, as a CSV row; escape_alpha is null when the run did not escape by max_alpha. */
export interface SweepRow {
  activation: TsActivation;
  eta: number;
  init_scale: number;
  eps: number;
  seed: number;
  escape_alpha: number | null;
  max_alpha: number;
  /** Slope of ln(gap) against α where 1e-6 < gap < 1e-2 (NaN-free: null when the window is too short). */
  growth: number | null;
  diverged_alpha: number | null;
}

/** ε = 1e-2 … 1e-8, one per decade: the chapter's sweep. */
export const SWEEP_EPS = [1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8] as const;
/** Seeds 1 … 6 of every sweep. */
export const SWEEP_SEEDS = [1, 2, 3, 4, 5, 6] as const;

/** Least squares y ≈ slope·x + intercept, with R² (1 − SSres/SStot). */
export function linearFit(xs: readonly number[], ys: readonly number[]): { slope: number; intercept: number; r2: number; n: number } {
  const n = xs.length;
  if (n < 2) return { slope: 0, intercept: ys[0] ?? 0, r2: 0, n };
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const r2 = syy > 0 && sxx > 0 ? (sxy * sxy) / (sxx * syy) : 1;
  return { slope, intercept: my - slope * mx, r2, n };
}

/** Growth rate λ of ln(gap) on the plateau: the least-squares slope over rows with lo < gap < hi. */
export function growthRate(run: TsRun, lo = 1e-6, hi = 1e-2): number | null {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const r of run.rows) if (r.gap > lo && r.gap < hi) { xs.push(r.alpha); ys.push(Math.log(r.gap)); }
  // Fewer than 10 α cannot pin a slope against the SGD noise.
  return xs.length >= 10 ? linearFit(xs, ys).slope : null;
}

/** One run of a sweep as its CSV row. */
export function sweepRow(spec: SweepSpec, eps: number, seed: number): SweepRow {
  const run = tsRun({ activation: spec.activation, eta: spec.eta, scale: spec.scale, eps, seed, N: spec.N ?? 40, maxAlpha: spec.maxAlpha, stopAtEscape: true });
  return {
    activation: spec.activation, eta: spec.eta, init_scale: spec.scale, eps, seed,
    escape_alpha: run.escape, max_alpha: spec.maxAlpha, growth: growthRate(run), diverged_alpha: run.diverged?.alpha ?? null,
  };
}

/** A memo as compute's ctx.memo and the build's buildMemo give it: `make` runs only for a key not seen yet. */
export type MemoFn = <T>(key: string, make: () => T) => T;

/** Runs a whole sweep, ε outer and seed inner; `onRun` hears after each run the rows so far and the fraction done. */
export function sweep(spec: SweepSpec, onRun?: (rows: readonly SweepRow[], done: number) => void): SweepRow[] {
  const rows: SweepRow[] = [];
  const total = spec.eps.length * spec.seeds.length;
  for (const eps of spec.eps) for (const seed of spec.seeds) {
    rows.push(sweepRow(spec, eps, seed));
    onRun?.(rows, rows.length / total);
  }
  return rows;
}

/** The one memo key of a sweep, whatever order its spec was written in (N defaults to 40 as in sweepRow). */
export function sweepKey(s: SweepSpec): string {
  return `escape:sweep:${JSON.stringify([s.activation, s.eta, s.scale, s.eps, s.seeds, s.N ?? 40, s.maxAlpha])}`;
}

/** A sweep through a memo: the build's figures and the /data/plateau.csv endpoint share one computation of each. */
export function memoSweep(memo: MemoFn, spec: SweepSpec, onRun?: (rows: readonly SweepRow[], done: number) => void): SweepRow[] {
  return memo(sweepKey(spec), () => sweep(spec, onRun));
}

/** Mean escape α per ε (escaped runs only), with x = ln(1/ε) and how many runs did not escape. */
export function escapeMeans(rows: readonly SweepRow[]): { eps: number; x: number; mean: number; escaped: number; unescaped: number }[] {
  const out = [];
  for (const eps of [...new Set(rows.map((r) => r.eps))]) {
    const at = rows.filter((r) => r.eps === eps);
    const esc = at.map((r) => r.escape_alpha).filter((a): a is number => a !== null);
    if (esc.length) out.push({ eps, x: Math.log(1 / eps), mean: esc.reduce((a, b) => a + b, 0) / esc.length, escaped: esc.length, unescaped: at.length - esc.length });
  }
  return out;
}

/** What a sweep says: the line through the means against ln(1/ε), and the slope 1/λ̄ predicted from the growth rates. */
export function plateauSummary(rows: readonly SweepRow[]) {
  const means = escapeMeans(rows);
  const fit = linearFit(means.map((m) => m.x), means.map((m) => m.mean));
  // Only runs that start well below the window (ε ≤ 1e-6: gap₀ ≈ 0.2ε) measure the plateau's growth alone.
  const rates = rows.filter((r) => r.eps <= 1e-6).map((r) => r.growth).filter((g): g is number => g !== null && g > 0);
  const lambda = rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : null;
  return { means, fit, lambda, predictedSlope: lambda ? 1 / lambda : null, unescaped: rows.filter((r) => r.escape_alpha === null).length };
}

/** The chapter's sweeps (the CSV's coverage): erf and tanh at η = 0.5, erf at η = 0.25, erf at s = 0.05 and 1.5. */
export const PLATEAU_SPECS: { key: string; label: string; spec: SweepSpec }[] = [
  { key: 'erf', label: 'erf, η = 0.5, s = 0.5', spec: { activation: 'erf', eta: 0.5, scale: 0.5, eps: SWEEP_EPS, seeds: SWEEP_SEEDS, maxAlpha: 4000 } },
  { key: 'tanh', label: 'tanh, η = 0.5, s = 0.5', spec: { activation: 'tanh', eta: 0.5, scale: 0.5, eps: SWEEP_EPS, seeds: SWEEP_SEEDS, maxAlpha: 4000 } },
  { key: 'eta', label: 'erf, η = 0.25', spec: { activation: 'erf', eta: 0.25, scale: 0.5, eps: SWEEP_EPS, seeds: SWEEP_SEEDS, maxAlpha: 4000 } },
  { key: 's005', label: 'erf, s = 0.05', spec: { activation: 'erf', eta: 0.5, scale: 0.05, eps: SWEEP_EPS, seeds: SWEEP_SEEDS, maxAlpha: 4000 } },
  { key: 's15', label: 'erf, s = 1.5', spec: { activation: 'erf', eta: 0.5, scale: 1.5, eps: SWEEP_EPS, seeds: SWEEP_SEEDS, maxAlpha: 4000 } },
];
/** ReLU at η = 0.5 for ε = 1e-2, 1e-3, 1e-4, capped at α = 3000. */
export const RELU_SPEC: SweepSpec = { activation: 'relu', eta: 0.5, scale: 0.5, eps: [1e-2, 1e-3, 1e-4], seeds: SWEEP_SEEDS, maxAlpha: 3000 };

/** Runs ε = 0 for `alphas` α and returns the last α through which w₁ and w₂ stayed bitwise equal (−1 if never). */
export function tiedThrough(activation: TsActivation, alphas: number, seed = 1): number {
  const run = tsRun({ activation, eps: 0, seed, maxAlpha: alphas });
  let last = -1;
  for (const r of run.rows) if (r.identical) last = r.alpha; else break;
  return last;
}
