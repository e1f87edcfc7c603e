import { positiveInt } from '../../core/errors.ts';
import { fullBatch, type Model } from '../../core/model.ts';
import { align } from './match.ts';

/** The loss at (1 − t)·a + t·b for t = 0, 1/(T−1), …, 1. */
export function linearPath(model: Model, a: Float64Array, b: Float64Array, T: number): { t: number; loss: number }[] {
  const n = positiveInt('path points', T);
  const g = new Float64Array(a.length);
  const idx = fullBatch(model.data.n);
  const p = new Float64Array(a.length);
  return Array.from({ length: n }, (_, s) => {
    const t = n === 1 ? 0 : s / (n - 1);
    for (let q = 0; q < a.length; q++) p[q] = (1 - t) * a[q] + t * b[q];
    return { t, loss: model.lossGrad(p, g, idx, 0, model.data.n) };
  });
}

/**
 * Two barriers of a path: its highest loss minus the mean of its two ends (`mean`), and its largest rise above
 * the straight line between the end losses (`chord`). Both are ≥ 0 for every path (the top is at least the higher
 * end; the chord is met at both ends); they are equal when the ends tie, and `mean` is positive even on a
 * monotone path between unequal ends, where `chord` can be 0.
 */
export function barrier(path: readonly { t: number; loss: number }[]): { mean: number; chord: number } {
  const [L0, L1] = [path[0].loss, path[path.length - 1].loss];
  const top = Math.max(...path.map((r) => r.loss));
  const chord = Math.max(...path.map((r) => r.loss - ((1 - r.t) * L0 + r.t * L1)));
  return { mean: top - (L0 + L1) / 2, chord };
}

/** The path and barrier between a and b as trained, and between a and b with its units matched to a's. */
export function barrierPair(model: Model, act: string, a: Float64Array, b: Float64Array, T: number) {
  const before = linearPath(model, a, b, T);
  const matched = align(model.layout, a, b, act);
  const after = linearPath(model, a, matched, T);
  return { before, after, barrierBefore: barrier(before), barrierAfter: barrier(after), matched };
}
