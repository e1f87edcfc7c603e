import { ConfigError, oneOf, positive, positiveInt } from './errors.ts';
import { initParams, type InitScheme } from './init.ts';
import { gapIn, gapOut, type Layout } from './layout.ts';
import { fullBatch, type Model } from './model.ts';
import { checkSeed, deriveSeed, makeRng, shuffleInPlace } from './random.ts';

/** Training options. Exactly one of steps (default 300) or epochs decides the length. */
export interface TrainOptions {
  /** Initial parameters: a scheme, or an explicit flat vector of layout.size numbers. */
  init: InitScheme | Float64Array;
  /** 'gd' = full-batch gradient descent (default); 'sgd' = mini-batches in a seeded order. */
  optimizer?: 'gd' | 'sgd';
  /** Learning rate η (default 0.05). */
  lr?: number;
  /** Number of update steps. */
  steps?: number;
  /** SGD only: number of passes over the data; steps = epochs · ⌈n / batchSize⌉. */
  epochs?: number;
  /** SGD batch size (default 1). */
  batchSize?: number;
  /** Seed for the initialisation (default 1); the SGD order uses a seed derived from it. */
  seed?: number;
  /** SGD: reshuffle the data at each epoch (default true); false keeps the order 0…n−1. */
  shuffle?: boolean;
  /**
   * 'full' records the full-data loss and gradient norms at every state (free for gd, costs a full pass
   * per step for sgd); 'batch' records those of the batch each SGD step used (the last row is always
   * full-data). Default: 'full' for gd, 'batch' for sgd, so default SGD runs stay O(steps · batch).
   */
  monitor?: 'full' | 'batch';
}

/** Set when a run stops early: state `step` was non-finite or its loss exceeded LOSS_BOUND. */
export interface Diverged {
  step: number;
  message: string;
}

/**
 * A training run. Row s (s = 0 … rows−1) is the state after s updates. params is step-major:
 * parameter q at row s is params[s·nParams + q] (see Layout for q). All arrays hold finite numbers only.
 */
export interface Trace {
  readonly model: string;
  readonly layout: Layout;
  readonly nParams: number;
  /** Recorded states: steps + 1, or fewer if the run diverged. */
  readonly rows: number;
  readonly params: Float64Array;
  /** Loss at each state (full data, or the batch with monitor 'batch'). */
  readonly loss: Float64Array;
  /** ‖∇L‖ over all parameters, at each state. */
  readonly gradNorm: Float64Array;
  /** ‖∇L‖ over the first layer (W and b). */
  readonly gradNormIn: Float64Array;
  /** ‖∇L‖ over the second layer (W2 and b2). */
  readonly gradNormOut: Float64Array;
  /** Largest distance between hidden units' incoming vectors (weights + bias). */
  readonly gapIn: Float64Array;
  /** Largest distance between hidden units' outgoing vectors. */
  readonly gapOut: Float64Array;
  readonly diverged: Diverged | null;
}

/** A loss above this counts as divergence: far beyond any chapter's data scale, far below overflow. */
export const LOSS_BOUND = 1e12;

/** Builds the initial parameters for a model from a scheme or explicit vector (seeded). */
export function startParams(model: Model, init: InitScheme | Float64Array, seed: number): Float64Array {
  const L = model.layout;
  if (init instanceof Float64Array) {
    if (init.length !== L.size) throw new ConfigError('init', `vector must have ${L.size} entries`, init.length);
    for (const v of init) if (!Number.isFinite(v)) throw new ConfigError('init', 'vector must be finite', v);
    return Float64Array.from(init);
  }
  return initParams(L, init, makeRng(seed));
}

