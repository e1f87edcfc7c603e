import { LOSS_BOUND } from '../../core/train.ts';
import { barrierPair } from './barrier.ts';
import { fit, randomStart, TRAIN, type Fit } from './fit.ts';
import { wideModel } from './wide.ts';

/** The widths of the barrier sweep, and the points along each straight path. */
export const WIDTHS = [4, 16, 64, 256] as const;
export const PATH_POINTS = 25;

/** One net of the sweep: M units of σ from seed, trained by full-batch Adam (rate annealed to 0) on the plain squared loss, no weight decay. */
export function sweepNet(M: number, act: 'tanh' | 'relu', seed: number, steps: number, lr: number): Fit {
  const model = wideModel(TRAIN, M, act);
  return fit(model, { start: randomStart(model.layout, seed), steps, lr, anneal: true });
}

/** A net usable at both ends of a path: it trained without diverging to a finite, bounded loss. */
export const usable = (f: Fit): boolean => !f.diverged && Number.isFinite(f.loss) && f.loss <= LOSS_BOUND;

/** Every pair (i < j) of the nets at one width: the straight path and its barrier, before and after matching units, and whether matching kept b's order. */
export function widthPairs(M: number, act: 'tanh' | 'relu', nets: readonly { seed: number; fit: Fit }[]) {
  const model = wideModel(TRAIN, M, act);
  const out = [];
  for (let i = 0; i < nets.length; i++) for (let j = i + 1; j < nets.length; j++) {
    const [a, b] = [nets[i], nets[j]];
    if (!usable(a.fit) || !usable(b.fit)) continue;
    const r = barrierPair(model, act, a.fit.params, b.fit.params, PATH_POINTS);
    // Matching can return b's own order: then the two paths are one, and so are their barriers.
    const identity = r.matched.every((v, q) => v === b.fit.params[q]);
    out.push({ M, a: a.seed, b: b.seed, before: r.before, after: r.after, barrierBefore: r.barrierBefore, barrierAfter: r.barrierAfter, lossA: a.fit.loss, lossB: b.fit.loss, identity });
  }
  return out;
}
