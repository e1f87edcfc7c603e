import { ConfigError, oneOf, positiveInt } from './errors.ts';
import type { Rng } from './random.ts';

/** The activations a deep layer may use: `identity` gives a linear layer (the usual output layer). */
export const DEEP_ACTS = ['identity', 'tanh', 'relu', 'sigmoid'] as const;
/** One of DEEP_ACTS. */
export type DeepAct = (typeof DEEP_ACTS)[number];

/**
 * A multi-layer perceptron of any depth: layer l maps n_l inputs to n_{l+1} units, z = W h + b, h' = φ_l(z).
 * Parameters live in one flat Float64Array (W_l row-major, n_{l+1} × n_l, then b_l, layer after layer);
 * every buffer for a batch of up to `maxBatch` examples is allocated once, here, so a step allocates nothing.
 */
export interface DeepNet {
  readonly widths: readonly number[];
  readonly acts: readonly DeepAct[];
  /** Number of parameters. */
  readonly size: number;
  /** Offset of W_l and of b_l in the parameter vector. */
  readonly wAt: readonly number[];
  readonly bAt: readonly number[];
  readonly maxBatch: number;
  /** Pre-activations z_l and outputs h_l of layer l (B × n_{l+1}, row-major); h[-1] is the input. */
  readonly z: Float64Array[];
  readonly h: Float64Array[];
  /** ∂L/∂z_l, filled by backward. */
  readonly dz: Float64Array[];
}

/** Builds the net for widths [n_0, …, n_L] and one activation per layer (or one for all hidden layers, identity out). */
export function deepNet(widths: readonly number[], acts: readonly DeepAct[] | DeepAct, maxBatch: number): DeepNet {
  if (!Array.isArray(widths) || widths.length < 2) throw new ConfigError('layer widths', 'must list at least an input and an output width', widths);
  widths.forEach((n, l) => positiveInt(`width of layer ${l}`, n));
  positiveInt('batch size', maxBatch);
  const L = widths.length - 1;
  const list = typeof acts === 'string' ? Array.from({ length: L }, (_, l) => (l === L - 1 ? 'identity' : acts)) : [...acts];
  if (list.length !== L) throw new ConfigError('activations', `must give one per layer (${L})`, acts);
  list.forEach((a, l) => oneOf(`activation of layer ${l + 1}`, a, DEEP_ACTS));
  const wAt: number[] = [], bAt: number[] = [];
  let size = 0;
  for (let l = 0; l < L; l++) {
    wAt.push(size);
    size += widths[l] * widths[l + 1];
    bAt.push(size);
    size += widths[l + 1];
  }
  const buf = () => widths.slice(1).map((n) => new Float64Array(n * maxBatch));
  return { widths: [...widths], acts: list as DeepAct[], size, wAt, bAt, maxBatch, z: buf(), h: buf(), dz: buf() };
}

/** Fills p: W_l ~ N(0, variance(l, n_in, n_out)), b_l ~ N(0, biasVariance) (0 gives zero biases). */
export function initDeep(net: DeepNet, p: Float64Array, rng: Rng, variance: (l: number, nIn: number, nOut: number) => number, biasVariance = 0): Float64Array {
  const { widths, wAt, bAt } = net;
  for (let l = 0; l < widths.length - 1; l++) {
    const s = Math.sqrt(variance(l, widths[l], widths[l + 1]));
    const sb = Math.sqrt(biasVariance);
    for (let q = 0; q < widths[l] * widths[l + 1]; q++) p[wAt[l] + q] = s * rng.normal();
    for (let j = 0; j < widths[l + 1]; j++) p[bAt[l] + j] = biasVariance > 0 ? sb * rng.normal() : 0;
  }
  return p;
}

function checkBatch(net: DeepNet, B: number): void {
  if (!Number.isInteger(B) || B < 1 || B > net.maxBatch) throw new ConfigError('batch size', `must be an integer from 1 to ${net.maxBatch}`, B);
}

