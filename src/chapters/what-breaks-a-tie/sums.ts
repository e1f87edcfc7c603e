// Summation orders. A per-unit loop adds every unit's terms the same way; a matrix kernel may add a row's
// terms in an order that depends on where the row sits (its tile, its lane). Same real sum, different rounding.

/** How a reduction is ordered: left to right for every unit, or in blocks / a pairwise tree whose shape depends on the unit's row. */
export type SumOrder = 'unit' | 'blocked' | 'pairwise';
/** The arithmetic of a reduction: float64, or float32 with every product and partial sum rounded by Math.fround. */
export type Precision = 'f64' | 'f32';

/** Block length of the blocked order: a typical register tile's reduction step. */
export const BLOCK = 4;

const round = (p: Precision) => (p === 'f32' ? Math.fround : (x: number) => x);

/** Left-to-right sum of a[0..n), in the given precision. */
export function sumUnit(a: ArrayLike<number>, n: number, p: Precision = 'f64'): number {
  const r = round(p);
  let s = 0;
  for (let i = 0; i < n; i++) s = r(s + r(a[i]));
  return s;
}

/**
 * Blocked sum for row `row`: block boundaries sit at indices ≡ row (mod BLOCK), as when a row's reduction starts at a
 * different lane; each block is summed left to right, then the block sums in order.
 */
export function sumBlocked(a: ArrayLike<number>, n: number, row: number, p: Precision = 'f64'): number {
  const r = round(p);
  const first = row % BLOCK === 0 ? BLOCK : row % BLOCK;
  let total = 0;
  for (let start = 0, len = first; start < n; start += len, len = BLOCK) {
    let s = 0;
    for (let i = start; i < Math.min(n, start + len); i++) s = r(s + r(a[i]));
    total = r(total + s);
  }
  return total;
}

/** Pairwise (tree) sum for row `row`: the terms taken cyclically from index `row`, halved recursively. */
export function sumPairwise(a: ArrayLike<number>, n: number, row: number, p: Precision = 'f64'): number {
  const r = round(p);
  const at = (i: number) => r(a[(i + row) % n]);
  const tree = (lo: number, hi: number): number => {
    if (hi - lo === 1) return at(lo);
    const mid = lo + ((hi - lo) >> 1);
    return r(tree(lo, mid) + tree(mid, hi));
  };
  return n === 0 ? 0 : tree(0, n);
}

/** The sum of a[0..n) for unit `row` in the given order and precision. */
export function sumOrdered(a: ArrayLike<number>, n: number, row: number, order: SumOrder, p: Precision = 'f64'): number {
  if (order === 'blocked') return sumBlocked(a, n, row, p);
  if (order === 'pairwise') return sumPairwise(a, n, row, p);
  return sumUnit(a, n, p);
}
