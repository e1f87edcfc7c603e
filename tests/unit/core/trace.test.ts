import { describe, expect, it } from 'vitest';
import { regressionData } from '../../../src/core/datasets.ts';
import { mlpModel } from '../../../src/core/mlp.ts';
import { finalLoss, idxB, idxB2, idxW, idxW2, incomingAt, outgoingAt, paramAt, paramSeries, paramsAt, unitsIdenticalAt } from '../../../src/core/trace.ts';
import { train } from '../../../src/core/train.ts';

describe('trace readers', () => {
  const data = regressionData({ n: 16, k: 2, m: 2, seed: 2 });
  const t = train(mlpModel(data, { d: 3, activation: 'tanh' }), { init: { kind: 'normal' }, steps: 20 });
  it('index helpers follow the documented layout', () => {
    // k = 2, d = 3, m = 2: W (6), b (3), W2 (6), b2 (2)
    expect([idxW(t, 1, 2), idxB(t, 0), idxW2(t, 2, 1), idxB2(t, 1)]).toEqual([5, 6, 14, 16]);
    expect(t.nParams).toBe(17);
  });
  it('unit readers pick the right entries at a step', () => {
    const s = 7;
    expect(Array.from(incomingAt(t, s, 2))).toEqual([paramAt(t, s, idxW(t, 0, 2)), paramAt(t, s, idxW(t, 1, 2)), paramAt(t, s, idxB(t, 2))]);
    expect(Array.from(outgoingAt(t, s, 1))).toEqual([paramAt(t, s, idxW2(t, 1, 0)), paramAt(t, s, idxW2(t, 1, 1))]);
    expect(paramsAt(t, s)[4]).toBe(paramAt(t, s, 4));
    expect(paramSeries(t, 3)[s]).toBe(paramAt(t, s, 3));
    expect(finalLoss(t)).toBe(t.loss[20]);
  });
  it('gapIn is the largest distance between incoming vectors (bias included)', () => {
    const s = 10;
    let best = 0;
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) {
      const u = incomingAt(t, s, a);
      const v = incomingAt(t, s, b);
      best = Math.max(best, Math.hypot(...u.map((x, i) => x - v[i])));
    }
    expect(t.gapIn[s]).toBeCloseTo(best, 14);
    expect(unitsIdenticalAt(t, s)).toBe(false);
  });
});
