import { describe, expect, it } from 'vitest';
import { networkGeometry, networkTies } from '../../../src/figure/network.ts';
import { heroWeights } from '../../../src/site/hero.ts';

describe('a chapter\'s opening network', () => {
  const layers = [3, 4, 2];
  it('tied: every unit of a layer has the same weights, so the hidden units are one tie group', () => {
    const ties = networkTies({ layers, weights: heroWeights(layers, 'tied') });
    expect(ties).toContainEqual({ layer: 1, units: [0, 1, 2, 3] });
  });
  it('zero: no weight, so no connection is drawn', () => {
    const g = networkGeometry({ layers, weights: heroWeights(layers, 'zero'), width: 340, height: 170 });
    expect(g.edges).toEqual([]);
    expect(g.nodes).toHaveLength(9);
  });
  it('random: seeded, so two builds draw the same network, and no two hidden units alike', () => {
    expect(heroWeights(layers, 'random')).toEqual(heroWeights(layers, 'random'));
    expect(networkTies({ layers, weights: heroWeights(layers, 'random') })).toEqual([]);
    expect(heroWeights(layers, 'random').map((m) => m.length)).toEqual([4, 2]);
  });
});
