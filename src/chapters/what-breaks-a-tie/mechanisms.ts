// Every candidate tie-breaker, run from the same start, with the verdict read off the run bit for bit.
import type { ActivationName } from '../../core/activations.ts';
import { regressionData } from '../../core/datasets.ts';
import type { Dataset } from '../../core/model.ts';
import { makeRng, shuffleInPlace } from '../../core/random.ts';
import { act } from './act.ts';
import { at, lossGrad, size, unitGap, unitsTied, type Batch, type Shape } from './net.ts';
import { checkSettings, type TieSettings } from './settings.ts';
import type { Precision, SumOrder } from './sums.ts';

/** The mechanisms, in the grid's order. */
export const MECHANISMS = ['gd', 'random', 'dropout', 'sgd', 'momentum', 'adam', 'decay', 'label', 'input', 'unit32', 'blocked64', 'blocked32', 'pairwise64', 'pairwise32', 'shared64'] as const;
/** One mechanism. */
export type Mechanism = (typeof MECHANISMS)[number];
/** What each mechanism is called on the page: with settings, their values; without, the settings' names (for a select that outlives them). */
export function mechanismName(m: Mechanism, s?: TieSettings): string {
  const v = (name: string, x: number | undefined) => (x === undefined ? name : `${name} = ${x}`);
  switch (m) {
    case 'gd': return 'plain gradient descent';
    case 'random': return 'random init (σ = 0.01)';
    case 'dropout': return `dropout, ${v('rate p', s?.dropout)}`;
    case 'sgd': return `SGD, batch ${SETUP.batch}, reshuffled`;
    case 'momentum': return `momentum ${SETUP.beta}`;
    case 'adam': return s ? `Adam, step ${+adamStep(s.lr).toPrecision(6)}` : 'Adam, step η/5';
    case 'decay': return `weight decay, ${v('γ', s?.decay)}`;
    case 'label': return `label noise, ${v('σ', s?.noise)}`;
    case 'input': return `input noise, ${v('σ', s?.noise)}`;
    case 'unit32': return 'per-unit sums, float32';
    case 'shared64': return 'one parameter used twice, blocked sums, float64';
    default: return `${m.startsWith('blocked') ? 'blocked' : 'pairwise'} sums, float${m.slice(-2)}`;
  }
}
/** The grid's activations and starts. */
export const TIE_ACTS = ['tanh', 'sigmoid', 'relu', 'identity'] as const satisfies readonly ActivationName[];
/** The two starts: identical non-zero units, or every parameter 0. */
export const STARTS = ['tied', 'zero'] as const;
/** One start. */
export type Start = (typeof STARTS)[number];

/** The setup every run shares: chapter 2's tanh-teacher data (32 examples, 2 inputs), two hidden units; lr … noise are the grid's default settings. */
export const SETUP = { n: 32, k: 2, d: 2, lr: 0.05, adamLr: 0.01, steps: 300, dropout: 0.5, batch: 4, beta: 0.9, decay: 0.01, noise: 0.1, seed: 7 } as const;
/** Adam's step for learning rate η: SETUP.adamLr scaled with η (exactly SETUP.adamLr at the default, as lr / lr = 1). */
export const adamStep = (lr: number) => SETUP.adamLr * (lr / SETUP.lr);

/** Units as one parameter used twice: each unit's gradient becomes the sum of every use's, g₁ + g₂, as a framework sums a parameter's uses. */
export function shareUnits(s: Shape, g: Float64Array): void {
  const slots = (j: number) => [...Array.from({ length: s.k }, (_, l) => at.w(s, j, l)), at.b(s, j), at.v(s, j)];
  const first = slots(0);
  for (let q = 0; q < first.length; q++) {
    let sum = 0;
    for (let j = 0; j < s.d; j++) sum += g[slots(j)[q]];
    for (let j = 0; j < s.d; j++) g[slots(j)[q]] = sum;
  }
}
/** The data: 32 Gaussian inputs in two dimensions, labelled by a committee of two teacher units, y = tanh(x₁) + tanh(x₂). */
export function tieData(): Dataset {
  const th = act('tanh').f;
  const { X, n, k } = regressionData({ n: SETUP.n, k: SETUP.k, seed: 1 });
  return { n, k, m: 1, X, Y: Float64Array.from({ length: n }, (_, i) => th(X[i * k]) + th(X[i * k + 1])) };
}

/** The start: both units equal to one seeded draw (w ~ N(0, 0.5²), b, v likewise), or all zero; `random` adds independent N(0, 0.01²) per unit. */
export function startParams(s: Shape, start: Start, random = false): Float64Array {
  const p = new Float64Array(size(s));
  const rng = makeRng(SETUP.seed);
  const shared = Float64Array.from({ length: s.k + 2 }, () => 0.5 * rng.normal());
  for (let j = 0; j < s.d; j++) {
    if (start === 'tied') {
      for (let l = 0; l < s.k; l++) p[at.w(s, j, l)] = shared[l];
      p[at.b(s, j)] = shared[s.k];
      p[at.v(s, j)] = shared[s.k + 1];
    }
    if (random) for (const q of [...Array.from({ length: s.k }, (_, l) => at.w(s, j, l)), at.b(s, j), at.v(s, j)]) p[q] += 0.01 * rng.normal();
  }
  return p;
}

