import { activation } from '../../core/activations.ts';
import { ConfigError, oneOf, positiveInt } from '../../core/errors.ts';
import { makeLayout } from '../../core/layout.ts';
import { checkData, defineModel, type Dataset, type Model } from '../../core/model.ts';
import { makeRng } from '../../core/random.ts';

/** Losses the quiz network can be trained with, on labels y ∈ {−1, +1}. */
export const QUIZ_LOSSES = ['logistic', 'hinge', 'squared'] as const;
/** One of QUIZ_LOSSES. */
export type QuizLoss = (typeof QUIZ_LOSSES)[number];

/** Quiz network options (10 → FC 10 → ReLU → FC 1 by default). */
export interface QuizConfig {
  loss: QuizLoss;
  /** Include b (layer 1) and c (layer 3); default true. */
  biases?: boolean;
  /** ReLU′(0): 0 or 1; default 0. */
  reluPrimeAtZero?: 0 | 1;
  /** Hidden units d; default 10. */
  d?: number;
}

/**
 * The quiz network: layer 1 z = xW + b, layer 2 h = ReLU(z), layer 3 o = h·v + c; label ŷ = sign(o)
 * (+1 when o ≥ 0). Loss ℓ(y, o) per example, mean over the batch. v is stored as W2 (d×1), c as b2.
 */
export function quizModel(data: Dataset, cfg: QuizConfig): Model {
  const L = makeLayout(data?.k, cfg?.d ?? 10, 1, cfg?.biases ?? true);
  const loss = oneOf('loss', cfg.loss, QUIZ_LOSSES);
  const relu = activation('relu', cfg.reluPrimeAtZero ?? 0);
  checkData(data, L.k, 1);
  const { k, d, biases, ib, iW2: iv, ib2: ic } = L;
  const { X, Y } = data;
  for (const y of Y) if (y !== 1 && y !== -1) throw new ConfigError('data Y', 'labels must be −1 or +1', y);
  const z = new Float64Array(d);
  const h = new Float64Array(d);
  const dz = new Float64Array(d);
  let out = 0; // o, set by forward
  let dout = 0; // ∂ℓ/∂o, set by forward

  /** Forward for example i: z, h and o into their buffers; returns ℓ(y, o) and sets dout = ∂ℓ/∂o. */
  function forward(p: Float64Array, i: number): number {
    const x = i * k;
    let o = biases ? p[ic] : 0;
    for (let j = 0; j < d; j++) {
      let s = biases ? p[ib + j] : 0;
      for (let l = 0; l < k; l++) s += X[x + l] * p[l * d + j];
      z[j] = s;
      h[j] = relu.f(s);
      o += h[j] * p[iv + j];
    }
    out = o;
    const y = Y[i];
    const margin = y * o;
    if (loss === 'logistic') {
      // ℓ = log(1 + e^{−y o});  ∂ℓ/∂o = −y / (1 + e^{y o})   (both written to avoid overflow)
      dout = -y / (1 + Math.exp(margin));
      return margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
    }
    if (loss === 'hinge') {
      // ℓ = max(0, 1 − y o);  ∂ℓ/∂o = −y if y o < 1, else 0
      dout = margin < 1 ? -y : 0;
      return margin < 1 ? 1 - margin : 0;
    }
    // ℓ = (y − o)²;  ∂ℓ/∂o = −2 (y − o)
    dout = -2 * (y - o);
    return (y - o) * (y - o);
  }

  /** Backward for example i, right after forward: the chain rule one layer at a time from the output back. */
  function backward(p: Float64Array, i: number, g: Float64Array) {
    const x = i * k;
    // layer 3: ∂ℓ/∂v_j = ∂ℓ/∂o · h_j;   ∂ℓ/∂c = ∂ℓ/∂o
    for (let j = 0; j < d; j++) g[iv + j] += dout * h[j];
    if (biases) g[ic] += dout;
    // layer 2: ∂ℓ/∂z_j = ∂ℓ/∂o · v_j · ReLU′(z_j)   (zero whenever v = 0)
    for (let j = 0; j < d; j++) dz[j] = dout * p[iv + j] * relu.df(z[j], h[j]);
    // layer 1: ∂ℓ/∂W_lj = x_l ∂ℓ/∂z_j;   ∂ℓ/∂b_j = ∂ℓ/∂z_j
    for (let l = 0; l < k; l++) for (let j = 0; j < d; j++) g[l * d + j] += X[x + l] * dz[j];
    if (biases) for (let j = 0; j < d; j++) g[ib + j] += dz[j];
  }

  return defineModel('quiz', L, data, { forward, backward, output: (res, i) => { res[i] = out; }, hidden: (res) => res.set(z) });
}

/** Fraction of examples whose label y equals sign(o) (with sign(0) = +1), given outputs from predict. */
export function accuracy(data: Dataset, outputs: Float64Array): number {
  let right = 0;
  for (let i = 0; i < data.n; i++) if ((outputs[i] >= 0 ? 1 : -1) === data.Y[i]) right++;
  return right / data.n;
}

/** Options for the quiz's teacher data. */
export interface TeacherOptions {
  /** Samples n (even, so labels can be balanced); default 200. */
  n?: number;
  /** Inputs k; default 10. */
  k?: number;
  /** Teacher hidden units; default 10. */
  d?: number;
  /** Teacher has biases; default true. */
  biases?: boolean;
  seed?: number;
}

/**
 * Realizable, balanced data for the quiz: a random teacher of the same architecture (N(0,1) weights)
 * labels Gaussian inputs x ~ N(0, I_k) by sign(o); inputs are kept until there are exactly n/2 of each
 * label. Returns the data and the teacher's flat parameters.
 */
export function teacherData(opts: TeacherOptions = {}): Dataset & { teacher: Float64Array } {
  const n = positiveInt('samples n', opts.n ?? 200);
  if (n % 2 !== 0) throw new ConfigError('samples n', 'must be even so the labels can be balanced', n);
  const L = makeLayout(opts.k ?? 10, opts.d ?? 10, 1, opts.biases ?? true);
  const rng = makeRng(opts.seed ?? 1);
  const { k, d } = L;
  const X = new Float64Array(n * k);
  const Y = new Float64Array(n);
  const x = new Float64Array(k);
  const teacher = new Float64Array(L.size);
  // The teacher is the quiz network itself, run on a one-example data set whose input is the candidate x.
  // (Its label 1 is a placeholder: o does not depend on it, and the loss is never used.)
  const candidate = quizModel({ n: 1, k, m: 1, X: x, Y: Float64Array.of(1) }, { loss: 'logistic', d, biases: L.biases });
  const o1 = new Float64Array(1);
  // A teacher whose outputs are almost all one sign would need endless rejection: draw another then.
  for (let attempt = 0; ; attempt++) {
    for (let q = 0; q < L.size; q++) teacher[q] = rng.normal();
    let pos = 0;
    let neg = 0;
    for (let tries = 0; tries < 50 * n && pos + neg < n; tries++) {
      for (let l = 0; l < k; l++) x[l] = rng.normal();
      const o = candidate.predict(teacher, o1)[0];
      if (o === 0 || (o > 0 ? pos : neg) >= n / 2) continue;
      X.set(x, (pos + neg) * k);
      Y[pos + neg] = o > 0 ? 1 : -1;
      if (o > 0) pos++;
      else neg++;
    }
    if (pos + neg === n) return { n, k, m: 1, X, Y, teacher };
    if (attempt > 100) throw new Error('teacherData: could not balance labels');
  }
}