/** Forward pass of B examples X (B × n_0, row-major); returns the output buffer h[L − 1] (B × n_L). */
export function deepForward(net: DeepNet, p: Float64Array, X: Float64Array, B: number): Float64Array {
  checkBatch(net, B);
  const { widths, acts, wAt, bAt, z, h } = net;
  for (let l = 0; l < widths.length - 1; l++) {
    const nIn = widths[l], nOut = widths[l + 1], w = wAt[l], b = bAt[l];
    const x = l === 0 ? X : h[l - 1], zl = z[l], hl = h[l], act = acts[l];
    for (let e = 0; e < B; e++) {
      const xe = e * nIn, ze = e * nOut;
      for (let j = 0; j < nOut; j++) {
        let s = p[b + j];
        const row = w + j * nIn;
        for (let i = 0; i < nIn; i++) s += p[row + i] * x[xe + i];
        zl[ze + j] = s;
      }
    }
    const m = B * nOut;
    // One loop per activation, so the branch is taken once per layer, not once per unit.
    if (act === 'identity') for (let q = 0; q < m; q++) hl[q] = zl[q];
    else if (act === 'tanh') for (let q = 0; q < m; q++) hl[q] = Math.tanh(zl[q]);
    else if (act === 'relu') for (let q = 0; q < m; q++) hl[q] = zl[q] > 0 ? zl[q] : 0;
    else for (let q = 0; q < m; q++) hl[q] = 1 / (1 + Math.exp(-zl[q]));
  }
  return h[widths.length - 2];
}

/**
 * Backward pass after deepForward on the same X and B: given dOut = ∂L/∂h_L (B × n_L), fills dz[l] = ∂L/∂z_l
 * and overwrites g with ∂L/∂p (summed over the batch). ReLU′(0) is taken as 0.
 */
export function deepBackward(net: DeepNet, p: Float64Array, X: Float64Array, B: number, dOut: Float64Array, g: Float64Array): void {
  checkBatch(net, B);
  const { widths, acts, wAt, bAt, z, h, dz } = net;
  const L = widths.length - 1;
  g.fill(0);
  for (let l = L - 1; l >= 0; l--) {
    const nIn = widths[l], nOut = widths[l + 1], m = B * nOut, act = acts[l];
    const d = dz[l], zl = z[l], hl = h[l];
    // ∂L/∂h_l: from the caller for the last layer, else W_{l+1}ᵀ dz_{l+1}.
    if (l === L - 1) for (let q = 0; q < m; q++) d[q] = dOut[q];
    else {
      const nNext = widths[l + 2], up = dz[l + 1], w = wAt[l + 1];
      for (let e = 0; e < B; e++) {
        for (let i = 0; i < nOut; i++) {
          let s = 0;
          for (let k = 0; k < nNext; k++) s += p[w + k * nOut + i] * up[e * nNext + k];
          d[e * nOut + i] = s;
        }
      }
    }
    // Times φ′(z): tanh′ = 1 − h², relu′ = [z > 0], sigmoid′ = h(1 − h).
    if (act === 'tanh') for (let q = 0; q < m; q++) d[q] *= 1 - hl[q] * hl[q];
    else if (act === 'relu') for (let q = 0; q < m; q++) d[q] = zl[q] > 0 ? d[q] : 0;
    else if (act === 'sigmoid') for (let q = 0; q < m; q++) d[q] *= hl[q] * (1 - hl[q]);
    const x = l === 0 ? X : h[l - 1], w = wAt[l], b = bAt[l];
    for (let e = 0; e < B; e++) {
      for (let j = 0; j < nOut; j++) {
        const dj = d[e * nOut + j];
        if (dj === 0) continue;
        g[b + j] += dj;
        const row = w + j * nIn, xe = e * nIn;
        for (let i = 0; i < nIn; i++) g[row + i] += dj * x[xe + i];
      }
    }
  }
}
