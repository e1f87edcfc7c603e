import { ConfigError, finite, positive, positiveInt } from '../../core/errors.ts';
import type { Dataset } from '../../core/model.ts';

/** The perceptron's decision function: φ(z) = 1 if z ≥ 0, else −1. */
export function phi(z: number): 1 | -1 {
  return z >= 0 ? 1 : -1;
}

/** Perceptron options: learning rate η, start w⁽⁰⁾ (bias first: w_0, w_1, …, w_k) and epochs. */
export interface PerceptronOptions {
  eta: number;
  /** Initial weights, length k + 1 (w_0 is the bias); default all zeros. */
  w0?: ArrayLike<number>;
  /** Passes over the data in its fixed order 0…n−1; default 20. */
  epochs?: number;
}

/**
 * A perceptron run. Row s (0 … rows−1) is the state after s presentations (one example per step,
 * whether or not it changed w). w is step-major: w_q at row s is w[s·(k+1) + q].
 * predictions[s·n + i] = φ(w⁽ˢ⁾ · x̃_i) for every training point i, with x̃ = (1, x).
 */
export interface PerceptronTrace {
  readonly k: number;
  readonly n: number;
  readonly eta: number;
  readonly rows: number;
  readonly w: Float64Array;
  readonly predictions: Int8Array;
  /** Example presented to reach row s (−1 for row 0). */
  readonly example: Int32Array;
  /** Number of updates with Δw ≠ 0 (misclassifications) in each epoch. */
  readonly errorsPerEpoch: Int32Array;
  readonly diverged: { step: number; message: string } | null;
}

/** Rosenblatt's rule on labels y ∈ {−1, +1}: ŷ = φ(w·x̃), Δw = η (y − ŷ) x̃, over epochs in a fixed order. */
export function trainPerceptron(data: Dataset, opts: PerceptronOptions): PerceptronTrace {
  const eta = positive('learning rate η', opts?.eta);
  const epochs = positiveInt('epochs', opts.epochs ?? 20);
  const { n, k, X, Y } = data;
  const K = k + 1;
  for (const y of Y) if (y !== 1 && y !== -1) throw new ConfigError('data Y', 'labels must be −1 or +1', y);
  const w = new Float64Array(K);
  if (opts.w0 !== undefined) {
    if (opts.w0.length !== K) throw new ConfigError('w0', `must have k + 1 = ${K} entries (bias first)`, opts.w0.length);
    for (let q = 0; q < K; q++) w[q] = finite('w0', opts.w0[q]);
  }
  const rows = epochs * n + 1;
  const W = new Float64Array(rows * K);
  const pred = new Int8Array(rows * n);
  const example = new Int32Array(rows).fill(-1);
  const errorsPerEpoch = new Int32Array(epochs);
  // w · x̃ with x̃ = (1, x_i)
  const dot = (i: number) => {
    let z = w[0];
    for (let q = 1; q < K; q++) z += w[q] * X[i * k + q - 1];
    return z;
  };
  const record = (s: number) => {
    W.set(w, s * K);
    for (let i = 0; i < n; i++) pred[s * n + i] = phi(dot(i));
  };
  /** One presentation of example i: ŷ = φ(w·x̃_i), then Rosenblatt's rule moves w; returns whether it moved (a mistake). */
  function update(i: number): boolean {
    const yhat = phi(dot(i));
    // Δw = η (y − ŷ) x̃: zero when the prediction is right, ±2η x̃ when it is wrong
    const c = eta * (Y[i] - yhat);
    if (c !== 0) {
      w[0] += c;
      for (let q = 1; q < K; q++) w[q] += c * X[i * k + q - 1];
    }
    return c !== 0;
  }
  record(0);
  for (let s = 1; s < rows; s++) {
    const i = (s - 1) % n;
    if (update(i)) {
      errorsPerEpoch[Math.floor((s - 1) / n)]++;
      if (!w.every(Number.isFinite)) {
        const cut = { w: W.slice(0, s * K), predictions: pred.slice(0, s * n), example: example.slice(0, s) };
        return { k, n, eta, rows: s, ...cut, errorsPerEpoch, diverged: { step: s, message: `diverged at step ${s}` } };
      }
    }
    example[s] = i;
    record(s);
  }
  return { k, n, eta, rows, w: W, predictions: pred, example, errorsPerEpoch, diverged: null };
}

/** Weight vector at row s (a view). */
export function perceptronWeightsAt(t: PerceptronTrace, s: number): Float64Array {
  return t.w.subarray(s * (t.k + 1), (s + 1) * (t.k + 1));
}

/** For each step, how many training points two runs predict differently (compares min(rows) steps). */
export function differingPredictions(a: PerceptronTrace, b: PerceptronTrace): Int32Array {
  if (a.n !== b.n) throw new ConfigError('runs', 'must be on data of the same size', `${a.n} vs ${b.n}`);
  const rows = Math.min(a.rows, b.rows);
  const out = new Int32Array(rows);
  for (let s = 0; s < rows; s++) {
    let c = 0;
    for (let i = 0; i < a.n; i++) if (a.predictions[s * a.n + i] !== b.predictions[s * b.n + i]) c++;
    out[s] = c;
  }
  return out;
}