/** A run's verdict: stuck (no unit parameter ever changed), tied (changed, units bitwise equal throughout), broken at a step, or diverged. */
export interface Verdict { verdict: 'stuck' | 'tied' | 'broken' | 'diverged'; split: number | null; steps: number; label: string }
/** One recorded run: the verdict, per state the loss and the gap between the units (finite values only), and the step it diverged at. */
export interface MechanismRun extends Verdict { loss: number[]; gap: number[]; diverged: number | null }

/**
 * Runs one mechanism from one start with the grid's settings (SETUP's where not given) and classifies it. A run whose
 * loss, parameters or gap stop being finite ends there as diverged, whatever it did before.
 */
export function runMechanism(act: ActivationName, start: Start, mech: Mechanism, settings: Partial<TieSettings> = {}): MechanismRun {
  const { lr, steps, dropout, decay, noise } = checkSettings(settings, SETUP);
  const data = tieData();
  const s: Shape = { k: SETUP.k, d: SETUP.d };
  const P = size(s);
  const p = startParams(s, start, mech === 'random');
  const p0 = p.slice();
  const rng = makeRng(SETUP.seed + 1);
  const g = new Float64Array(P), mom = new Float64Array(P), sq = new Float64Array(P);
  const all = Int32Array.from({ length: data.n }, (_, i) => i);
  const order = Int32Array.from(all);
  const arith: { order: SumOrder; precision: Precision } = mech.startsWith('blocked') || mech === 'shared64' ? { order: 'blocked', precision: mech.endsWith('32') ? 'f32' : 'f64' }
    : mech.startsWith('pairwise') ? { order: 'pairwise', precision: mech.endsWith('32') ? 'f32' : 'f64' } : { order: 'unit', precision: mech === 'unit32' ? 'f32' : 'f64' };
  const gap: number[] = [unitGap(s, p)], loss: number[] = [];
  let split: number | null = unitsTied(s, p) ? null : 0;
  let moved = false, diverged: number | null = null;
  const adamLr = adamStep(lr);
  // Adam's bias corrections as running products: ** may round differently between engines.
  let c1 = 1, c2 = 1;
  for (let t = 1; t <= steps; t++) {
    c1 *= 0.9;
    c2 *= 0.999;
    const B: Batch = { X: data.X, Y: data.Y, rows: all, ...arith };
    if (mech === 'sgd') {
      const e = ((t - 1) * SETUP.batch) % data.n;
      if (e === 0) shuffleInPlace(order, rng);
      B.rows = order.subarray(e, e + SETUP.batch);
    }
    if (mech === 'dropout') B.mask = Float64Array.from({ length: data.n * s.d }, () => (rng.uniform() < dropout ? 0 : 1 / (1 - dropout)));
    if (mech === 'label') B.Y = Float64Array.from(data.Y, (y) => y + noise * rng.normal());
    if (mech === 'input') B.X = Float64Array.from(data.X, (x) => x + noise * rng.normal());
    const l = lossGrad(act, s, p, B, g);
    if (mech === 'shared64') shareUnits(s, g);
    if (mech === 'decay') for (let q = 0; q < P; q++) g[q] += decay * p[q];
    for (let q = 0; q < P; q++) {
      if (mech === 'momentum') p[q] -= lr * (mom[q] = SETUP.beta * mom[q] + g[q]);
      else if (mech === 'adam') {
        mom[q] = 0.9 * mom[q] + 0.1 * g[q];
        sq[q] = 0.999 * sq[q] + 0.001 * g[q] * g[q];
        p[q] -= (adamLr * mom[q] / (1 - c1)) / (Math.sqrt(sq[q] / (1 - c2)) + 1e-8);
      } else p[q] -= lr * g[q];
    }
    const u = unitGap(s, p);
    if (!Number.isFinite(l) || !Number.isFinite(u) || !p.every(Number.isFinite)) { diverged = t; break; }
    loss.push(l);
    if (!moved) for (let q = 0; q < at.c(s); q++) if (!Object.is(p[q], p0[q])) moved = true;
    if (split === null && !unitsTied(s, p)) split = t;
    gap.push(u);
  }
  const verdict = diverged !== null ? 'diverged' : split !== null ? 'broken' : moved ? 'tied' : 'stuck';
  const label = verdict === 'diverged' ? `diverged@${diverged}` : verdict === 'broken' ? `split@${split}` : verdict;
  return { verdict, split, steps: gap.length - 1, label, loss, gap, diverged };
}
