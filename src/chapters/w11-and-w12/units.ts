import { ConfigError, positive, positiveInt } from '../../core/errors.ts';
import type { InitScheme } from '../../core/init.ts';
import type { Layout } from '../../core/layout.ts';
import { fullBatch, type Model } from '../../core/model.ts';
import { paramsAt } from '../../core/trace.ts';
import { LOSS_BOUND, startParams, train } from '../../core/train.ts';

/** p with hidden units a and b exchanged: column of W, hidden bias and row of W2 move together. */
export function swapUnits(L: Layout, p: Float64Array, a: number, b: number): Float64Array {
  if (!(a >= 0 && a < L.d && b >= 0 && b < L.d)) throw new ConfigError('units', `must be in 0…${L.d - 1}`, `${a}, ${b}`);
  const q = Float64Array.from(p);
  const swap = (x: number, y: number) => {
    q[x] = p[y];
    q[y] = p[x];
  };
  for (let i = 0; i < L.k; i++) swap(L.iW + i * L.d + a, L.iW + i * L.d + b);
  if (L.biases) swap(L.ib + a, L.ib + b);
  for (let o = 0; o < L.m; o++) swap(L.iW2 + a * L.m + o, L.iW2 + b * L.m + o);
  return q;
}

/** Largest |f(x; p) − f(x; q)| over the model's data: 0 when p and q compute the same function there. */
export function maxOutputDiff(model: Model, p: Float64Array, q: Float64Array): number {
  const n = model.data.n * model.layout.m;
  const a = model.predict(p, new Float64Array(n));
  const b = model.predict(q, new Float64Array(n));
  let worst = 0;
  for (let r = 0; r < n; r++) worst = Math.max(worst, Math.abs(a[r] - b[r]));
  return worst;
}

/** Euclidean norm of each parameter group: W (ESL α), b (α₀), W2 (β), b2 (β₀); 0 for an absent group. */
export function groupNorms(L: Layout, p: Float64Array): { W: number; b: number; W2: number; b2: number } {
  const norm = (from: number, to: number) => {
    let s = 0;
    for (let q = from; q < to; q++) s += p[q] * p[q];
    return Math.sqrt(s);
  };
  return {
    W: norm(L.iW, L.iW + L.k * L.d),
    b: L.biases ? norm(L.ib, L.ib + L.d) : 0,
    W2: norm(L.iW2, L.iW2 + L.d * L.m),
    b2: L.biases ? norm(L.ib2, L.ib2 + L.m) : 0,
  };
}

/**
 * p with hidden unit j's sign flipped: column j of W, b_j and row j of W2 all negated. For an odd σ
 * such as tanh, σ(−z)·(−v) = σ(z)·v, so the network computes the same function.
 */
export function flipUnit(L: Layout, p: Float64Array, j: number): Float64Array {
  if (!(j >= 0 && j < L.d)) throw new ConfigError('unit', `must be in 0…${L.d - 1}`, j);
  const q = Float64Array.from(p);
  for (let i = 0; i < L.k; i++) q[L.iW + i * L.d + j] = -p[L.iW + i * L.d + j];
  if (L.biases) q[L.ib + j] = -p[L.ib + j];
  for (let o = 0; o < L.m; o++) q[L.iW2 + j * L.m + o] = -p[L.iW2 + j * L.m + o];
  return q;
}

/** One relabelling of the hidden units: new unit j is signs[j] times old unit perm[j]. */
export interface UnitSymmetry {
  perm: number[];
  signs: number[];
}

/** All 2^d · d! relabellings by permutations and sign flips (the identity first); d ≤ 6 keeps the list small. */
export function unitSymmetries(L: Layout): UnitSymmetry[] {
  if (L.d > 6) throw new ConfigError('hidden units d', 'must be at most 6 to list every symmetry', L.d);
  const perms: number[][] = [];
  const build = (head: number[], rest: number[]) => {
    if (rest.length === 0) perms.push(head);
    for (const r of rest) build([...head, r], rest.filter((x) => x !== r));
  };
  build([], Array.from({ length: L.d }, (_, j) => j));
  const out: UnitSymmetry[] = [];
  for (const perm of perms) for (let mask = 0; mask < 1 << L.d; mask++) {
    out.push({ perm, signs: Array.from({ length: L.d }, (_, j) => ((mask >> j) & 1 ? -1 : 1)) });
  }
  return out;
}

/** p relabelled by g: unit j of the result is signs[j] × unit perm[j] of p (W column, bias, W2 row); b2 is kept. */
export function applySymmetry(L: Layout, p: Float64Array, g: UnitSymmetry): Float64Array {
  const q = Float64Array.from(p);
  for (let j = 0; j < L.d; j++) {
    const [from, s] = [g.perm[j], g.signs[j]];
    for (let i = 0; i < L.k; i++) q[L.iW + i * L.d + j] = s * p[L.iW + i * L.d + from];
    if (L.biases) q[L.ib + j] = s * p[L.ib + from];
    for (let o = 0; o < L.m; o++) q[L.iW2 + j * L.m + o] = s * p[L.iW2 + from * L.m + o];
  }
  return q;
}

/** Euclidean distance between two parameter vectors. */
export function distance(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let q = 0; q < a.length; q++) s += (a[q] - b[q]) ** 2;
  return Math.sqrt(s);
}

/** The relabelling g of b that comes closest to a, and that distance: min over g of ‖a − g(b)‖. */
export function closestRelabelling(L: Layout, a: Float64Array, b: Float64Array): { g: UnitSymmetry; distance: number } {
  let best = { g: unitSymmetries(L)[0], distance: Infinity };
  for (const g of unitSymmetries(L)) {
    const dist = distance(a, applySymmetry(L, b, g));
    if (dist < best.distance) best = { g, distance: dist };
  }
  return best;
}

