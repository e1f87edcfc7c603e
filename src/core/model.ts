import { ConfigError } from './errors.ts';
import type { Layout } from './layout.ts';

/** A training set: n examples, X (n×k, row-major) inputs, Y (n×m, row-major) targets. */
export interface Dataset {
  readonly n: number;
  readonly k: number;
  readonly m: number;
  readonly X: Float64Array;
  readonly Y: Float64Array;
}

/** What the trainer needs from a model: its layout and a hand-derived loss-and-gradient. */
export interface Model {
  /** Short name, e.g. "linear", "mlp", "esl", "quiz". */
  readonly name: string;
  readonly layout: Layout;
  readonly data: Dataset;
  /**
   * Mean loss over the examples idx[from], …, idx[from+count−1] at parameters p;
   * overwrites g with the gradient of that mean. Allocates nothing.
   */
  lossGrad(p: Float64Array, g: Float64Array, idx: Int32Array, from: number, count: number): number;
  /** Writes the network output for every example (n×m, row-major) into out. */
  predict(p: Float64Array, out: Float64Array): Float64Array;
  /** Writes example i's hidden pre-activations z (length d) into out, when the network has them. */
  preActivations?(p: Float64Array, i: number, out: Float64Array): Float64Array;
}

/** Checks that data has n > 0 examples, the expected shapes and only finite numbers. */
export function checkData(data: Dataset, k: number, m: number): Dataset {
  if (!data || !(data.X instanceof Float64Array) || !(data.Y instanceof Float64Array)) {
    throw new ConfigError('data', 'must have Float64Array X and Y', data && typeof data);
  }
  const { n } = data;
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError('data n', 'must be a positive integer', n);
  if (data.k !== k) throw new ConfigError('data k', `must equal the network's inputs k = ${k}`, data.k);
  if (data.m !== m) throw new ConfigError('data m', `must equal the network's outputs m = ${m}`, data.m);
  if (data.X.length !== n * k) throw new ConfigError('data X', `must have n·k = ${n * k} entries`, data.X.length);
  if (data.Y.length !== n * m) throw new ConfigError('data Y', `must have n·m = ${n * m} entries`, data.Y.length);
  for (const v of data.X) if (!Number.isFinite(v)) throw new ConfigError('data X', 'must be finite', v);
  for (const v of data.Y) if (!Number.isFinite(v)) throw new ConfigError('data Y', 'must be finite', v);
  return data;
}

/** The identity order 0, 1, …, n−1 (a full batch). */
export function fullBatch(n: number): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  return idx;
}

/** Mean loss and gradient over the whole data set (convenience wrapper over lossGrad). */
export function fullLossGrad(model: Model, p: Float64Array, g = new Float64Array(model.layout.size)): { loss: number; grad: Float64Array } {
  const loss = model.lossGrad(p, g, fullBatch(model.data.n), 0, model.data.n);
  return { loss, grad: g };
}

/** What a chapter writes for its network: forward and backward for one example, in its own notation. */
export interface Network {
  /** Runs example i forward at parameters p, keeping what backward needs; returns example i's loss. */
  forward(p: Float64Array, i: number): number;
  /** Right after forward(p, i): adds example i's gradient of its loss into g. */
  backward(p: Float64Array, i: number, g: Float64Array): void;
  /** Right after forward(p, i): writes the network's outputs for example i into row i of out. */
  output(out: Float64Array, i: number): void;
  /** Right after forward(p, i): the hidden pre-activations z (length d) it computed, for kink checks. */
  hidden?(out: Float64Array): void;
}

/** A Model from a network's forward and backward: the batch loop, zeroing, the 1/count and predict, written once. */
export function defineModel(name: string, layout: Layout, data: Dataset, net: Network): Model {
  return {
    name,
    layout,
    data,
    lossGrad(p, g, idx, from, count) {
      g.fill(0);
      let loss = 0;
      for (let t = from; t < from + count; t++) {
        loss += net.forward(p, idx[t]);
        net.backward(p, idx[t], g);
      }
      const inv = 1 / count;
      for (let q = 0; q < g.length; q++) g[q] *= inv;
      return loss * inv;
    },
    predict(p, out) {
      for (let i = 0; i < data.n; i++) {
        net.forward(p, i);
        net.output(out, i);
      }
      return out;
    },
    preActivations: net.hidden && ((p, i, out) => {
      net.forward(p, i);
      net.hidden!(out);
      return out;
    }),
  };
}
