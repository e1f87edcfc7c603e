import { egFromOverlaps } from './gen-error.ts';
import { tiedSaddle } from './overlap-ode.ts';
import { linearFit, median, quartiles, slopeError, type MemoFn } from './plateau.ts';
import { TS_DEFAULTS, tsSim, type TsActivation } from './teacher-student.ts';

// ——— The random start w_k = s·z_k against its scale s, and where the variance rules put s ———

/** The variance rules of the initialisation chapter, recomputed here (a chapter imports nothing from another). */
export const SCALE_RULES = ['lecun', 'glorot', 'he'] as const;
/** One of SCALE_RULES. */
export type ScaleRule = (typeof SCALE_RULES)[number];
/** How each rule is named on the chart. */
export const SCALE_RULE_LABEL: Record<ScaleRule, string> = { lecun: 'LeCun', glorot: 'Glorot', he: 'He' };

/**
 * The s of w_k = s·z_k that a rule gives this model. The field is h_k = w_k·x/√N, so the weights acting on x are
 * w_ki/√N, of variance s²/N; a rule asks for variance σ²/n_in with n_in = N (LeCun σ² = 1, He σ² = 2), or for
 * 2/(n_in + n_out) with n_out = K, the number of student units (Glorot). So s = √(N·variance).
 */
export function scaleOfRule(rule: ScaleRule, N: number, K: number): number {
  const variance = rule === 'lecun' ? 1 / N : rule === 'he' ? 2 / N : 2 / (N + K);
  return Math.sqrt(N * variance);
}

/** A scale sweep: random starts at each s, every run stopped once it has learned (ε_g < LEARNED) or at maxAlpha. */
export interface ScaleSpec {
  activation: TsActivation;
  eta: number;
  N: number;
  /** Student units (2 in this chapter's model): n_out of Glorot's rule. */
  K: number;
  scales: readonly number[];
  seeds: readonly number[];
  maxAlpha: number;
}

/** ε_g below this counts as learned: about a fifteenth of erf's plateau height at η = 0.5 (0.0147). */
export const LEARNED = 1e-3;
/** The plateau band: ε_g within this fraction of the plateau height counts as α on the plateau. */
export const DWELL_BAND = 0.25;
/** ε_g is kept for drawing every this many α. */
export const TRACE_STEP = 5;
/** Runs per s whose ε_g is kept for drawing (the first seeds). */
export const TRACE_SEEDS = 4;

/** The grid 1e-4 … 10 in steps of about half a decade, as literals (no pow: engines round it differently), with the rules' s. */
export function scaleGrid(N: number, K: number): number[] {
  const grid = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1, 3, 10];
  return [...new Set([...grid, ...SCALE_RULES.map((r) => scaleOfRule(r, N, K))])].sort((a, b) => a - b);
}

/** The chapter's sweep: erf at η = 0.5, N = 40, 12 seeds per s; the slowest (s = 10) learn by α ≈ 4000. */
export const SCALE_SPEC: ScaleSpec = { activation: 'erf', eta: TS_DEFAULTS.eta, N: TS_DEFAULTS.N, K: 2, scales: scaleGrid(TS_DEFAULTS.N, 2), seeds: Array.from({ length: 12 }, (_, i) => i + 1), maxAlpha: 8000 };

/** One run as a CSV row; escape_alpha and learn_alpha are null when not reached by max_alpha. */
export interface ScaleRow {
  activation: TsActivation;
  init_scale: number;
  seed: number;
  /** The symmetry gap at α = 0. */
  gap0: number;
  escape_alpha: number | null;
  /** The first α with ε_g < LEARNED. */
  learn_alpha: number | null;
  /** How many α had ε_g within DWELL_BAND of the plateau height (null without a height: tanh). */
  plateau_alphas: number | null;
  max_alpha: number;
}

/** A run's ε_g every TRACE_STEP α, to 3 digits, for drawing. */
export interface ScaleTrace { scale: number; seed: number; eg: number[] }

/** The plateau height the dwell is counted against: ε_g at the ODE's tied fixed point (erf only). */
export function plateauHeight(activation: TsActivation, eta: number): number | null {
  return activation === 'erf' ? tiedSaddle(eta)?.height ?? null : null;
}

