import { munkres } from 'munkres';
import { ConfigError } from '../../core/errors.ts';
import type { Layout } from '../../core/layout.ts';
import { isOdd, relabel, unitVectors, type Relabel } from './group.ts';

/**
 * The linear assignment problem: the column each row gets so that Σ_i cost[i][a[i]] is least, for a square
 * cost matrix, solved by the `munkres` package (the Hungarian algorithm; not written here).
 */
export function assign(cost: number[][]): number[] {
  const n = cost.length;
  if (cost.some((r) => r.length !== n)) throw new ConfigError('cost matrix', 'must be square', `${n} rows`);
  if (cost.some((r) => r.some((c) => !Number.isFinite(c)))) throw new ConfigError('cost matrix', 'must be finite', 'a non-finite entry');
  const out = new Array<number>(n).fill(-1);
  for (const [row, col] of munkres(cost)) out[row] = col;
  return out;
}

/** Σ_i cost[i][a[i]]: what an assignment costs. */
export const assignmentCost = (cost: number[][], a: number[]): number => a.reduce((s, col, row) => s + cost[row][col], 0);

const sq = (x: number[], y: number[], s: number) => x.reduce((t, v, i) => t + (v - s * y[i]) ** 2, 0);

/**
 * Weight matching for one hidden layer: the relabelling g of b (a permutation, with sign flips for odd σ)
 * that minimises ‖a − g(b)‖². The objective is a sum over a's units of ‖u_a,j − s_j u_b,π(j)‖², and each
 * unit's best sign is chosen alone, so it is one assignment problem on the M×M matrix of those distances.
 */
export function matchUnits(L: Layout, a: Float64Array, b: Float64Array, act: string): { g: Relabel; distance: number } {
  const ua = unitVectors(L, a);
  const ub = unitVectors(L, b);
  const flips = isOdd(act) ? [1, -1] : [1];
  const best = ua.map((x) => ub.map((y) => flips.reduce((m, s) => (sq(x, y, s) < m.d ? { d: sq(x, y, s), s } : m), { d: Infinity, s: 1 })));
  const perm = assign(best.map((r) => r.map((c) => c.d)));
  const g = { perm, signs: perm.map((i, j) => best[j][i].s) };
  // The output biases are not relabelled; they add to the distance unchanged.
  const matched = relabel(L, b, g);
  let d2 = 0;
  for (let q = 0; q < a.length; q++) d2 += (a[q] - matched[q]) ** 2;
  return { g, distance: Math.sqrt(d2) };
}

/** b relabelled towards a by matchUnits. */
export const align = (L: Layout, a: Float64Array, b: Float64Array, act: string): Float64Array => relabel(L, b, matchUnits(L, a, b, act).g);
