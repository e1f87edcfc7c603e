import { erf } from '../../core/activations.ts';
import { ConfigError, nonNegative, oneOf, positive, positiveInt } from '../../core/errors.ts';
import { fastRng, type FastRng } from './fast-normal.ts';

/** Activations g of the teacher–student chapter: erf(z/√2), tanh and ReLU. */
export const TS_ACTIVATIONS = ['erf', 'tanh', 'relu'] as const;
/** One of TS_ACTIVATIONS. */
export type TsActivation = (typeof TS_ACTIVATIONS)[number];

/** A teacher–student run: M = K = 2 units, online SGD, tied start w_k = w₀ + ε z_k. */
export interface TsConfig {
  activation: TsActivation;
  /** Input dimension N (supported: TS_N_RANGE). */
  N: number;
  /** Learning rate η. */
  eta: number;
  /** Init scale s of the shared w₀ ~ N(0, s² I). */
  scale: number;
  /** Asymmetry ε in [0, 0.1]. */
  eps: number;
  seed: number;
  /** Stop after this many α (= steps / N). */
  maxAlpha: number;
  /** Escape threshold on the symmetry gap (0.3). */
  threshold?: number;
  /** Stop at the escape (sweeps) instead of running to maxAlpha. */
  stopAtEscape?: boolean;
  /** 'tied': w_k = s·w₀ + ε z_k (the default); 'random': w_k = s·z_k, two independent draws (ε unused). */
  start?: TsStartKind;
  /**
   * 'same': both fields are summed by one loop in the same order (the default, so a tie stays exact);
   * 'reversed': unit 2's field is summed from the last coordinate down, as a kernel whose summation order
   * depends on the row may do, so tied units can round differently.
   */
  order?: TsOrder;
}

/** How the two units start: tied up to ε, or independently at random. */
export type TsStartKind = 'tied' | 'random';
/** The order in which unit 2's field is summed, relative to unit 1's. */
export type TsOrder = 'same' | 'reversed';

/** The chapter's defaults. */
export const TS_DEFAULTS = { activation: 'erf', N: 40, eta: 0.5, scale: 0.5, eps: 1e-4, seed: 1, maxAlpha: 400, threshold: 0.3 } as const;
/** Supported input dimensions N. */
export const TS_N_RANGE = [8, 4000] as const;
/** Q_kk above this (weights 1000× the teacher's length) counts as divergence. */
export const Q_BOUND = 1e6;

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
// g(z) = erf(z/√2) as a cubic Hermite table (values and exact slopes at 1/64 spacing): error below 1e-9,
// ten times cheaper than the series. Beyond ±8, g is ±1 to double precision.
const H = 1 / 64;
const ZMAX = 8;
const NODES = 2 * ZMAX * 64 + 1;
const GV = new Float64Array(NODES);
const GD = new Float64Array(NODES);
for (let i = 0; i < NODES; i++) {
  const z = -ZMAX + i * H;
  GV[i] = erf(z * Math.SQRT1_2);
  GD[i] = H * SQRT_2_OVER_PI * Math.exp(-0.5 * z * z);
}

/** g(z) = erf(z/√2) from the Hermite table (|error| < 1e-9, exact at the nodes, g(0) = 0). */
export function gErf(z: number): number {
  if (!(z > -ZMAX)) return z === z ? -1 : z;
  if (z >= ZMAX) return 1;
  const u = (z + ZMAX) * 64;
  const i = Math.floor(u);
  const t = u - i;
  if (t === 0) return GV[i];
  const t2 = t * t;
  const t3 = t2 * t;
  return (2 * t3 - 3 * t2 + 1) * GV[i] + (t3 - 2 * t2 + t) * GD[i] + (3 * t2 - 2 * t3) * GV[i + 1] + (t3 - t2) * GD[i + 1];
}

/** g and g′ for each activation: erf(z/√2) with g′ = √(2/π)e^{−z²/2}; tanh with 1 − tanh²; ReLU with 1[z > 0]. */
export const TS_G: Record<TsActivation, { g: (z: number) => number; dg: (z: number) => number }> = {
  erf: { g: gErf, dg: (z) => SQRT_2_OVER_PI * Math.exp(-0.5 * z * z) },
  tanh: { g: Math.tanh, dg: (z) => { const t = Math.tanh(z); return 1 - t * t; } },
  relu: { g: (z) => (z > 0 ? z : 0), dg: (z) => (z > 0 ? 1 : 0) },
};

