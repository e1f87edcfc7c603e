import { makeRng } from '../../core/random.ts';

/**
 * One draw of a deep ReLU net with zero biases: nIn inputs, L hidden layers of n units, weights N(0, 2/n_in)
 * (the scale is irrelevant: with zero biases a positive rescaling of a layer changes no sign). Returns the first
 * layer at which input 0 has no active unit, and the first at which no input of the batch has one (or L + 1).
 */
export function deathLayers(X: Float64Array, B: number, nIn: number, n: number, L: number, rng: { normal: () => number }, buf: Float64Array[]): { one: number; all: number } {
  let [h, next] = buf;
  h.set(X.subarray(0, B * nIn));
  let width = nIn, one = L + 1, all = L + 1;
  const W = new Float64Array(n * Math.max(n, nIn));
  for (let l = 1; l <= L; l++) {
    const s = Math.sqrt(2 / width);
    for (let q = 0; q < n * width; q++) W[q] = s * rng.normal();
    let anyAlive = false;
    for (let e = 0; e < B; e++) {
      let alive = false;
      for (let j = 0; j < n; j++) {
        let z = 0;
        for (let i = 0; i < width; i++) z += W[j * width + i] * h[e * width + i];
        next[e * n + j] = z > 0 ? z : 0;
        if (z > 0) alive = true;
      }
      if (!alive && e === 0 && one > L) one = l;
      anyAlive ||= alive;
    }
    if (!anyAlive) {
      all = l;
      if (one > L) one = l;
      break;
    }
    [h, next] = [next, h];
    width = n;
  }
  return { one, all };
}

/** The chance that one fixed input meets a layer with no active unit within L layers: exactly 1 − (1 − 2⁻ⁿ)ᴸ. */
export const deadAtInput = (n: number, L: number): number => 1 - (1 - 2 ** -n) ** L;

/** A lower bound on dead for every input: some layer 2…L has only non-positive weights, 1 − (1 − 2^(−n²))^(L−1). */
// 1 − (1 − ε)^k through expm1 and log1p: for n ≥ 8, 1 − 2^(−64) is 1 in doubles and the plain form gives 0.
export const deadEverywhereBound = (n: number, L: number): number => -Math.expm1(Math.max(0, L - 1) * Math.log1p(-(2 ** -(n * n))));

/** Born-dead frequencies over `draws` nets of depth up to L: at one input and over a batch of B inputs, per depth. */
export function bornDead(n: number, L: number, draws: number, B: number, nIn: number, seed: number): { depth: number; one: number; all: number }[] {
  const rng = makeRng(seed);
  const X = Float64Array.from({ length: B * nIn }, rng.normal);
  const buf = [new Float64Array(B * Math.max(n, nIn)), new Float64Array(B * Math.max(n, nIn))];
  const one = new Array<number>(L + 2).fill(0), all = new Array<number>(L + 2).fill(0);
  for (let d = 0; d < draws; d++) {
    const r = deathLayers(X, B, nIn, n, L, rng, buf);
    one[r.one]++;
    all[r.all]++;
  }
  // Cumulative: a net dead at layer l is dead at every greater depth (zero biases pass the zeros on).
  const rows = [];
  let co = 0, ca = 0;
  for (let l = 1; l <= L; l++) {
    co += one[l];
    ca += all[l];
    rows.push({ depth: l, one: co / draws, all: ca / draws });
  }
  return rows;
}
