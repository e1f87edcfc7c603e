import { describe, expect, it } from 'vitest';
import { fit, randomStart, TRAIN } from '../../../../src/chapters/many-minima/fit.ts';
import { PATH_POINTS, sweepNet, usable, WIDTHS, widthPairs } from '../../../../src/chapters/many-minima/sweep.ts';
import { wideModel } from '../../../../src/chapters/many-minima/wide.ts';

describe('the sweep', () => {
  it('spans four widths up to 256', () => {
    expect([...WIDTHS]).toEqual([4, 16, 64, 256]);
  });
  it('sweepNet is Adam with an annealed rate on the plain loss, from the seeded start', () => {
    const model = wideModel(TRAIN, 16, 'relu');
    const a = sweepNet(16, 'relu', 2, 300, 0.01);
    const b = fit(model, { start: randomStart(model.layout, 2), steps: 300, lr: 0.01, anneal: true });
    expect(Array.from(a.params)).toEqual(Array.from(b.params));
    expect(usable(a)).toBe(true);
  });
  it('pairs every two usable nets once and leaves out a diverged one', () => {
    const nets = [1, 2, 3].map((seed) => ({ seed, fit: sweepNet(4, 'tanh', seed, 100, 0.01) }));
    const pairs = widthPairs(4, 'tanh', nets);
    expect(pairs.map((p) => [p.a, p.b])).toEqual([[1, 2], [1, 3], [2, 3]]);
    for (const p of pairs) expect(p.before).toHaveLength(PATH_POINTS);
    const broken = [...nets.slice(0, 2), { seed: 9, fit: { ...nets[2].fit, diverged: true } }];
    expect(widthPairs(4, 'tanh', broken).map((p) => [p.a, p.b])).toEqual([[1, 2]]);
    expect(usable({ ...nets[0].fit, loss: NaN })).toBe(false);
  });
});
