import { randomLcg, randomNormal, randomUniform } from 'd3-random';
import { ConfigError } from './errors.ts';

/** A seeded random stream: every draw comes from one d3-random LCG. */
export interface Rng {
  /** Standard normal draw N(0, 1). */
  normal: () => number;
  /** Uniform draw on [0, 1). */
  uniform: () => number;
  /** Uniform integer in [0, n). */
  int: (n: number) => number;
}

/** Checks a seed (an integer, so randomLcg never falls back to an unseeded source) and returns it. */
export function checkSeed(field: string, seed: unknown): number {
  if (typeof seed !== 'number' || !Number.isInteger(seed)) {
    throw new ConfigError(field, 'must be an integer', seed);
  }
  return seed;
}

/** Creates a seeded stream: randomLcg(seed) is the source of both the normal and the uniform draws. */
export function makeRng(seed: number): Rng {
  checkSeed('seed', seed);
  const lcg = randomLcg(seed);
  const normal = randomNormal.source(lcg)(0, 1);
  const uniform = randomUniform.source(lcg)(0, 1);
  return { normal, uniform, int: (n) => Math.floor(uniform() * n) };
}

/** Fisher–Yates shuffle of `order` in place, driven by rng (no allocation). */
export function shuffleInPlace(order: Int32Array, rng: Rng): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
}

/** Derives a second, independent-looking seed (for the data order) from a run's seed. */
export function deriveSeed(seed: number, salt: number): number {
  // An odd multiplier (Knuth's golden-ratio constant) mixes salt into the seed; | 0 keeps it an int32.
  return (Math.imul(seed ^ salt, 0x9e3779b1) ^ (seed >>> 16)) | 0;
}