/** Trains model and returns the per-step trace; same model, options and seed ⇒ bitwise-identical trace. */
export function train(model: Model, opts: TrainOptions): Trace {
  const L = model.layout;
  const n = model.data.n;
  const P = L.size;
  const optimizer = oneOf('optimizer', opts.optimizer ?? 'gd', ['gd', 'sgd'] as const);
  const lr = positive('learning rate η', opts.lr ?? 0.05);
  const seed = checkSeed('seed', opts.seed ?? 1);
  const B = optimizer === 'gd' ? n : positiveInt('batch size', opts.batchSize ?? 1);
  if (B > n) throw new ConfigError('batch size', `must be at most the number of examples n = ${n}`, B);
  const perEpoch = Math.ceil(n / B);
  if (opts.epochs !== undefined && opts.steps !== undefined) throw new ConfigError('steps', 'cannot be given together with epochs', opts.steps);
  const steps = opts.epochs !== undefined ? positiveInt('epochs', opts.epochs) * perEpoch : positiveInt('steps', opts.steps ?? 300);
  const shuffle = opts.shuffle ?? true;
  const full = oneOf('monitor', opts.monitor ?? (optimizer === 'gd' ? 'full' : 'batch'), ['full', 'batch'] as const) === 'full';

  const p = startParams(model, opts.init, seed);
  const rows = steps + 1;
  const T = {
    params: new Float64Array(rows * P), loss: new Float64Array(rows), gradNorm: new Float64Array(rows),
    gradNormIn: new Float64Array(rows), gradNormOut: new Float64Array(rows),
    gapIn: new Float64Array(rows), gapOut: new Float64Array(rows),
  };
  const g = new Float64Array(P);
  const gm = full && optimizer === 'sgd' ? new Float64Array(P) : g; // monitor gradient
  const all = fullBatch(n);
  const order = fullBatch(n);
  const orderRng = makeRng(deriveSeed(seed, 0x5eed));
  let diverged: Diverged | null = null;
  let kept = rows;

  for (let s = 0; s <= steps; s++) {
    // Which batch would step s use (the last state takes none: it is measured on the full data).
    const e = s % perEpoch;
    if (optimizer === 'sgd' && e === 0 && shuffle && s < steps) shuffleInPlace(order, orderRng);
    const from = e * B;
    const count = optimizer === 'gd' || s === steps ? n : Math.min(B, n - from);
    const idx = optimizer === 'gd' || s === steps ? all : order;
    const at = optimizer === 'gd' || s === steps ? 0 : from;
    const separate = full && optimizer === 'sgd' && s < steps;
    const mon = separate ? gm : g;
    const loss = separate ? model.lossGrad(p, gm, all, 0, n) : model.lossGrad(p, g, idx, at, count);
    if (separate) model.lossGrad(p, g, idx, at, count);
    // Record state s, unless it is not finite or too large.
    let ok = Number.isFinite(loss) && loss <= LOSS_BOUND;
    let nIn = 0;
    let nOut = 0;
    for (let q = 0; q < P; q++) {
      const v = mon[q] * mon[q];
      if (q < L.iW2) nIn += v;
      else nOut += v;
      if (!Number.isFinite(p[q])) ok = false;
    }
    if (!ok || !Number.isFinite(nIn + nOut)) {
      diverged = { step: s, message: `diverged at step ${s}` };
      kept = s;
      break;
    }
    T.params.set(p, s * P);
    T.loss[s] = loss;
    T.gradNormIn[s] = Math.sqrt(nIn);
    T.gradNormOut[s] = Math.sqrt(nOut);
    T.gradNorm[s] = Math.sqrt(nIn + nOut);
    T.gapIn[s] = gapIn(L, p);
    T.gapOut[s] = gapOut(L, p);
    if (s === steps) break;
    // The update: θ ← θ − η ∇L(θ)
    for (let q = 0; q < P; q++) p[q] -= lr * g[q];
  }
  const cut = <A extends Float64Array>(a: A, w: number) => (kept === rows ? a : (a.slice(0, kept * w) as A));
  return {
    model: model.name, layout: L, nParams: P, rows: kept, params: cut(T.params, P), loss: cut(T.loss, 1),
    gradNorm: cut(T.gradNorm, 1), gradNormIn: cut(T.gradNormIn, 1), gradNormOut: cut(T.gradNormOut, 1),
    gapIn: cut(T.gapIn, 1), gapOut: cut(T.gapOut, 1), diverged,
  };
}
