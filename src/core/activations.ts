import { oneOf } from './errors.ts';

/** Names of the hidden-layer activations σ the chapters use. */
export const ACTIVATIONS = ['identity', 'tanh', 'sigmoid', 'relu', 'erf'] as const;
/** One of ACTIVATIONS. */
export type ActivationName = (typeof ACTIVATIONS)[number];

/** An activation σ with its local derivative, micrograd style: df is given both z and h = σ(z). */
export interface Activation {
  readonly name: ActivationName;
  /** Forward: h = σ(z). */
  readonly f: (z: number) => number;
  /** Backward: dh/dz, from z and the already computed h = σ(z). */
  readonly df: (z: number, h: number) => number;
}

const SQRT1_2 = Math.SQRT1_2;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** The error function erf(x), accurate to about 1e-15 (JS has no Math.erf). */
export function erf(x: number): number {
  const a = Math.abs(x);
  // erfc(6) ≈ 2e-17, below half an ulp of 1: the result rounds to ±1 anyway.
  if (a >= 6) return x > 0 ? 1 : x < 0 ? -1 : x;
  // erf(a) = 2/√π · e^{-a²} · Σ 2ⁿ a^{2n+1} / (1·3·…·(2n+1)): all terms positive, so no cancellation.
  let term = a;
  let sum = a;
  for (let n = 1; n < 400; n++) {
    term *= (2 * a * a) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  const r = TWO_OVER_SQRT_PI * Math.exp(-a * a) * sum;
  return x < 0 ? -r : r;
}

/** Logistic sigmoid 1 / (1 + e^{-z}). */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * Returns the activation named `name`. reluPrimeAtZero picks ReLU′(0) (0 or 1); it matters only
 * when a pre-activation is exactly 0, e.g. from an all-zero start.
 */
export function activation(name: unknown, reluPrimeAtZero: 0 | 1 = 0): Activation {
  const n = oneOf('activation σ', name, ACTIVATIONS);
  oneOf('ReLU′(0)', reluPrimeAtZero, [0, 1] as const);
  switch (n) {
    case 'identity':
      // h = z;  dh/dz = 1
      return { name: n, f: (z) => z, df: () => 1 };
    case 'tanh':
      // h = tanh z;  dh/dz = 1 − h²
      return { name: n, f: Math.tanh, df: (_z, h) => 1 - h * h };
    case 'sigmoid':
      // h = 1/(1+e^{−z});  dh/dz = h(1 − h)
      return { name: n, f: sigmoid, df: (_z, h) => h * (1 - h) };
    case 'relu':
      // h = max(0, z);  dh/dz = 1 if z > 0, 0 if z < 0, ReLU′(0) at z = 0
      return {
        name: n,
        f: (z) => (z > 0 ? z : 0),
        df: reluPrimeAtZero === 1 ? (z) => (z >= 0 ? 1 : 0) : (z) => (z > 0 ? 1 : 0),
      };
    case 'erf':
      // h = g(z) = erf(z/√2);  dh/dz = √(2/π) e^{−z²/2}
      return { name: n, f: (z) => erf(z * SQRT1_2), df: (z) => SQRT_2_OVER_PI * Math.exp(-0.5 * z * z) };
  }
}
