import { bool, positiveInt } from './errors.ts';

/**
 * Where each parameter of a one-hidden-layer network sits in the flat vector p:
 * W (k×d, row-major: W[i][j] at iW + i·d + j), then b (d, hidden biases, if biases),
 * then W2 (d×m, row-major: W2[j][o] at iW2 + j·m + o), then b2 (m, output biases, if biases).
 * Hidden unit j owns column j of W, b[j] and row j of W2.
 */
export interface Layout {
  readonly k: number;
  readonly d: number;
  readonly m: number;
  readonly biases: boolean;
  readonly iW: number;
  /** Offset of b, or -1 without biases. */
  readonly ib: number;
  readonly iW2: number;
  /** Offset of b2, or -1 without biases. */
  readonly ib2: number;
  /** Total parameter count. */
  readonly size: number;
}

/** Builds (and validates) the layout for k inputs, d hidden units, m outputs. */
export function makeLayout(k: unknown, d: unknown, m: unknown, biases: unknown): Layout {
  const K = positiveInt('inputs k', k);
  const D = positiveInt('hidden units d', d);
  const M = positiveInt('outputs m', m);
  const B = bool('biases', biases);
  const ib = B ? K * D : -1;
  const iW2 = K * D + (B ? D : 0);
  const ib2 = B ? iW2 + D * M : -1;
  return { k: K, d: D, m: M, biases: B, iW: 0, ib, iW2, ib2, size: iW2 + D * M + (B ? M : 0) };
}

/**
 * Length of a unit's incoming vector: its k weights plus its bias when biases are on.
 * The bias is included because two units with equal weights but different biases compute
 * different features: they are not symmetric.
 */
export function incomingLength(L: Layout): number {
  return L.k + (L.biases ? 1 : 0);
}

/** Copies hidden unit j's incoming vector (W[:,j], then b[j] if biases) from p (at row offset) into out. */
export function incoming(L: Layout, p: Float64Array, j: number, out: Float64Array, offset = 0): Float64Array {
  for (let i = 0; i < L.k; i++) out[i] = p[offset + L.iW + i * L.d + j];
  if (L.biases) out[L.k] = p[offset + L.ib + j];
  return out;
}

/** Copies hidden unit j's outgoing vector (row j of W2, length m) from p (at row offset) into out. */
export function outgoing(L: Layout, p: Float64Array, j: number, out: Float64Array, offset = 0): Float64Array {
  for (let o = 0; o < L.m; o++) out[o] = p[offset + L.iW2 + j * L.m + o];
  return out;
}

/**
 * gapIn: the largest Euclidean distance between two hidden units' incoming vectors
 * (weights and, when biases are on, the bias). Exactly 0 iff all units are bitwise equal (up to ±0).
 */
export function gapIn(L: Layout, p: Float64Array, offset = 0): number {
  const { k, d } = L;
  let best = 0;
  for (let a = 0; a < d; a++) {
    for (let c = a + 1; c < d; c++) {
      let s = 0;
      for (let i = 0; i < k; i++) {
        const t = p[offset + i * d + a] - p[offset + i * d + c];
        s += t * t;
      }
      if (L.biases) {
        const t = p[offset + L.ib + a] - p[offset + L.ib + c];
        s += t * t;
      }
      if (s > best) best = s;
    }
  }
  return Math.sqrt(best);
}

/** gapOut: the largest Euclidean distance between two hidden units' outgoing vectors (rows of W2). */
export function gapOut(L: Layout, p: Float64Array, offset = 0): number {
  const { d, m } = L;
  const base = offset + L.iW2;
  let best = 0;
  for (let a = 0; a < d; a++) {
    for (let c = a + 1; c < d; c++) {
      let s = 0;
      for (let o = 0; o < m; o++) {
        const t = p[base + a * m + o] - p[base + c * m + o];
        s += t * t;
      }
      if (s > best) best = s;
    }
  }
  return Math.sqrt(best);
}
