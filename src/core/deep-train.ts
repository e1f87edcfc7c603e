import { deepBackward, deepForward, deepNet, initDeep, type DeepAct, type DeepNet } from './deep.ts';
import { ConfigError, positive, positiveInt } from './errors.ts';
import { makeRng, shuffleInPlace, type Rng } from './random.ts';

/** Examples for a deep net: X is n × n_0 and Y is n × n_L, row-major. */
export interface DeepData {
  readonly n: number;
  readonly X: Float64Array;
  readonly Y: Float64Array;
}

/** Mini-batch SGD on L = (1/B) Σ_batch ½‖ŷ − y‖², with every buffer allocated once, by deepTrainer. */
export interface DeepTrainer {
  readonly net: DeepNet;
  /** The gradient of the last step or lossGrad. */
  readonly g: Float64Array;
  /** Loss and gradient (into g) on examples idx[from, from + B). */
  lossGrad(p: Float64Array, idx: Int32Array, from: number, B: number): number;
  /** One SGD step on the next mini-batch of a shuffled pass (reshuffled each epoch); returns the batch's loss. */
  step(p: Float64Array, lr: number, batch: number): number;
  /** The loss over all n examples (in chunks of the net's batch size). */
  loss(p: Float64Array): number;
}

/** Allocates the trainer's buffers for `net` on `data`; `rng` shuffles the examples each epoch. */
export function deepTrainer(net: DeepNet, data: DeepData, rng: Rng): DeepTrainer {
  const n0 = net.widths[0], nL = net.widths[net.widths.length - 1], Bmax = net.maxBatch;
  positiveInt('examples n', data?.n);
  if (data.X.length !== data.n * n0 || data.Y.length !== data.n * nL) throw new ConfigError('data', `must be ${data.n} × ${n0} inputs and ${data.n} × ${nL} targets`, [data.X.length, data.Y.length]);
  const Xb = new Float64Array(Bmax * n0), Yb = new Float64Array(Bmax * nL), dOut = new Float64Array(Bmax * nL);
  const g = new Float64Array(net.size);
  const order = Int32Array.from({ length: data.n }, (_, i) => i);
  const all = Int32Array.from({ length: data.n }, (_, i) => i);
  let next = data.n; // past the end: the first step shuffles

  function gather(idx: Int32Array, from: number, B: number): void {
    for (let e = 0; e < B; e++) {
      const i = idx[from + e];
      // Index loops, not subarray(): a view is an allocation, and this runs for every example of every step.
      for (let k = 0; k < n0; k++) Xb[e * n0 + k] = data.X[i * n0 + k];
      for (let k = 0; k < nL; k++) Yb[e * nL + k] = data.Y[i * nL + k];
    }
  }
  function forwardLoss(p: Float64Array, B: number): number {
    const out = deepForward(net, p, Xb, B);
    let L = 0;
    for (let q = 0; q < B * nL; q++) {
      const r = out[q] - Yb[q];
      L += 0.5 * r * r;
      dOut[q] = r / B; // ∂L/∂ŷ of the batch mean
    }
    return L / B;
  }
  function lossGrad(p: Float64Array, idx: Int32Array, from: number, B: number): number {
    gather(idx, from, B);
    const L = forwardLoss(p, B);
    deepBackward(net, p, Xb, B, dOut, g);
    return L;
  }
  return {
    net, g, lossGrad,
    step(p, lr, batch) {
      if (!Number.isInteger(batch) || batch < 1 || batch > Math.min(Bmax, data.n)) throw new ConfigError('batch size', `must be an integer from 1 to ${Math.min(Bmax, data.n)}`, batch);
      positive('learning rate', lr);
      if (next + batch > data.n) {
        shuffleInPlace(order, rng);
        next = 0;
      }
      const L = lossGrad(p, order, next, batch);
      next += batch;
      for (let q = 0; q < p.length; q++) p[q] -= lr * g[q];
      return L;
    },
    loss(p) {
      let sum = 0;
      for (let from = 0; from < data.n; from += Bmax) {
        const B = Math.min(Bmax, data.n - from);
        gather(all, from, B);
        sum += forwardLoss(p, B) * B;
      }
      return sum / data.n;
    },
  };
}

/** TensorFlow Playground's default setting: 2 inputs, two hidden layers of 8, one linear output, batch 10, rate 0.03. */
export const PLAYGROUND = { widths: [2, 8, 8, 1], batch: 10, lr: 0.03, n: 250 } as const;

/** Playground-style two circles: label +1 within radius 2.5 of the origin, −1 in the ring from 3.5 to 5 (no noise). */
export function circleData(n: number, rng: Rng): DeepData {
  const X = new Float64Array(2 * n), Y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const inside = i % 2 === 0;
    const r = inside ? 2.5 * rng.uniform() : 3.5 + 1.5 * rng.uniform();
    const a = 2 * Math.PI * rng.uniform();
    X[2 * i] = r * Math.cos(a);
    X[2 * i + 1] = r * Math.sin(a);
    Y[i] = inside ? 1 : -1;
  }
  return { n, X, Y };
}

/**
 * `steps` SGD steps in Playground's setting (tanh or ReLU hidden layers, Glorot-sized normal weights, zero
 * biases) on circleData, by default on its default layers; returns the final loss over the data. What `npm run bench` times.
 */
export function playgroundRun(act: Extract<DeepAct, 'tanh' | 'relu'>, steps: number, seed = 1, widths: readonly number[] = PLAYGROUND.widths): number {
  const rng = makeRng(seed);
  const data = circleData(PLAYGROUND.n, rng);
  const net = deepNet(widths, act, PLAYGROUND.batch);
  const p = initDeep(net, new Float64Array(net.size), rng, (_l, a, b) => 2 / (a + b));
  const t = deepTrainer(net, data, rng);
  for (let s = 0; s < steps; s++) t.step(p, PLAYGROUND.lr, PLAYGROUND.batch);
  return t.loss(p);
}
