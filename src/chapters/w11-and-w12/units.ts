import { ConfigError, positiveInt } from '../../core/errors.ts';
import type { InitScheme } from '../../core/init.ts';
import type { Layout } from '../../core/layout.ts';
import type { Model } from '../../core/model.ts';
import { finalLoss, paramsAt } from '../../core/trace.ts';
import { train } from '../../core/train.ts';

/** p with hidden units a and b exchanged: column of W, hidden bias and row of W2 move together. */
export function swapUnits(L: Layout, p: Float64Array, a: number, b: number): Float64Array {
  if (!(a >= 0 && a < L.d && b >= 0 && b < L.d)) throw new ConfigError('units', `must be in 0…${L.d - 1}`, `${a}, ${b}`);
  const q = Float64Array.from(p);
  const swap = (x: number, y: number) => {
    q[x] = p[y];
    q[y] = p[x];
  };
  for (let i = 0; i < L.k; i++) swap(L.iW + i * L.d + a, L.iW + i * L.d + b);
  if (L.biases) swap(L.ib + a, L.ib + b);
  for (let o = 0; o < L.m; o++) swap(L.iW2 + a * L.m + o, L.iW2 + b * L.m + o);
  return q;
}

/** Largest |f(x; p) − f(x; q)| over the model's data: 0 when p and q compute the same function there. */
export function maxOutputDiff(model: Model, p: Float64Array, q: Float64Array): number {
  const n = model.data.n * model.layout.m;
  const a = model.predict(p, new Float64Array(n));
  const b = model.predict(q, new Float64Array(n));
  let worst = 0;
  for (let r = 0; r < n; r++) worst = Math.max(worst, Math.abs(a[r] - b[r]));
  return worst;
}

/** Euclidean norm of each parameter group: W (ESL α), b (α₀), W2 (β), b2 (β₀); 0 for an absent group. */
export function groupNorms(L: Layout, p: Float64Array): { W: number; b: number; W2: number; b2: number } {
  const norm = (from: number, to: number) => {
    let s = 0;
    for (let q = from; q < to; q++) s += p[q] * p[q];
    return Math.sqrt(s);
  };
  return {
    W: norm(L.iW, L.iW + L.k * L.d),
    b: L.biases ? norm(L.ib, L.ib + L.d) : 0,
    W2: norm(L.iW2, L.iW2 + L.d * L.m),
    b2: L.biases ? norm(L.ib2, L.ib2 + L.m) : 0,
  };
}

/** One seeded restart's outcome. */
export interface Restart {
  seed: number;
  /** Final full-data loss. */
  loss: number;
  /** Final parameters (a copy). */
  params: Float64Array;
  /** The run stopped early (its last finite state is kept). */
  diverged: boolean;
}

/** Trains the same model from `count` random starts, seeds first…first+count−1 (first = 1), by gradient descent. */
export function restartRuns(model: Model, opts: { count: number; steps: number; lr: number; init?: InitScheme; first?: number }): Restart[] {
  const count = positiveInt('restarts', opts.count);
  const first = positiveInt('first seed', opts.first ?? 1);
  const out: Restart[] = [];
  for (let seed = first; seed < first + count; seed++) {
    const t = train(model, { init: opts.init ?? { kind: 'normal', scale: 1 }, lr: opts.lr, steps: opts.steps, seed });
    out.push({ seed, loss: finalLoss(t), params: Float64Array.from(paramsAt(t, t.rows - 1)), diverged: t.diverged !== null });
  }
  return out;
}

/** What an all-zero start does after `steps` of gradient descent: each group's distance from 0, and symmetry. */
export interface ZeroStart {
  moved: { W: number; b: number; W2: number; b2: number };
  /** Every hidden unit still equals unit 0 (incoming and outgoing gaps exactly 0). */
  identical: boolean;
  loss0: number;
  loss: number;
  diverged: boolean;
}

/** Trains model from exactly zero weights and biases (ESL §11.5.1's start) and reports which groups moved. */
export function zeroStart(model: Model, steps: number, lr: number): ZeroStart {
  const t = train(model, { init: { kind: 'zero' }, lr, steps });
  const last = t.rows - 1;
  return {
    moved: groupNorms(t.layout, paramsAt(t, last)),
    identical: t.gapIn[last] === 0 && t.gapOut[last] === 0,
    loss0: t.loss[0],
    loss: t.loss[last],
    diverged: t.diverged !== null,
  };
}
