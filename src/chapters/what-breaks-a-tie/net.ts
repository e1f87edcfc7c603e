// The chapter's network: k inputs, d hidden units, one output, f(x) = c + Σ_j v_j σ(w_j·x + b_j), loss ½·mean (f − y)².
import type { ActivationName } from '../../core/activations.ts';
import { act as activation } from './act.ts';
import { sumOrdered, type Precision, type SumOrder } from './sums.ts';

/** Sizes of the network: inputs k, hidden units d. */
export interface Shape { k: number; d: number }

/** Index of w_j[l], b_j, v_j and c in the flat parameter vector [W (d·k), b (d), v (d), c]. */
export const at = {
  w: (s: Shape, j: number, l: number) => j * s.k + l,
  b: (s: Shape, j: number) => s.d * s.k + j,
  v: (s: Shape, j: number) => s.d * (s.k + 1) + j,
  c: (s: Shape) => s.d * (s.k + 2),
};
/** Number of parameters. */
export const size = (s: Shape) => s.d * (s.k + 2) + 1;

/** What a gradient is taken over: a batch of rows of X (n·k) and Y, optional dropout multipliers (batch·d), and the arithmetic. */
export interface Batch {
  X: ArrayLike<number>;
  Y: ArrayLike<number>;
  rows: ArrayLike<number>;
  /** Per example and unit, the factor applied to h (0 or 1/(1−p) for inverted dropout); absent: 1. */
  mask?: ArrayLike<number>;
  order?: SumOrder;
  precision?: Precision;
}

/** Loss and gradient of ½·mean (f − y)² over the batch, into g. Each unit's reductions over examples use sumOrdered. */
export function lossGrad(act: ActivationName, s: Shape, p: Float64Array, B: Batch, g: Float64Array): number {
  const { k, d } = s;
  const sig = activation(act);
  const m = B.rows.length;
  const order = B.order ?? 'unit', prec = B.precision ?? 'f64';
  const z = new Float64Array(m * d), h = new Float64Array(m * d), r = new Float64Array(m);
  const terms = new Float64Array(Math.max(m, k + 1));
  let loss = 0;
  for (let e = 0; e < m; e++) {
    const i = B.rows[e];
    let f = p[at.c(s)];
    for (let j = 0; j < d; j++) {
      // The field w_j·x + b_j: also a reduction, over inputs, in the unit's order.
      for (let l = 0; l < k; l++) terms[l] = B.X[i * k + l] * p[at.w(s, j, l)];
      terms[k] = p[at.b(s, j)];
      z[e * d + j] = sumOrdered(terms, k + 1, j, order, prec);
      h[e * d + j] = sig.f(z[e * d + j]) * (B.mask ? B.mask[e * d + j] : 1);
      f += p[at.v(s, j)] * h[e * d + j];
    }
    r[e] = (f - B.Y[i]) / m;
    loss += 0.5 * (f - B.Y[i]) ** 2 / m;
  }
  g.fill(0);
  for (let j = 0; j < d; j++) {
    const delta = new Float64Array(m);
    for (let e = 0; e < m; e++) {
      const q = e * d + j;
      delta[e] = r[e] * p[at.v(s, j)] * sig.df(z[q], sig.f(z[q])) * (B.mask ? B.mask[q] : 1);
    }
    for (let e = 0; e < m; e++) terms[e] = r[e] * h[e * d + j];
    g[at.v(s, j)] = sumOrdered(terms, m, j, order, prec);
    g[at.b(s, j)] = sumOrdered(delta, m, j, order, prec);
    for (let l = 0; l < k; l++) {
      for (let e = 0; e < m; e++) terms[e] = delta[e] * B.X[B.rows[e] * k + l];
      g[at.w(s, j, l)] = sumOrdered(terms, m, j, order, prec);
    }
  }
  let gc = 0;
  for (let e = 0; e < m; e++) gc += r[e];
  g[at.c(s)] = gc;
  return loss;
}

/** Whether every unit's (w_j, b_j, v_j) equals unit 0's, bit for bit (Object.is: −0 and 0 count as different). */
export function unitsTied(s: Shape, p: ArrayLike<number>): boolean {
  for (let j = 1; j < s.d; j++) {
    if (!Object.is(p[at.b(s, j)], p[at.b(s, 0)]) || !Object.is(p[at.v(s, j)], p[at.v(s, 0)])) return false;
    for (let l = 0; l < s.k; l++) if (!Object.is(p[at.w(s, j, l)], p[at.w(s, 0, l)])) return false;
  }
  return true;
}

/** Largest distance between unit j's (w_j, b_j, v_j) and unit 0's. */
export function unitGap(s: Shape, p: ArrayLike<number>): number {
  let worst = 0;
  for (let j = 1; j < s.d; j++) {
    let q = (p[at.b(s, j)] - p[at.b(s, 0)]) ** 2 + (p[at.v(s, j)] - p[at.v(s, 0)]) ** 2;
    for (let l = 0; l < s.k; l++) q += (p[at.w(s, j, l)] - p[at.w(s, 0, l)]) ** 2;
    worst = Math.max(worst, Math.sqrt(q));
  }
  return worst;
}

/** The balance of unit j, ‖w_j‖² + b_j² − v_j²: conserved by gradient flow for ReLU and linear units. */
export function balance(s: Shape, p: ArrayLike<number>, j: number): number {
  let q = p[at.b(s, j)] ** 2 - p[at.v(s, j)] ** 2;
  for (let l = 0; l < s.k; l++) q += p[at.w(s, j, l)] ** 2;
  return q;
}
