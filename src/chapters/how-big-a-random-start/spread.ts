import { deepBackward, deepForward, deepNet, initDeep } from '../../core/deep.ts';
import { makeRng } from '../../core/random.ts';
import { firstOutside, predictSpread, ruleVariance, type PHI, type Rule } from './rules.ts';

/** One layer of a spread measurement: root-mean-square and quantiles of |z| and of |∂L/∂z|, and the theory's RMS. */
export interface LayerSpread {
  layer: number;
  zRms: number; zQ10: number; zQ25: number; zQ50: number; zQ75: number; zQ90: number;
  /** Null when the forward pass overflowed, so no gradient was run. */
  gRms: number | null; gQ10: number | null; gQ25: number | null; gQ50: number | null; gQ75: number | null; gQ90: number | null;
  /** The theory's RMS, null where it overflows (a σ² so large that q is beyond the doubles). */
  zTheory: number | null;
  gTheory: number | null;
}

/** What a spread run measured, and where the signal left the window [1e-3, 1e3] or overflowed. */
export interface Spread {
  layers: LayerSpread[];
  /** First layer whose activations leave [1e-3, 1e3] in RMS, or null. */
  forwardOut: number | null;
  /** How many layers, counted down from the output, until the gradient's RMS leaves [1e-3, 1e3], or null. */
  backwardOut: number | null;
  /** First layer whose pre-activations are not finite (then nothing from it on is measured), or null. */
  overflow: number | null;
  /** The topmost layer (closest to the output) whose gradient is not finite (then no gradient is shown), or null. */
  gradOverflow: number | null;
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** The q-quantile of sorted values, interpolated linearly. */
export function quantile(sorted: Float64Array, q: number): number {
  const at = q * (sorted.length - 1), i = Math.floor(at), f = at - i;
  return i + 1 < sorted.length ? sorted[i] * (1 - f) + sorted[i + 1] * f : sorted[i];
}

function stats(v: Float64Array): [number, number, number, number, number, number] {
  const a = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) a[i] = Math.abs(v[i]);
  a.sort();
  // Scaled by the largest |v| so that squaring cannot overflow a signal of 1e200.
  const m = a[a.length - 1] || 1;
  let s = 0;
  for (const x of v) s += (x / m) ** 2;
  return [m * Math.sqrt(s / v.length), quantile(a, 0.1), quantile(a, 0.25), quantile(a, 0.5), quantile(a, 0.75), quantile(a, 0.9)];
}

/** Settings of a spread run: L layers of n units (the last one linear), inputs x ~ N(0, I), a batch of B. */
export interface SpreadSpec { L: number; n: number; act: keyof typeof PHI; rule: Rule; sigma2: number; biasVariance: number; B: number; seed: number }

/**
 * Draws one network, runs a batch of standard normal inputs forward and a random output gradient u ~ N(0, I)
 * backward (the loss uᵀŷ), and measures every layer against predictSpread.
 */
export function measureSpread(s: SpreadSpec): Spread {
  const widths = Array.from({ length: s.L + 1 }, () => s.n);
  const net = deepNet(widths, s.act, s.B);
  const rng = makeRng(s.seed);
  const p = initDeep(net, new Float64Array(net.size), rng, (_l, a, b) => ruleVariance(s.rule, a, b, s.sigma2), s.biasVariance);
  const X = Float64Array.from({ length: s.n * s.B }, rng.normal);
  const dOut = Float64Array.from({ length: s.n * s.B }, rng.normal);
  deepForward(net, p, X, s.B);
  const bad = net.z.findIndex((z) => z.some((v) => !Number.isFinite(v)));
  const overflow = bad < 0 ? null : bad + 1;
  if (overflow === null) deepBackward(net, p, X, s.B, dOut, new Float64Array(net.size));
  const badG = overflow === null ? net.dz.findLastIndex((d) => d.some((v) => !Number.isFinite(v))) : -1;
  const gradOverflow = badG < 0 ? null : badG + 1;
  const gradOk = overflow === null && gradOverflow === null;
  const theory = predictSpread(widths, widths.slice(1).map((b, l) => ruleVariance(s.rule, widths[l], b, s.sigma2)), s.act, 1, s.biasVariance);
  const layers: LayerSpread[] = [];
  for (let l = 0; l < (overflow ?? s.L + 1) - 1; l++) {
    const [zRms, zQ10, zQ25, zQ50, zQ75, zQ90] = stats(net.z[l]);
    const [gRms, gQ10, gQ25, gQ50, gQ75, gQ90] = gradOk ? stats(net.dz[l]) : [null, null, null, null, null, null];
    layers.push({ layer: l + 1, zRms, zQ10, zQ25, zQ50, zQ75, zQ90, gRms, gQ10, gQ25, gQ50, gQ75, gQ90, zTheory: finiteOrNull(Math.sqrt(theory.q[l])), gTheory: finiteOrNull(Math.sqrt(theory.g[l])) });
  }
  // Gradients are seeded at the output (RMS 1 there) and read downwards: their exit is counted from the top.
  const down = gradOk ? firstOutside(layers.map((r) => r.gRms!).reverse()) : null;
  return {
    layers,
    forwardOut: firstOutside(layers.map((r) => r.zRms)),
    backwardOut: down,
    overflow,
    gradOverflow,
  };
}
