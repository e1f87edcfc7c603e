// The network each chapter opens with: drawn at build time from its frontmatter, so the first screen
// shows the network the chapter is about before the reader scrolls or any script runs.
import { makeRng } from '../core/random.ts';

/** How the opening network starts: every unit of a layer alike, every weight zero, or seeded random. */
export type HeroStart = 'tied' | 'zero' | 'random';

/** A chapter's opening network, as its frontmatter gives it. */
export interface Hero {
  layers: number[];
  start: HeroStart;
  labels?: string[][];
  caption: string;
}

// Tied weights differ from layer to layer (so the drawing shows two widths) but not within one.
const TIED = [0.6, 0.9, 0.45];

/** The weights of a hero network, weights[l][j][i] from unit i of layer l to unit j of layer l+1. */
export function heroWeights(layers: readonly number[], start: HeroStart, seed = 7): number[][][] {
  const rng = makeRng(seed);
  return layers.slice(1).map((units, l) =>
    Array.from({ length: units }, () =>
      Array.from({ length: layers[l] }, () => (start === 'zero' ? 0 : start === 'tied' ? TIED[l % TIED.length] : 0.5 * rng.normal())),
    ),
  );
}
