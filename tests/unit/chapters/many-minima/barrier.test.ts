import { describe, expect, it } from 'vitest';
import { relabel } from '../../../../src/chapters/many-minima/group.ts';
import { barrier, barrierPair, linearPath } from '../../../../src/chapters/many-minima/barrier.ts';
import { TRAIN } from '../../../../src/chapters/many-minima/fit.ts';
import { sweepNet } from '../../../../src/chapters/many-minima/sweep.ts';
import { wideModel } from '../../../../src/chapters/many-minima/wide.ts';

describe('barrier', () => {
  it('is the top of the path minus the mean of its ends, and the largest rise above the chord', () => {
    const path = [{ t: 0, loss: 1 }, { t: 0.5, loss: 5 }, { t: 1, loss: 3 }];
    expect(barrier(path)).toEqual({ mean: 3, chord: 3 });
    const slope = [{ t: 0, loss: 1 }, { t: 0.5, loss: 2 }, { t: 1, loss: 3 }];
    // A straight climb has no barrier over its chord, but its top is above the ends' mean.
    expect(barrier(slope)).toEqual({ mean: 1, chord: 0 });
  });
  it('linearPath runs from a to b', () => {
    const model = wideModel(TRAIN, 4, 'relu');
    const a = sweepNet(4, 'relu', 1, 200, 0.01).params;
    const b = sweepNet(4, 'relu', 2, 200, 0.01).params;
    const path = linearPath(model, a, b, 11);
    expect(path).toHaveLength(11);
    expect(path[0].t).toBe(0);
    expect(path[10].t).toBe(1);
    const g = new Float64Array(a.length);
    const idx = Int32Array.from({ length: TRAIN.n }, (_, i) => i);
    expect(path[0].loss).toBe(model.lossGrad(a, g, idx, 0, TRAIN.n));
    expect(path[10].loss).toBe(model.lossGrad(b, g, idx, 0, TRAIN.n));
  });
  it('is zero for a net against its own permutation after matching, and not before', () => {
    for (const act of ['relu', 'tanh'] as const) {
      const M = 16;
      const model = wideModel(TRAIN, M, act);
      const a = sweepNet(M, act, 3, 300, 0.01).params;
      const perm = Array.from({ length: M }, (_, j) => (j * 5 + 3) % M);
      const b = relabel(model.layout, a, { perm, signs: new Array<number>(M).fill(1) });
      const r = barrierPair(model, act, a, b, 25);
      expect(Array.from(r.matched)).toEqual(Array.from(a));
      // The path is then (1 − t)·a + t·a, which is a only up to one rounding per weight: a change of about ε·‖a‖·‖∇L‖.
      expect(r.barrierAfter.mean).toBeLessThan(1e-14);
      expect(r.barrierAfter.chord).toBeLessThan(1e-14);
      expect(r.barrierBefore.mean).toBeGreaterThan(1e-2);
    }
  });
});
