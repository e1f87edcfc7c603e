import { egFromOverlaps } from './gen-error.ts';
import { tsRun, type TsActivation, type TsRow, type TsRun } from './teacher-student.ts';

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
  /** Growth rate of ln(gap) on the plateau (plateauGrowth); null for ReLU, whose gap does not grow exponentially, or without a window. */
  growth: number | null;
  /** The first α during which the units got different updates (for ReLU: the first sample that split their fields with y ≠ ŷ). */
  first_split: number | null;
  /** The angle θ between w₁ and w₂ at the last check before that α, in radians. */
  split_angle: number;
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

/** The standard error of a least-squares slope: √(SSres/(n − 2)/Sxx); null with fewer than three points. */
export function slopeError(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 3) return null;
  const { slope, intercept } = linearFit(xs, ys);
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  let ss = 0, sxx = 0;
  for (let i = 0; i < n; i++) { ss += (ys[i] - intercept - slope * xs[i]) ** 2; sxx += (xs[i] - mx) ** 2; }
  return sxx > 0 ? Math.sqrt(ss / (n - 2) / sxx) : null;
}

/** The median of finite numbers (the mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Quartiles of run lengths of which some were cut at a cap (null: not escaped by it, so longer than every escaped
 * one): the p-quantile interpolates the order statistics at (n − 1)p; it is null when it needs a cut run.
 */
export function quartiles(values: readonly (number | null)[]): { n: number; escaped: number; q1: number | null; median: number | null; q3: number | null } {
  const done = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const n = values.length;
  const at = (p: number): number | null => {
    const h = (n - 1) * p, lo = Math.floor(h), hi = Math.ceil(h);
    if (hi >= done.length) return null;
    return done[lo] + (h - lo) * (done[hi] - done[lo]);
  };
  return { n, escaped: done.length, q1: n ? at(0.25) : null, median: n ? at(0.5) : null, q3: n ? at(0.75) : null };
}

/** The plateau window: ε_g within this fraction of its plateau value marks the plateau's start. */
export const PLATEAU_BAND = 0.25;
/** The window ends before the gap first reaches this (beyond it the gap's growth is no longer linear). */
export const GROWTH_TOP = 1e-2;
/** The window starts once the gap has grown this many times its value at the plateau's start. */
export const GROWTH_RISE = 10;

/** Where and how fast ln(gap) grows on the plateau of one run. */
export interface PlateauFit {
  /** The slope of ln(gap) against α in the window: the growth rate λ, per unit α; and the fitted ln(gap) at α = 0. */
  lambda: number;
  intercept: number;
  /** The window [from, to] in α. */
  from: number;
  to: number;
  /** The plateau value of ε_g (median of ε_g at α = 10, 20, … before the gap reaches GROWTH_TOP) and the α it was reached. */
  plateau: number;
  entry: number;
}

/**
 * The growth rate of ln(gap) on the plateau, with the window defined from the run: the plateau starts at the first α
 * at which ε_g is within PLATEAU_BAND of its plateau value; the fit starts once the gap has grown GROWTH_RISE-fold
 * from its value there (before that, at N = 40, the noise of single steps moves the gap as much as its growth does)
 * and ends before the gap reaches GROWTH_TOP. `egAt(i)` is ε_g of row i (rows at α = 0, 1, 2, …); it is asked only
 * at every 10th α and at the α up to the plateau's start, as it is costly for tanh. Null without 10 α in the window.
 */
export function plateauGrowth(rows: readonly { alpha: number; gap: number }[], egAt: (i: number) => number): PlateauFit | null {
  const top = rows.findIndex((r) => r.gap >= GROWTH_TOP);
  const stop = top < 0 ? rows.length : top;
  const sample: number[] = [];
  for (let i = 10; i < stop; i += 10) sample.push(egAt(i));
  // Three samples (30 α) are the least that can tell a plateau from the fall to it.
  if (sample.length < 3) return null;
  const plateau = median(sample);
  let entry = -1;
  for (let i = 1; i < stop && entry < 0; i++) if (egAt(i) <= (1 + PLATEAU_BAND) * plateau) entry = i;
  if (entry < 0) return null;
  let from = -1;
  for (let i = entry; i < stop && from < 0; i++) if (rows[i].gap > 0 && rows[i].gap >= GROWTH_RISE * rows[entry].gap) from = i;
  const w = from < 0 ? [] : rows.slice(from, stop).filter((r) => r.gap > 0); // a log has no 0
  // Fewer than 10 α cannot pin a slope against the SGD noise.
  if (w.length < 10) return null;
  const fit = linearFit(w.map((r) => r.alpha), w.map((r) => Math.log(r.gap)));
  return { lambda: fit.slope, intercept: fit.intercept, from: rows[from].alpha, to: rows[stop - 1].alpha, plateau, entry: rows[entry].alpha };
}