/** Validates a config (clear messages for the reader) and fills the defaults. */
export function checkTs(c: Partial<TsConfig>): Required<TsConfig> {
  const activation = oneOf('activation g', c.activation ?? TS_DEFAULTS.activation, TS_ACTIVATIONS);
  const N = positiveInt('input dimension N', c.N ?? TS_DEFAULTS.N);
  if (N < TS_N_RANGE[0] || N > TS_N_RANGE[1]) throw new ConfigError('input dimension N', `must be in [${TS_N_RANGE.join(', ')}]`, N);
  const eta = positive('learning rate η', c.eta ?? TS_DEFAULTS.eta);
  const scale = nonNegative('init scale s', c.scale ?? TS_DEFAULTS.scale); // 0: the all-zero start
  const eps = nonNegative('asymmetry ε', c.eps ?? TS_DEFAULTS.eps);
  if (eps > 0.1) throw new ConfigError('asymmetry ε', 'must be in [0, 0.1]', eps);
  const seed = c.seed ?? TS_DEFAULTS.seed;
  if (!Number.isInteger(seed)) throw new ConfigError('seed', 'must be an integer', seed);
  const maxAlpha = positiveInt('run length α', c.maxAlpha ?? TS_DEFAULTS.maxAlpha);
  const threshold = positive('escape threshold', c.threshold ?? TS_DEFAULTS.threshold);
  const start = oneOf('start', c.start ?? 'tied', ['tied', 'random'] as const);
  const order = oneOf('summation order', c.order ?? 'same', ['same', 'reversed'] as const);
  return { activation, N, eta, scale, eps, seed, maxAlpha, threshold, stopAtEscape: c.stopAtEscape ?? false, start, order };
}

/**
 * The start, flat [w₁, w₂], from the seed: tied, w_k = s·w₀ + ε z_k (k = 1, 2), or random, w_k = s·z_k. The teacher
 * is B_n = √N e_n: x ~ N(0, I_N) looks the same in every orthonormal basis, so choosing one whose first two axes are
 * the teacher's directions loses nothing (B_m·B_n = N δ_mn) and makes the teacher's fields simply u_n = x_n.
 */
export function tsStart(c: Required<TsConfig>, rng: FastRng = fastRng(c.seed)): Float64Array {
  const { N, scale, eps } = c;
  const w0 = new Float64Array(N);
  rng.fill(w0);
  const Z = new Float64Array(2 * N);
  rng.fill(Z); // drawn even when ε = 0, so ε only scales one fixed direction
  const W = new Float64Array(2 * N);
  if (c.start === 'random') for (let j = 0; j < 2 * N; j++) W[j] = scale * Z[j];
  // "+ 0" turns a −0 (from s = ε = 0 and a negative draw) into +0, so an all-zero start is equal bit for bit; it changes no other value.
  else for (let k = 0; k < 2; k++) for (let i = 0; i < N; i++) W[k * N + i] = scale * w0[i] + eps * Z[k * N + i] + 0;
  return W;
}

/** The state at one whole α: overlaps R_kn = w_k·B_n/N, Q_kl = w_k·w_l/N, the gap, and bitwise equality of the units. */
export interface TsRow {
  alpha: number;
  /** Symmetry gap max_n |R_1n − R_2n|. */
  gap: number;
  /** R11, R12, R21, R22. */
  R: [number, number, number, number];
  /** Q11, Q12, Q22. */
  Q: [number, number, number];
  /** |w₁ − w₂|²/N, summed directly (not Q11 + Q22 − 2Q12, which cancels when the units are close). */
  D: number;
  /** w₁ and w₂ are equal bit for bit. */
  identical: boolean;
}

/** A run so far: rows at α = 0, 1, 2, …; escape = first α with gap > threshold. */
export interface TsRun {
  config: Required<TsConfig>;
  rows: TsRow[];
  escape: number | null;
  /** The first α during which some step gave the two units different updates (d₁ ≠ d₂ bit for bit); null: never. */
  firstSplit: number | null;
  diverged: { alpha: number; message: string } | null;
  /** True once the run reached maxAlpha, escaped (stopAtEscape) or diverged. */
  done: boolean;
}