/** One random start w_k = s·z_k, run until ε_g < LEARNED (checked at every α) or maxAlpha. */
export function scaleRun(spec: ScaleSpec, scale: number, seed: number): { row: ScaleRow; eg: number[] } {
  const { activation, eta, N, maxAlpha } = spec;
  const sim = tsSim({ activation, eta, N, scale, seed, maxAlpha, start: 'random' });
  const height = plateauHeight(activation, eta);
  const eg: number[] = [];
  let learn: number | null = null;
  let dwell = 0;
  while (!sim.run.done && learn === null) {
    sim.advance(10);
    for (let i = eg.length; i < sim.run.rows.length && learn === null; i++) {
      const r = sim.run.rows[i];
      const e = egFromOverlaps(activation, [...r.R, ...r.Q]);
      eg.push(e);
      if (height !== null && Math.abs(e - height) <= DWELL_BAND * height) dwell++;
      if (e < LEARNED) learn = r.alpha;
    }
  }
  const escape = sim.run.escape !== null && (learn === null || sim.run.escape <= learn) ? sim.run.escape : null;
  return {
    row: { activation, init_scale: scale, seed, gap0: sim.run.rows[0].gap, escape_alpha: escape, learn_alpha: learn, plateau_alphas: height === null ? null : dwell, max_alpha: maxAlpha },
    eg,
  };
}

/** Every run of a sweep (s outer, seed inner) through the memo, with the first seeds' ε_g traces; `onRun` hears the rows so far. */
export function scaleSweep(memo: MemoFn, spec: ScaleSpec, onRun?: (rows: readonly ScaleRow[], done: number) => void): { rows: ScaleRow[]; traces: ScaleTrace[] } {
  return memo(`escape:scale:${JSON.stringify(spec)}`, () => {
    const rows: ScaleRow[] = [];
    const traces: ScaleTrace[] = [];
    const total = spec.scales.length * spec.seeds.length;
    for (const scale of spec.scales) for (const seed of spec.seeds) {
      const { row, eg } = scaleRun(spec, scale, seed);
      rows.push(row);
      if (seed <= TRACE_SEEDS) traces.push({ scale, seed, eg: eg.filter((_, i) => i % TRACE_STEP === 0).map((e) => +e.toPrecision(3)) });
      onRun?.(rows, rows.length / total);
    }
    return { rows, traces };
  });
}

/** The escape threshold on the gap (teacher-student.ts); a start whose median gap is under a tenth of it enters the fit. */
export const FIT_GAP = TS_DEFAULTS.threshold / 10;

/**
 * What a sweep's rows say: per s the quartiles of escape and learning and the median initial gap and dwell; the
 * least-squares line of escape α against ln(1/s) over every run at the s whose median initial gap is below FIT_GAP
 * (larger starts begin near the threshold, off the linear law); the ODE's slope 1/λ; the s that learns fastest.
 */
export function scaleSummary(rows: readonly ScaleRow[], spec: ScaleSpec) {
  const byScale = spec.scales.map((s) => {
    const at = rows.filter((r) => r.init_scale === s);
    const dwell = at.flatMap((r) => (r.plateau_alphas === null ? [] : [r.plateau_alphas]));
    return {
      s, x: Math.log(1 / s),
      escape: quartiles(at.map((r) => r.escape_alpha)),
      learn: quartiles(at.map((r) => r.learn_alpha)),
      gap0: median(at.map((r) => r.gap0)),
      /** Runs already past the escape threshold at α = 0. */
      escapedAtStart: at.filter((r) => r.escape_alpha === 0).length,
      dwell: dwell.length ? median(dwell) : null,
    };
  });
  const fitted = byScale.filter((b) => b.gap0 < FIT_GAP).map((b) => b.s);
  const inFit = rows.filter((r) => fitted.includes(r.init_scale) && r.escape_alpha !== null);
  const xs = inFit.map((r) => Math.log(1 / r.init_scale)), ys = inFit.map((r) => r.escape_alpha!);
  const saddle = spec.activation === 'erf' ? tiedSaddle(spec.eta) : null;
  const learned = byScale.filter((b) => b.learn.median !== null);
  const fastest = learned.length ? learned.reduce((a, b) => (b.learn.median! < a.learn.median! ? b : a)) : null;
  return {
    byScale, fitted, fit: linearFit(xs, ys), slopeSe: slopeError(xs, ys), fitRuns: inFit.length,
    /** The ODE's λ at the tied fixed point and the slope 1/λ it predicts (erf only). */
    lambda: saddle?.lambda ?? null, predictedSlope: saddle ? 1 / saddle.lambda : null,
    fastest,
  };
}
