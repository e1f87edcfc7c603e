import { ConfigError, finite, nonNegative, oneOf, positive } from './errors.ts';
import type { Layout } from './layout.ts';
import type { Rng } from './random.ts';

/** Distribution of random draws: normal has standard deviation `scale`, uniform is on [−scale, scale]. */
export type Dist = 'normal' | 'uniform';
/** Whether a group of per-unit parameters is equal across hidden units ('tied') or drawn per unit. */
export type Tie = 'tied' | 'random';

/** How to initialise a one-hidden-layer network. Default scale 0.5, default dist 'normal'. */
export type InitScheme =
  | { kind: 'zero' }
  | { kind: 'constant'; c: number }
  | { kind: 'identical'; dist?: Dist; scale?: number }
  | { kind: 'normal'; scale?: number }
  | { kind: 'uniform'; scale?: number }
  | { kind: 'glorot'; dist?: Dist }
  | { kind: 'he'; dist?: Dist }
  | { kind: 'tied'; incoming: Tie; bias: Tie; outgoing: Tie; dist?: Dist; scale?: number }
  | { kind: 'perturbed'; eps: number; dist?: Dist; scale?: number };

/** The scheme names accepted by initParams. */
export const INIT_KINDS = ['zero', 'constant', 'identical', 'normal', 'uniform', 'glorot', 'he', 'tied', 'perturbed'] as const;

const DEFAULT_SCALE = 0.5;

function drawer(rng: Rng, dist: unknown, scale: number): () => number {
  const D = oneOf('init dist', dist ?? 'normal', ['normal', 'uniform'] as const);
  return D === 'normal' ? () => scale * rng.normal() : () => scale * (2 * rng.uniform() - 1);
}

/**
 * Fills the per-unit parameters (column j of W, b_j, row j of W2); a 'tied' group is drawn once and
 * copied to every unit, a 'random' group is drawn for each unit. The output bias b2 is left alone.
 */
function fillUnits(L: Layout, p: Float64Array, draw: () => number, tIn: Tie, tB: Tie, tOut: Tie, sIn = draw, sOut = draw): void {
  const { k, d, m } = L;
  const inShared = Array.from({ length: k }, () => (tIn === 'tied' ? sIn() : 0));
  const bShared = tB === 'tied' ? draw() : 0;
  const outShared = Array.from({ length: m }, () => (tOut === 'tied' ? sOut() : 0));
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < k; i++) p[L.iW + i * d + j] = tIn === 'tied' ? inShared[i] : sIn();
    if (L.biases) p[L.ib + j] = tB === 'tied' ? bShared : draw();
    for (let o = 0; o < m; o++) p[L.iW2 + j * m + o] = tOut === 'tied' ? outShared[o] : sOut();
  }
}

/**
 * Initial parameters for layout L. zero/constant: every parameter (biases too) is 0/c.
 * identical: one random unit copied to all d units. normal/uniform: every parameter random.
 * glorot/he: weights by fan (Glorot: var 2/(fan_in+fan_out); He: var 2/fan_in), biases 0.
 * tied: each of incoming weights, hidden biases, outgoing weights tied or random.
 * perturbed: identical + eps·N(0,1) on every per-unit parameter (eps = 0 gives exactly identical).
 * Output biases b2 are 0 except for constant (c) and normal/uniform (random).
 */
export function initParams(L: Layout, scheme: InitScheme, rng: Rng): Float64Array {
  const p = new Float64Array(L.size);
  const kind = oneOf('init scheme', scheme?.kind, INIT_KINDS);
  const s = scheme as Record<string, unknown>;
  const scale = () => positive('init scale', s.scale ?? DEFAULT_SCALE);
  switch (kind) {
    case 'zero':
      return p;
    case 'constant':
      return p.fill(finite('init constant c', s.c));
    case 'identical':
      fillUnits(L, p, drawer(rng, s.dist, scale()), 'tied', 'tied', 'tied');
      return p;
    case 'normal':
    case 'uniform': {
      const draw = drawer(rng, kind, scale());
      fillUnits(L, p, draw, 'random', 'random', 'random');
      if (L.biases) for (let o = 0; o < L.m; o++) p[L.ib2 + o] = draw();
      return p;
    }
    case 'glorot':
    case 'he': {
      // Uniform on [−a, a] has variance a²/3, so a = √3·std matches the normal's variance.
      const u = oneOf('init dist', s.dist ?? 'normal', ['normal', 'uniform'] as const) === 'uniform' ? Math.sqrt(3) : 1;
      const std = (fanIn: number, fanOut: number) => u * Math.sqrt(kind === 'he' ? 2 / fanIn : 2 / (fanIn + fanOut));
      const dIn = drawer(rng, s.dist, std(L.k, L.d));
      const dOut = drawer(rng, s.dist, std(L.d, L.m));
      fillUnits(L, p, () => 0, 'random', 'random', 'random', dIn, dOut);
      return p;
    }
    case 'tied': {
      const ties = ['tied', 'random'] as const;
      const tIn = oneOf('init incoming', s.incoming, ties);
      const tB = oneOf('init bias', s.bias, ties);
      const tOut = oneOf('init outgoing', s.outgoing, ties);
      fillUnits(L, p, drawer(rng, s.dist, scale()), tIn, tB, tOut);
      return p;
    }
    case 'perturbed': {
      const eps = nonNegative('init eps ε', s.eps);
      fillUnits(L, p, drawer(rng, s.dist, scale()), 'tied', 'tied', 'tied');
      // Noise is drawn even when ε = 0 so that ε only scales it: the same seed gives the same direction.
      const end = L.biases ? L.ib2 : L.size;
      for (let q = 0; q < end; q++) p[q] += eps * rng.normal();
      return p;
    }
  }
  throw new ConfigError('init scheme', 'is unknown', kind);
}
