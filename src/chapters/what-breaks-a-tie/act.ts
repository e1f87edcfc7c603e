// Activations from + − × ÷ alone. IEEE 754 rounds those the same in every engine, while Math.exp and Math.tanh
// may differ in the last bit between V8 and the notebook's QuickJS, and a rounding-broken tie amplifies that bit.
import type { ActivationName } from '../../core/activations.ts';

const LN2_HI = 0.6931471803691238, LN2_LO = 1.9082149292705877e-10;

/** 2^k for an integer k, by exact multiplications of powers of two. */
function pow2(k: number): number {
  let r = 1, b = k < 0 ? 0.5 : 2;
  for (let n = Math.abs(k); n > 0; n >>= 1, b *= b) if (n & 1) r *= b;
  return r;
}

/** e^x to about 2 ulp: x = k·ln 2 + r with |r| ≤ ln2/2, a Taylor polynomial for e^r, then an exact scaling by 2^k. */
export function exp(x: number): number {
  if (x > 709.78) return Infinity;
  if (x < -745.2) return 0;
  if (x !== x) return x;
  const k = Math.round(x / Math.LN2);
  const r = x - k * LN2_HI - k * LN2_LO;
  // Degree 14: |r|¹⁵/15! < 1e-17 for |r| ≤ 0.35.
  let p = 1;
  for (let n = 14; n >= 1; n--) p = 1 + (p * r) / n;
  // Two half-scalings keep 2^k finite where e^x is (k up to 1024, down to −1075).
  const h = Math.trunc(k / 2);
  return p * pow2(h) * pow2(k - h);
}

/** An activation and its derivative from z and h = σ(z). */
export interface Act { f: (z: number) => number; df: (z: number, h: number) => number }

/** The chapter's four activations, in engine-independent arithmetic. */
export function act(name: ActivationName): Act {
  switch (name) {
    case 'tanh': return { f: (z) => { const t = exp(-2 * Math.abs(z)); const h = (1 - t) / (1 + t); return z < 0 ? -h : h; }, df: (_z, h) => 1 - h * h };
    case 'sigmoid': return { f: (z) => 1 / (1 + exp(-z)), df: (_z, h) => h * (1 - h) };
    case 'relu': return { f: (z) => (z > 0 ? z : 0), df: (z) => (z > 0 ? 1 : 0) };
    case 'identity': return { f: (z) => z, df: () => 1 };
    default: throw new Error(`activation ${name} is not one of this chapter's`);
  }
}
