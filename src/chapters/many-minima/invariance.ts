import type { Layout } from '../../core/layout.ts';
import { mlpModel } from '../../core/mlp.ts';
import { makeRng } from '../../core/random.ts';
import { identity, relabel } from './group.ts';

/** n seeded Gaussian inputs for a net with L.k inputs (targets 0: only the outputs are compared). */
function inputs(L: Layout, n: number, seed: number) {
  const rng = makeRng(seed);
  return { n, k: L.k, m: 1, X: Float64Array.from({ length: n * L.k }, rng.normal), Y: new Float64Array(n) };
}

/** Largest |f(x; p) − f(x; q)| over the inputs, for activation act. */
function gap(L: Layout, act: 'tanh' | 'relu', data: ReturnType<typeof inputs>, p: Float64Array, q: Float64Array): number {
  const net = mlpModel(data, { d: L.d, activation: act });
  const [a, b] = [net.predict(p, new Float64Array(data.n)), net.predict(q, new Float64Array(data.n))];
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
}

/** The ReLU rescaling factors tried: 3, whose products round, and 4, a power of two, whose products are exact. */
export const RESCALES = [3, 4] as const;

/**
 * How much each symmetry changes p's outputs on n random inputs: a seeded random permutation (tanh), flipping
 * every other unit (tanh), and ReLU rescaling of every unit by 3 and by 4 (a power of two: every product exact).
 */
export function invarianceGaps(L: Layout, p: Float64Array, n: number, seed: number) {
  const data = inputs(L, n, seed);
  const rng = makeRng(seed + 1);
  const perm = identity(L.d).perm;
  for (let i = perm.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  const ones = new Array<number>(L.d).fill(1);
  const flips = ones.map((_, j) => (j % 2 ? -1 : 1));
  return {
    perm: gap(L, 'tanh', data, p, relabel(L, p, { perm, signs: ones })),
    flip: gap(L, 'tanh', data, p, relabel(L, p, { perm: identity(L.d).perm, signs: flips })),
    rescale3: gap(L, 'relu', data, p, relabel(L, p, { perm: identity(L.d).perm, signs: ones, scales: ones.map(() => RESCALES[0]) })),
    rescale4: gap(L, 'relu', data, p, relabel(L, p, { perm: identity(L.d).perm, signs: ones, scales: ones.map(() => RESCALES[1]) })),
  };
}
