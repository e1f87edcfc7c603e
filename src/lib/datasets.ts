import { activation, type ActivationName } from './activations.ts';
import { nonNegative, positiveInt } from './errors.ts';
import type { Dataset } from './model.ts';
import { makeRng } from './random.ts';

/** Options for teacher-generated regression data. */
export interface RegressionOptions {
  /** Examples n (default 32), inputs k (default 4), outputs m (default 1). */
  n?: number;
  k?: number;
  m?: number;
  /** Teacher activation: 'identity' (default) gives Y = X A; otherwise Y = σ(X A1) A2. */
  teacher?: ActivationName;
  /** Hidden units of a non-linear teacher (default 3). */
  teacherUnits?: number;
  /** Standard deviation of Gaussian noise added to Y (default 0). */
  noise?: number;
  seed?: number;
}

/**
 * Regression data for chapters 1–2: x ~ N(0, I_k), teacher weights ~ N(0, 1). With m ≥ 2 and a linear
 * teacher, A has rank min(k, m) almost surely, so a rank-one (identical-start) linear net cannot fit it.
 */
export function regressionData(o: RegressionOptions = {}): Dataset {
  const n = positiveInt('examples n', o.n ?? 32);
  const k = positiveInt('inputs k', o.k ?? 4);
  const m = positiveInt('outputs m', o.m ?? 1);
  const noise = nonNegative('noise', o.noise ?? 0);
  const act = activation(o.teacher ?? 'identity');
  const h = act.name === 'identity' ? 0 : positiveInt('teacher units', o.teacherUnits ?? 3);
  const rng = makeRng(o.seed ?? 1);
  const X = Float64Array.from({ length: n * k }, rng.normal);
  const Y = new Float64Array(n * m);
  if (h === 0) {
    const A = Float64Array.from({ length: k * m }, rng.normal);
    for (let i = 0; i < n; i++) for (let c = 0; c < m; c++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += X[i * k + l] * A[l * m + c];
      Y[i * m + c] = s;
    }
  } else {
    const A1 = Float64Array.from({ length: k * h }, rng.normal);
    const A2 = Float64Array.from({ length: h * m }, rng.normal);
    for (let i = 0; i < n; i++) for (let c = 0; c < m; c++) {
      let s = 0;
      for (let j = 0; j < h; j++) {
        let z = 0;
        for (let l = 0; l < k; l++) z += X[i * k + l] * A1[l * h + j];
        s += act.f(z) * A2[j * m + c];
      }
      Y[i * m + c] = s;
    }
  }
  for (let q = 0; q < n * m; q++) Y[q] += noise * rng.normal();
  return { n, k, m, X, Y };
}

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