/** ε_g of a run's row i, computed on demand and kept. */
export function egOfRun(run: TsRun): (i: number) => number {
  const cache = new Map<number, number>();
  const act = run.config.activation;
  return (i) => {
    let v = cache.get(i);
    if (v === undefined) { const r = run.rows[i]; v = egFromOverlaps(act, [...r.R, ...r.Q]); cache.set(i, v); }
    return v;
  };
}

/** The angle θ between w₁ and w₂ from one check: sin²θ = (2SD − D² − Δ²)/(4Q11Q22), S = Q11 + Q22, Δ = Q11 − Q22. */
export function unitAngle(r: Pick<TsRow, 'Q' | 'D'>): number {
  const [q11, , q22] = r.Q;
  const S = q11 + q22, Dl = q11 - q22;
  const sin2 = (2 * S * r.D - r.D * r.D - Dl * Dl) / (4 * q11 * q22);
  return Math.asin(Math.sqrt(Math.min(1, Math.max(0, sin2))));
}

/** A run's CSV row (the run already made; rows up to `cap` only, for a run made longer than the row claims). */
export function rowOfRun(spec: SweepSpec, eps: number, seed: number, run: TsRun, cap = spec.maxAlpha): SweepRow {
  const rows = run.rows.filter((r) => r.alpha <= cap);
  const split = run.firstSplit !== null && run.firstSplit <= cap ? run.firstSplit : null;
  const before = rows[Math.min(rows.length - 1, (split ?? rows.length) - 1)] ?? rows[0];
  const egAt = egOfRun(run);
  return {
    activation: spec.activation, eta: spec.eta, init_scale: spec.scale, eps, seed,
    escape_alpha: run.escape !== null && run.escape <= cap ? run.escape : null,
    max_alpha: cap,
    growth: spec.activation === 'relu' ? null : plateauGrowth(rows, egAt)?.lambda ?? null,
    first_split: split,
    split_angle: unitAngle(before),
    diverged_alpha: run.diverged && run.diverged.alpha <= cap ? run.diverged.alpha : null,
  };
}

/** The run of a sweep for (ε, seed), stopped at its escape or at the spec's maxAlpha. */
export function sweepRun(spec: SweepSpec, eps: number, seed: number): TsRun {
  return tsRun({ activation: spec.activation, eta: spec.eta, scale: spec.scale, eps, seed, N: spec.N ?? 40, maxAlpha: spec.maxAlpha, stopAtEscape: true });
}

/** One run of a sweep as its CSV row. */
export function sweepRow(spec: SweepSpec, eps: number, seed: number): SweepRow {
  return rowOfRun(spec, eps, seed, sweepRun(spec, eps, seed));
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

/** Mean ± standard error (sd/√n) of numbers; the sd is the sample one (n − 1). */
export function meanSe(xs: readonly number[]): { mean: number; se: number; sd: number; n: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / Math.max(1, n);
  const sd = n > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, se: sd / Math.sqrt(Math.max(1, n)), sd, n };
}

/**
 * The seed spread of a sweep's line: each seed's own least-squares line of escape α against ln(1/ε) (over its
 * escaped runs), then the mean ± standard error of those slopes and offsets across seeds.
 */
export function seedFits(rows: readonly SweepRow[]): { slope: ReturnType<typeof meanSe>; offset: ReturnType<typeof meanSe> } {
  const fits = [...new Set(rows.map((r) => r.seed))].flatMap((seed) => {
    const mine = rows.filter((r) => r.seed === seed && r.escape_alpha !== null);
    return mine.length >= 2 ? [linearFit(mine.map((r) => Math.log(1 / r.eps)), mine.map((r) => r.escape_alpha!))] : [];
  });
  return { slope: meanSe(fits.map((f) => f.slope)), offset: meanSe(fits.map((f) => f.intercept)) };
}

