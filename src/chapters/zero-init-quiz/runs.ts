import type { InitScheme } from '../../core/init.ts';
import { makeLayout, type Layout } from '../../core/layout.ts';
import { fullLossGrad, type Dataset } from '../../core/model.ts';
import { accuracy, quizModel, teacherData, type QuizLoss } from './network.ts';
import { idxB2, idxW, idxW2 } from '../../core/trace.ts';
import { train, type Trace } from '../../core/train.ts';

/** The three starts the quiz chapter compares. */
export const QUIZ_STARTS = ['zero', 'identical', 'random'] as const;
/** One of QUIZ_STARTS. */
export type QuizStart = (typeof QUIZ_STARTS)[number];

/** The init scheme behind each start: all zeros, one random unit copied ten times, He-random. */
export function quizInit(start: QuizStart): InitScheme {
  return start === 'zero' ? { kind: 'zero' } : start === 'identical' ? { kind: 'identical' } : { kind: 'he' };
}

/** ‖W‖ (first-layer weights) and ‖v‖ (output weights) at row s, biases excluded. */
export function weightNorms(t: Trace, s: number): { w: number; v: number } {
  const { k, d } = t.layout;
  const at = s * t.nParams;
  let w = 0;
  let v = 0;
  for (let l = 0; l < k; l++) for (let j = 0; j < d; j++) w += t.params[at + idxW(t, l, j)] ** 2;
  for (let j = 0; j < d; j++) v += t.params[at + idxW2(t, j)] ** 2;
  return { w: Math.sqrt(w), v: Math.sqrt(v) };
}

/** ℓ′(o; y) = ∂ℓ/∂o: −y/(1+e^{yo}) (logistic), −y if yo < 1 else 0 (hinge), −2(y − o) (squared). */
export function outputSlope(loss: QuizLoss, y: number, o: number): number {
  if (loss === 'logistic') return -y / (1 + Math.exp(y * o));
  if (loss === 'hinge') return y * o < 1 ? -y : 0;
  return -2 * (y - o);
}

/**
 * The one-unit network that computes what identical units compute: unit 0's incoming weights and bias,
 * output weight Σⱼ vⱼ, the same c (Σⱼ vⱼ ReLU(z) = (Σⱼ vⱼ) ReLU(z) when every zⱼ = z).
 */
export function collapseToOneUnit(L: Layout, p: Float64Array): Float64Array {
  const one = makeLayout(L.k, 1, 1, L.biases);
  const q = new Float64Array(one.size);
  for (let l = 0; l < L.k; l++) q[l] = p[l * L.d];
  if (L.biases) q[one.ib] = p[L.ib];
  for (let j = 0; j < L.d; j++) q[one.iW2] += p[L.iW2 + j];
  if (L.biases) q[one.ib2] = p[L.ib2];
  return q;
}

/** Parameters p in the network mark's shape: weights[0][j][i] = W[i, j] (input i → unit j), weights[1][o][j] = W2[j][o]; biases b and b2 when there are any. */
export function networkState(L: Layout, p: Float64Array): { weights: number[][][]; biases?: number[][] } {
  const into = Array.from({ length: L.d }, (_, j) => Array.from({ length: L.k }, (_, i) => p[L.iW + i * L.d + j]));
  const out = Array.from({ length: L.m }, (_, o) => Array.from({ length: L.d }, (_, j) => p[L.iW2 + j * L.m + o]));
  const weights = [into, out];
  if (!L.biases) return { weights };
  return { weights, biases: [Array.from(p.subarray(L.ib, L.ib + L.d)), Array.from(p.subarray(L.ib2, L.ib2 + L.m))] };
}

/** Options of one quiz run: SGD with one example per step on seeded teacher data. */
export interface QuizRunOptions {
  start: QuizStart;
  /** A scheme that replaces the start's own (e.g. a constant start); rows keep the start's name. */
  init?: InitScheme;
  loss?: QuizLoss;
  biases?: boolean;
  reluPrimeAtZero?: 0 | 1;
  lr?: number;
  epochs?: number;
  /** Seed of the teacher and its data. */
  dataSeed?: number;
  /** Seed of the start and the SGD order. */
  seed?: number;
  /** Record a row every this many steps (accuracy costs a full pass); default: about 40 rows. */
  every?: number;
  data?: Dataset;
}

/** One sampled row of a quiz run. */
export interface QuizRow {
  start: QuizStart;
  step: number;
  /** ‖W‖ + ‖v‖, the size of every weight (biases excluded). */
  norm: number;
  w: number;
  v: number;
  /** Output bias c (0 without biases). */
  c: number;
  accuracy: number;
}

/** Trains the quiz network from one start and samples weight norms, c and accuracy. */
export function quizRun(o: QuizRunOptions): { trace: Trace; rows: QuizRow[]; data: Dataset } {
  const data = o.data ?? teacherData({ n: 200, seed: o.dataSeed ?? 1 });
  const model = quizModel(data, { loss: o.loss ?? 'logistic', biases: o.biases ?? true, reluPrimeAtZero: o.reluPrimeAtZero ?? 0 });
  const trace = train(model, { init: o.init ?? quizInit(o.start), optimizer: 'sgd', lr: o.lr ?? 0.05, epochs: o.epochs ?? 5, seed: o.seed ?? 1 });
  const every = o.every ?? Math.max(1, Math.ceil((trace.rows - 1) / 40));
  const out = new Float64Array(data.n);
  const c = idxB2(model);
  const rows: QuizRow[] = [];
  const last = trace.rows - 1;
  for (let s = 0; ; s = Math.min(s + every, last)) {
    const p = trace.params.subarray(s * trace.nParams, (s + 1) * trace.nParams);
    const { w, v } = weightNorms(trace, s);
    rows.push({ start: o.start, step: s, norm: w + v, w, v, c: c < 0 ? 0 : p[c], accuracy: accuracy(data, model.predict(p, out)) });
    if (s === last) break;
  }
  return { trace, rows, data };
}

/** Full-data gradient at the all-zero start: its largest |entry| over the weights, and ∂L/∂c. */
export function gradientAtZero(data: Dataset, loss: QuizLoss, biases = true, reluPrimeAtZero: 0 | 1 = 0): { maxWeight: number; dc: number } {
  const model = quizModel(data, { loss, biases, reluPrimeAtZero });
  const { grad } = fullLossGrad(model, new Float64Array(model.layout.size));
  const c = idxB2(model);
  let maxWeight = 0;
  for (let q = 0; q < grad.length; q++) if (q !== c) maxWeight = Math.max(maxWeight, Math.abs(grad[q]));
  return { maxWeight, dc: c < 0 ? 0 : grad[c] };
}
