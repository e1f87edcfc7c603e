import { activation, type ActivationName } from './activations.ts';
import { nonNegative, positiveInt } from './errors.ts';
import { mlpModel } from './mlp.ts';
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
    // The teacher is the chapters' own network without biases: A1 is its W (k×h), A2 its W2 (h×m), drawn in that order.
    const teacher = Float64Array.from({ length: k * h + h * m }, rng.normal);
    mlpModel({ n, k, m, X, Y: new Float64Array(n * m) }, { d: h, activation: act.name, biases: false }).predict(teacher, Y);
  }
  for (let q = 0; q < n * m; q++) Y[q] += noise * rng.normal();
  return { n, k, m, X, Y };
}
