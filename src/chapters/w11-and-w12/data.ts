import { positiveInt } from '../../core/errors.ts';
import type { Dataset } from '../../core/model.ts';
import { makeRng } from '../../core/random.ts';

/** K-class data for the ESL network: K Gaussian blobs (std 0.7) on a circle of radius 1.5 in R^P; Y one-hot. */
export function classData(o: { n?: number; P?: number; K?: number; seed?: number } = {}): Dataset {
  const n = positiveInt('examples n', o.n ?? 60);
  const P = positiveInt('inputs P', o.P ?? 2);
  const K = positiveInt('classes K', o.K ?? 3);
  const rng = makeRng(o.seed ?? 1);
  const X = new Float64Array(n * P);
  const Y = new Float64Array(n * K);
  for (let i = 0; i < n; i++) {
    const c = i % K;
    const a = (2 * Math.PI * c) / K;
    for (let l = 0; l < P; l++) X[i * P + l] = 0.7 * rng.normal() + (l === 0 ? 1.5 * Math.cos(a) : l === 1 ? 1.5 * Math.sin(a) : 0);
    Y[i * K + c] = 1;
  }
  return { n, k: P, m: K, X, Y };
}
