// Weight decay from untied starts: does a pair that starts far apart end on a tie, on a sign-flipped tie, or apart?
import { makeRng } from '../../core/random.ts';
import { SETUP } from './mechanisms.ts';
import { size, unitGap, type Shape } from './net.ts';
import { decayedGrad, RETIE, unit } from './retie.ts';

/** The untied runs: `starts` seeded draws with every parameter N(0, 0.7²), at the re-tie runs' η. */
export const UNTIED = { starts: 5, scale: 0.7, seed: 13, tieGap: 1e-8 } as const;
const shape: Shape = { k: SETUP.k, d: SETUP.d };

/** The untied starts, every parameter an independent seeded N(0, 0.7²). */
export function untiedStarts(): Float64Array[] {
  const rng = makeRng(UNTIED.seed);
  return Array.from({ length: UNTIED.starts }, () => Float64Array.from({ length: size(shape) }, () => UNTIED.scale * rng.normal()));
}

/** Distance from unit 1 to the negative of unit 0: tanh is odd, so (w, b, v) and (−w, −b, −v) compute the same v·tanh(w·x + b). */
export function flipGap(p: ArrayLike<number>): number {
  const [a, b] = [unit(0), unit(1)];
  return Math.sqrt(a.reduce((s, q, i) => s + (p[b[i]] + p[q]) ** 2, 0));
}

/** The size of unit j's (w, b, v): a unit that dies ends with this near 0. */
export const unitNorm = (p: ArrayLike<number>, j: number) => Math.hypot(...unit(j).map((q) => p[q]));

/** How an untied run ends: on the tie, on the sign-flipped tie, apart, or diverged. */
export type UntiedVerdict = 'tie' | 'flipped tie' | 'apart' | 'diverged';
/** One untied run: the distance to the nearer tie every `every` steps, the end's gaps and unit sizes, and the verdict. */
export interface UntiedRun { trace: { step: number; gap: number; flip: number }[]; gap: number; flip: number; smallestUnit: number; verdict: UntiedVerdict }

/** Trains one untied start with weight decay γ for `steps` steps of η = RETIE.lr, sampling every `every` steps. */
export function untiedRun(gamma: number, p0: Float64Array, steps: number, every = 10): UntiedRun {
  const grad = decayedGrad(gamma), p = p0.slice(), g = new Float64Array(p.length);
  const trace = [{ step: 0, gap: unitGap(shape, p), flip: flipGap(p) }];
  for (let t = 1; t <= steps; t++) {
    grad(p, g);
    for (let q = 0; q < p.length; q++) p[q] -= RETIE.lr * g[q];
    if (t % every === 0 || t === steps) {
      const gap = unitGap(shape, p), flip = flipGap(p);
      if (!Number.isFinite(gap + flip) || gap > 1e6) return { trace, gap, flip, smallestUnit: NaN, verdict: 'diverged' };
      trace.push({ step: t, gap, flip });
    }
  }
  const { gap, flip } = trace.at(-1)!;
  const verdict = gap < UNTIED.tieGap ? 'tie' : flip < UNTIED.tieGap ? 'flipped tie' : 'apart';
  return { trace, gap, flip, smallestUnit: Math.min(unitNorm(p, 0), unitNorm(p, 1)), verdict };
}
