// Chapter "Only the scale": the perceptron's learning rate from zero and non-zero starts.
import { ConfigError, finite, positiveInt } from '../../core/errors.ts';
import type { Dataset } from '../../core/model.ts';
import { differingPredictions, phi, trainPerceptron, type PerceptronTrace } from './perceptron.ts';

/** A labelled point in the plane. */
export interface Point {
  x1: number;
  x2: number;
  y: 1 | -1;
}

/** A 2-D data set (k = 2, m = 1) from a list of labelled points, in list order. */
export function pointsData(points: readonly Point[]): Dataset {
  const n = positiveInt('points n', points.length);
  const X = new Float64Array(2 * n);
  const Y = new Float64Array(n);
  points.forEach((p, i) => {
    X[2 * i] = finite('point x1', p.x1);
    X[2 * i + 1] = finite('point x2', p.x2);
    if (p.y !== 1 && p.y !== -1) throw new ConfigError('point label', 'must be −1 or +1', p.y);
    Y[i] = p.y;
  });
  return { n, k: 2, m: 1, X, Y };
}

/** The points of a 2-D data set as a list (the inverse of pointsData). */
export function dataPoints(data: Dataset): Point[] {
  return Array.from({ length: data.n }, (_, i) => ({ x1: data.X[2 * i], x2: data.X[2 * i + 1], y: data.Y[i] > 0 ? 1 : -1 }));
}

/**
 * The η-free recursion of the proof, u⁽ᵗ⁾ = u⁽ᵗ⁻¹⁾ + (y − φ(u⁽ᵗ⁻¹⁾·x̃))x̃ from u⁽⁰⁾ = v0 (default 0),
 * in trainPerceptron's order; returns rows × (k+1) values, step-major. From w⁽⁰⁾ = η·v0, w⁽ᵗ⁾ = η·u⁽ᵗ⁾.
 */
export function unscaledRun(data: Dataset, opts: { v0?: ArrayLike<number>; epochs?: number } = {}): Float64Array {
  const epochs = positiveInt('epochs', opts.epochs ?? 20);
  const { n, k, X, Y } = data;
  const K = k + 1;
  const u = new Float64Array(K);
  if (opts.v0) for (let q = 0; q < K; q++) u[q] = finite('v0', opts.v0[q]);
  const rows = epochs * n + 1;
  const out = new Float64Array(rows * K);
  /** One step on example i: u ← u + (y − φ(u·x̃_i)) x̃_i, the perceptron's rule with η = 1. */
  function update(i: number) {
    let z = u[0];
    for (let q = 1; q < K; q++) z += u[q] * X[i * k + q - 1];
    const c = Y[i] - phi(z); // no η here: this is the part of the step the thread says does not depend on η
    u[0] += c;
    for (let q = 1; q < K; q++) u[q] += c * X[i * k + q - 1];
  }
  out.set(u, 0);
  for (let s = 1; s < rows; s++) {
    update((s - 1) % n);
    out.set(u, s * K);
  }
  return out;
}

/**
 * Δw⁽²⁾ written out as the thread's answer unrolls it, from w⁽⁰⁾, η and the first two examples
 * (x̃ augmented: bias entry 1 first): η(y₂ − φ((w⁽⁰⁾ + η(y₁ − φ(w⁽⁰⁾·x̃₁))x̃₁)·x̃₂))x̃₂.
 */
export function secondUpdate(w0: readonly number[], eta: number, x1: readonly number[], y1: number, x2: readonly number[], y2: number): number[] {
  const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, q) => s + v * b[q], 0);
  const w1 = w0.map((v, q) => v + eta * (y1 - phi(dot(w0, x1))) * x1[q]);
  return x2.map((v) => eta * (y2 - phi(dot(w1, x2))) * v);
}

/** Several η from one start: the runs and, per η, how many predictions differ from the reference run at each step. */
export interface EtaSweep {
  etas: number[];
  runs: PerceptronTrace[];
  /** differing[j][s]: points that run j labels differently from the reference run at step s. */
  differing: Int32Array[];
  /** The largest entry of differing over every η and step. */
  maxDiffering: number;
}

/** Trains one perceptron per η from w0 (default 0) and counts differing predictions against runs[reference]. */
export function etaSweep(data: Dataset, etas: readonly number[], opts: { w0?: ArrayLike<number>; epochs?: number; reference?: number } = {}): EtaSweep {
  const runs = etas.map((eta) => trainPerceptron(data, { eta, w0: opts.w0, epochs: opts.epochs }));
  const ref = runs[opts.reference ?? 0];
  const differing = runs.map((r) => differingPredictions(r, ref));
  const maxDiffering = Math.max(0, ...differing.map((d) => d.reduce((a, b) => Math.max(a, b), 0)));
  return { etas: [...etas], runs, differing, maxDiffering };
}

/** Where the line w₀ + w₁x₁ + w₂x₂ = 0 crosses the square [lo, hi]²: its two end points, or null if it misses it. */
export function boundarySegment(w: ArrayLike<number>, lo: number, hi: number): [Point2, Point2] | null {
  const [w0, w1, w2] = [w[0], w[1], w[2]];
  const hits: Point2[] = [];
  const inside = (v: number) => v >= lo - 1e-12 && v <= hi + 1e-12; // slack for a corner hit computed in floats
  for (const e of [lo, hi]) {
    if (w2 !== 0) {
      const x2 = -(w0 + w1 * e) / w2;
      if (inside(x2)) hits.push({ x1: e, x2 });
    }
    if (w1 !== 0) {
      const x1 = -(w0 + w2 * e) / w1;
      if (inside(x1)) hits.push({ x1, x2: e });
    }
  }
  if (hits.length < 2) return null;
  // The two hits farthest apart (a corner can be found twice).
  let best: [Point2, Point2] = [hits[0], hits[1]];
  let d = -1;
  for (const a of hits) for (const b of hits) {
    const dd = (a.x1 - b.x1) ** 2 + (a.x2 - b.x2) ** 2;
    if (dd > d) [d, best] = [dd, [a, b]];
  }
  return d > 0 ? best : null;
}

/** Whether two boundary segments are one line drawn twice: ends equal within tol in data units, in either order. */
export function sameSegment(a: readonly [Point2, Point2] | null, b: readonly [Point2, Point2] | null, tol = 1e-9): boolean {
  if (!a || !b) return a === b;
  const near = (p: Point2, q: Point2) => Math.abs(p.x1 - q.x1) <= tol && Math.abs(p.x2 - q.x2) <= tol;
  return (near(a[0], b[0]) && near(a[1], b[1])) || (near(a[0], b[1]) && near(a[1], b[0]));
}

/** A point of the plane without a label. */
export interface Point2 {
  x1: number;
  x2: number;
}