/** What a sweep says: the line through the means against ln(1/ε), and the growth rate λ measured on the plateaus. */
export function plateauSummary(rows: readonly SweepRow[]) {
  const means = escapeMeans(rows);
  const fit = linearFit(means.map((m) => m.x), means.map((m) => m.mean));
  const rates = rows.map((r) => r.growth).filter((g): g is number => g !== null && g > 0);
  // The median over runs: one run's rate carries the noise of its own window.
  const lambda = rates.length ? median(rates) : null;
  return { means, fit, seeds: seedFits(rows), lambda, measuredSlope: lambda ? 1 / lambda : null, rates: rates.length, unescaped: rows.filter((r) => r.escape_alpha === null).length };
}

/** The chapter's sweeps (the CSV's coverage): erf and tanh at η = 0.5, erf at η = 0.25, erf at s = 0.05 and 1.5. */
export const PLATEAU_SPECS: { key: string; label: string; spec: SweepSpec }[] = [
  { key: 'erf', label: 'erf, η = 0.5, s = 0.5', spec: { activation: 'erf', eta: 0.5, scale: 0.5, eps: SWEEP_EPS, seeds: SWEEP_SEEDS, maxAlpha: 4000 } },
  { key: 'tanh', label: 'tanh, η = 0.5, s = 0.5', spec: { activation: 'tanh', eta: 0.5, scale: 0.5, eps: SWEEP_EPS, seeds: SWEEP_SEEDS, maxAlpha: 4000 } },
  { key: 'eta', label: 'erf, η = 0.25', spec: { activation: 'erf', eta: 0.25, scale: 0.5, eps: SWEEP_EPS, seeds: SWEEP_SEEDS, maxAlpha: 4000 } },
  { key: 's005', label: 'erf, s = 0.05', spec: { activation: 'erf', eta: 0.5, scale: 0.05, eps: SWEEP_EPS, seeds: SWEEP_SEEDS, maxAlpha: 4000 } },
  { key: 's15', label: 'erf, s = 1.5', spec: { activation: 'erf', eta: 0.5, scale: 1.5, eps: SWEEP_EPS, seeds: SWEEP_SEEDS, maxAlpha: 4000 } },
];

/** Seeds 1 … 12 of the ReLU sweep: its times are exponential-like, so it needs more seeds than the smooth sweeps. */
export const RELU_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;
/**
 * ReLU at η = 0.5 for ε = 1e-2 … 1e-5, twelve seeds, capped at α = 20000: the mean wait at ε = 1e-5 is about
 * 4000 α and exponential-like, so the cap is five such means (runs beyond it are reported as not escaped).
 */
export const RELU_SPEC: SweepSpec = { activation: 'relu', eta: 0.5, scale: 0.5, eps: [1e-2, 1e-3, 1e-4, 1e-5], seeds: RELU_SEEDS, maxAlpha: 20000 };
/** The power of ReLU's escape is fitted on ε ≤ this, where the wait for the first split dominates the time after it. */
export const RELU_FIT_MAX = 1e-3;

/** Runs ε = 0 for `alphas` α and returns the last α through which w₁ and w₂ stayed bitwise equal (−1 if never). */
export function tiedThrough(activation: TsActivation, alphas: number, seed = 1): number {
  const run = tsRun({ activation, eps: 0, seed, maxAlpha: alphas });
  let last = -1;
  for (const r of run.rows) if (r.identical) last = r.alpha; else break;
  return last;
}

// ——— The random start: plateau length against N ———

/** Random starts w_k = s·z_k (independent) for erf at η = 0.5, s = 0.01, for N = 10 … 80, 24 seeds each. */
export const WIDTH_SPEC = { activation: 'erf' as const, eta: 0.5, scale: 0.01, Ns: [10, 20, 40, 80] as const, seeds: Array.from({ length: 24 }, (_, i) => i + 1), maxAlpha: 2000 };

/** One random-start run: its N, seed, initial gap, escape α, and its gap at every α up to the escape. */
export interface WidthRun { N: number; seed: number; gap0: number; escape_alpha: number | null; gaps: number[] }

/** Every run of the random-start sweep (N outer, seed inner), through the memo. */
export function widthSweep(memo: MemoFn): WidthRun[] {
  return memo(`escape:width:${JSON.stringify(WIDTH_SPEC)}`, () => WIDTH_SPEC.Ns.flatMap((N) => WIDTH_SPEC.seeds.map((seed) => {
    const run = tsRun({ activation: WIDTH_SPEC.activation, eta: WIDTH_SPEC.eta, scale: WIDTH_SPEC.scale, start: 'random', N, seed, maxAlpha: WIDTH_SPEC.maxAlpha, stopAtEscape: true });
    return { N, seed, gap0: run.rows[0].gap, escape_alpha: run.escape, gaps: run.rows.map((r) => r.gap) };
  })));
}