/** Sees the weights, flat [w₁, w₂] (read only, overwritten by the next step), at each check, after its row is pushed. */
export type TsWatch = (W: Float64Array, row: TsRow) => void;

/**
 * A run that can be advanced piecewise (for streaming); the pieces concatenate to the one-shot run bit for bit.
 * `watch`, if given, sees the weights at every check: the overlaps are all a row keeps of them.
 */
export function tsSim(config: Partial<TsConfig>, watch?: TsWatch): { run: TsRun; advance(alphas: number): TsRun } {
  const c = checkTs(config);
  const { N, eta } = c;
  const rng = fastRng(c.seed);
  const W = tsStart(c, rng);
  const { g, dg } = TS_G[c.activation];
  const x = new Float64Array(N);
  const rootN = Math.sqrt(N);
  const inv = 1 / rootN;
  const step = eta / rootN; // w_k ← w_k + (η/√N) g′(h_k)(y − ŷ) x
  const reversed = c.order === 'reversed';
  const run: TsRun = { config: c, rows: [], escape: null, firstSplit: null, diverged: null, done: false };

  const measure = (alpha: number): boolean => {
    let q11 = 0, q12 = 0, q22 = 0, dd = 0;
    let identical = true;
    for (let i = 0; i < N; i++) {
      const a = W[i], b = W[N + i];
      q11 += a * a; q12 += a * b; q22 += b * b;
      dd += (a - b) * (a - b);
      if (!Object.is(a, b)) identical = false;
    }
    const Q: TsRow['Q'] = [q11 / N, q12 / N, q22 / N];
    if (!(Q[0] <= Q_BOUND && Q[2] <= Q_BOUND)) {
      run.diverged = { alpha, message: `diverged at α = ${alpha}` };
      return false;
    }
    const R: TsRow['R'] = [W[0] * inv, W[1] * inv, W[N] * inv, W[N + 1] * inv]; // w_k·(√N e_n)/N
    const gap = Math.max(Math.abs(R[0] - R[2]), Math.abs(R[1] - R[3]));
    const row: TsRow = { alpha, gap, R, Q, D: dd / N, identical };
    run.rows.push(row);
    watch?.(W, row);
    if (run.escape === null && gap > c.threshold) run.escape = alpha;
    return true;
  };

  const advance = (alphas: number): TsRun => {
    if (run.done) return run;
    if (run.rows.length === 0 && !measure(0)) { run.done = true; return run; }
    const from = run.rows[run.rows.length - 1].alpha;
    const to = Math.min(c.maxAlpha, from + Math.max(1, Math.floor(alphas)));
    for (let alpha = from + 1; alpha <= to; alpha++) {
      let split = false;
      for (let s = 0; s < N; s++) {
        rng.fill(x, N);
        let l1 = 0, l2 = 0;
        // Both fields in one loop, in the same order: tied units get the same sums, bit for bit.
        for (let i = 0; i < N; i++) {
          const xi = x[i];
          l1 += W[i] * xi;
          l2 += W[N + i] * xi;
        }
        if (reversed) {
          l2 = 0;
          for (let i = N - 1; i >= 0; i--) l2 += W[N + i] * x[i];
        }
        l1 *= inv;
        l2 *= inv;
        const e = g(x[0]) + g(x[1]) - g(l1) - g(l2); // y − ŷ, the teacher's fields being u_n = x_n
        const d1 = step * dg(l1) * e;
        const d2 = step * dg(l2) * e;
        if (d1 !== d2) split = true;
        for (let i = 0; i < N; i++) {
          W[i] += d1 * x[i];
          W[N + i] += d2 * x[i];
        }
      }
      if (split && run.firstSplit === null) run.firstSplit = alpha;
      if (!measure(alpha)) { run.done = true; return run; }
      if (c.stopAtEscape && run.escape !== null) { run.done = true; return run; }
    }
    if (to >= c.maxAlpha) run.done = true;
    return run;
  };
  return { run, advance };
}

/** A whole run in one call. */
export function tsRun(config: Partial<TsConfig>): TsRun {
  const sim = tsSim(config);
  return sim.advance(Number.MAX_SAFE_INTEGER);
}
