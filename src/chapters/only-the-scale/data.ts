import { nonNegative, positiveInt } from '../../core/errors.ts';
import type { Dataset } from '../../core/model.ts';
import { makeRng } from '../../core/random.ts';

/** Options for the 2-D perceptron data. */
export interface PerceptronDataOptions {
  /** Points n (default 40). */
  n?: number;
  /** true (default): a line separates the classes with a margin; false: a fraction of labels flipped. */
  separable?: boolean;
  /** Fraction of labels flipped when not separable (default 0.15). */
  flip?: number;
  seed?: number;
}

/**
 * 2-D points uniform on [−1, 1]², labelled ±1 by a random line w*·(1, x) ≥ 0. Separable sets drop
 * points within 0.05 of the line so the perceptron converges in a few epochs.
 */
export function perceptronData(o: PerceptronDataOptions = {}): Dataset {
  const n = positiveInt('points n', o.n ?? 40);
  const flip = nonNegative('flip', o.flip ?? 0.15);
  const rng = makeRng(o.seed ?? 1);
  const angle = 2 * Math.PI * rng.uniform();
  const w = [0.4 * (rng.uniform() - 0.5), Math.cos(angle), Math.sin(angle)]; // unit normal: w·x̃ is a distance
  const X = new Float64Array(2 * n);
  const Y = new Float64Array(n);
  for (let i = 0; i < n; ) {
    const x1 = 2 * rng.uniform() - 1;
    const x2 = 2 * rng.uniform() - 1;
    const z = w[0] + w[1] * x1 + w[2] * x2;
    if (o.separable !== false ? Math.abs(z) < 0.05 : z === 0) continue;
    X[2 * i] = x1;
    X[2 * i + 1] = x2;
    Y[i] = z > 0 ? 1 : -1;
    if (o.separable === false && rng.uniform() < flip) Y[i] = -Y[i];
    i++;
  }
  return { n, k: 2, m: 1, X, Y };
}