/** One run of gradient descent to a tolerance. */
export interface Converged {
  seed: number;
  /** Final full-data objective (with weight decay, J). */
  loss: number;
  /** ‖∇‖ at the final parameters. */
  gradNorm: number;
  /** Updates made. */
  steps: number;
  /** Stopped at the step cap with ‖∇‖ still at or above the tolerance. */
  capped: boolean;
  /** Stopped on a non-finite or huge loss (its last finite state is kept). */
  diverged: boolean;
  /** Final parameters (a copy). */
  params: Float64Array;
}

/**
 * Full-batch gradient descent θ ← θ − η∇ from the seeded start until ‖∇‖ < tol or `cap` updates.
 * No trace is kept: only the end point, its gradient norm and the number of steps.
 */
export function descend(model: Model, o: { seed: number; lr: number; tol: number; cap: number; init?: InitScheme }): Converged {
  const lr = positive('learning rate η', o.lr);
  const tol = positive('tolerance', o.tol);
  const cap = positiveInt('step cap', o.cap);
  const P = model.layout.size;
  const n = model.data.n;
  const all = fullBatch(n);
  const p = startParams(model, o.init ?? { kind: 'normal', scale: 1 }, o.seed);
  const g = new Float64Array(P);
  const last = Float64Array.from(p);
  let steps = 0;
  for (;;) {
    const loss = model.lossGrad(p, g, all, 0, n);
    let g2 = 0;
    for (let q = 0; q < P; q++) g2 += g[q] * g[q];
    const gradNorm = Math.sqrt(g2);
    if (!(Number.isFinite(loss) && loss <= LOSS_BOUND && Number.isFinite(gradNorm))) {
      const back = model.lossGrad(last, g, all, 0, n);
      return { seed: o.seed, loss: back, gradNorm: Math.hypot(...g), steps: Math.max(0, steps - 1), capped: false, diverged: true, params: last };
    }
    if (gradNorm < tol || steps >= cap) {
      return { seed: o.seed, loss, gradNorm, steps, capped: gradNorm >= tol, diverged: false, params: Float64Array.from(p) };
    }
    last.set(p);
    for (let q = 0; q < P; q++) p[q] -= lr * g[q];
    steps++;
  }
}

/** A set of restarts that ended at the same point up to relabelling. */
export interface RestartGroup {
  /** Index (into the runs) of the first member: the one the others are relabelled towards. */
  lead: number;
  members: number[];
  loss: number;
  /** Largest ‖θ_lead − g(θ_member)‖ over the members, with the best relabelling g each. */
  spread: number;
}

/**
 * Groups end points that are the same minimum: relative loss difference below lossRel and, after the
 * relabelling (swaps and sign flips) that brings it closest, weight distance below weightTol.
 * Returns the groups (lowest loss first) and, for each run, its group and relabelling towards the lead.
 */
export function groupRestarts(L: Layout, runs: readonly { loss: number; params: Float64Array }[], o: { lossRel: number; weightTol: number }):
  { groups: RestartGroup[]; of: number[]; relabel: UnitSymmetry[] } {
  const groups: RestartGroup[] = [];
  const of = new Array<number>(runs.length).fill(-1);
  const relabel = new Array<UnitSymmetry>(runs.length);
  runs.forEach((r, i) => {
    for (const [gi, G] of groups.entries()) {
      const lead = runs[G.lead];
      if (Math.abs(r.loss - lead.loss) > o.lossRel * Math.abs(lead.loss)) continue;
      const c = closestRelabelling(L, lead.params, r.params);
      if (c.distance >= o.weightTol) continue;
      G.members.push(i);
      G.spread = Math.max(G.spread, c.distance);
      of[i] = gi;
      relabel[i] = c.g;
      return;
    }
    of[i] = groups.length;
    relabel[i] = unitSymmetries(L)[0];
    groups.push({ lead: i, members: [i], loss: r.loss, spread: 0 });
  });
  // Lowest loss first; renumber each run's group to match.
  const order = groups.map((_, gi) => gi).sort((a, b) => groups[a].loss - groups[b].loss);
  const rank = new Array<number>(groups.length);
  order.forEach((gi, r) => (rank[gi] = r));
  return { groups: order.map((gi) => groups[gi]), of: of.map((gi) => rank[gi]), relabel };
}

/** What an all-zero start does after `steps` of gradient descent: each group's distance from 0, and symmetry. */
export interface ZeroStart {
  moved: { W: number; b: number; W2: number; b2: number };
  /** Every hidden unit still equals unit 0 (incoming and outgoing gaps exactly 0). */
  identical: boolean;
  loss0: number;
  loss: number;
  diverged: boolean;
}

/**
 * Trains model from exactly zero weights and biases (ESL §11.5.1's start) and reports which groups moved.
 * optimizer 'gd' (default) takes full-batch steps; 'sgd' one example per step, in a seeded shuffled order.
 */
export function zeroStart(model: Model, steps: number, lr: number, optimizer: 'gd' | 'sgd' = 'gd'): ZeroStart {
  const t = train(model, { init: { kind: 'zero' }, lr, steps, optimizer });
  const last = t.rows - 1;
  return {
    moved: groupNorms(t.layout, paramsAt(t, last)),
    identical: t.gapIn[last] === 0 && t.gapOut[last] === 0,
    loss0: t.loss[0],
    loss: t.loss[last],
    diverged: t.diverged !== null,
  };
}
