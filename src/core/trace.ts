import { incoming, incomingLength, outgoing } from './layout.ts';
import type { Trace } from './train.ts';

/** Value of flat parameter q at row (step) s. */
export function paramAt(t: Trace, s: number, q: number): number {
  return t.params[s * t.nParams + q];
}

/** The whole parameter vector at step s (a view, no copy). */
export function paramsAt(t: Trace, s: number): Float64Array {
  return t.params.subarray(s * t.nParams, (s + 1) * t.nParams);
}

/** Parameter q over all recorded steps (length rows). */
export function paramSeries(t: Trace, q: number, out = new Float64Array(t.rows)): Float64Array {
  for (let s = 0; s < t.rows; s++) out[s] = t.params[s * t.nParams + q];
  return out;
}

/** Hidden unit j's incoming vector at step s: W[:,j] then b_j when biases are on. */
export function incomingAt(t: Trace, s: number, j: number, out = new Float64Array(incomingLength(t.layout))): Float64Array {
  return incoming(t.layout, t.params, j, out, s * t.nParams);
}

/** Hidden unit j's outgoing vector at step s: row j of W2 (length m). */
export function outgoingAt(t: Trace, s: number, j: number, out = new Float64Array(t.layout.m)): Float64Array {
  return outgoing(t.layout, t.params, j, out, s * t.nParams);
}

/** Flat index of W[i][j] (input i → hidden unit j). */
export function idxW(t: Pick<Trace, 'layout'>, i: number, j: number): number {
  return t.layout.iW + i * t.layout.d + j;
}

/** Flat index of W2[j][o] (hidden unit j → output o). */
export function idxW2(t: Pick<Trace, 'layout'>, j: number, o = 0): number {
  return t.layout.iW2 + j * t.layout.m + o;
}

/** Flat index of hidden bias b[j], or -1 without biases. */
export function idxB(t: Pick<Trace, 'layout'>, j: number): number {
  return t.layout.biases ? t.layout.ib + j : -1;
}

/** Flat index of output bias b2[o], or -1 without biases. */
export function idxB2(t: Pick<Trace, 'layout'>, o = 0): number {
  return t.layout.biases ? t.layout.ib2 + o : -1;
}

/** True when every hidden unit equals unit 0 bitwise (Object.is per element) at step s. */
export function unitsIdenticalAt(t: Trace, s: number): boolean {
  const L = t.layout;
  const a = new Float64Array(incomingLength(L));
  const b = new Float64Array(incomingLength(L));
  const c = new Float64Array(L.m);
  const e = new Float64Array(L.m);
  incomingAt(t, s, 0, a);
  outgoingAt(t, s, 0, c);
  for (let j = 1; j < L.d; j++) {
    incomingAt(t, s, j, b);
    outgoingAt(t, s, j, e);
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
    for (let o = 0; o < c.length; o++) if (!Object.is(c[o], e[o])) return false;
  }
  return true;
}

/** The last recorded loss (of the final state, or of the last finite one if the run diverged). */
export function finalLoss(t: Trace): number {
  return t.loss[t.rows - 1];
}
