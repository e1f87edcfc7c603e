import { describe, expect, test } from 'vitest';
import { ACTIVATIONS } from '../../../../src/core/activations.ts';
import { classify, regimeCell, regimeGrid, regimeRun, REGIME_COLUMNS, TIE_PATTERNS } from '../../../../src/chapters/escaping-the-symmetric-subspace/regime.ts';

const ALL_TIED = 1; // small scale, W b V all tied
const V_RANDOM = 2; // small scale, W b tied, V random

describe('regime map', () => {
  test('a zero start is stuck for identity, tanh, ReLU and erf but moves and stays tied for the sigmoid', () => {
    for (const a of ['identity', 'tanh', 'relu', 'erf'] as const) expect(regimeCell(a, 0).regime).toBe('stuck');
    expect(regimeCell('sigmoid', 0).regime).toBe('tied');
  });

  test('all tied at a non-zero scale: moves, stays bitwise tied (GD and SGD)', () => {
    for (const a of ACTIVATIONS) for (const opt of ['gd', 'sgd'] as const) expect(regimeCell(a, ALL_TIED, opt).regime).toBe('tied');
  });

  test('only V random: features equal at step 0, split at step 1 (incoming gradients ∝ V_j)', () => {
    for (const a of ACTIVATIONS) {
      const c = regimeCell(a, V_RANDOM);
      expect(c.regime).toBe('broken');
      expect(c.firstDiffer).toBe(0);
      expect(c.featuresDiffer).toBe(1);
    }
  });

  test('any random piece at a non-zero scale breaks the tie; the grid has 5 × 17 cells', () => {
    const g = regimeGrid();
    expect(g.length).toBe(5 * REGIME_COLUMNS.length);
    for (const c of g) {
      const col = REGIME_COLUMNS[c.column];
      const anyRandom = col.tie !== null && (col.tie.incoming === 'random' || col.tie.bias === 'random' || col.tie.outgoing === 'random');
      expect(c.regime === 'broken').toBe(anyRandom);
    }
  });

  test('regimeGrid reports each cell as it is done, the cells so far a prefix of the map', () => {
    const seen: [number, number][] = [];
    const g = regimeGrid('sgd', (cells, done) => seen.push([cells.length, done]));
    expect(seen.length).toBe(g.length);
    expect(seen.map(([n]) => n)).toEqual(g.map((_, i) => i + 1));
    expect(seen[seen.length - 1][1]).toBe(1);
    expect(g).toEqual(regimeGrid('sgd'));
  });

  test('classify reads the trace exactly: a stuck run has all hidden-unit parameters equal to the start', () => {
    const t = regimeRun('tanh', TIE_PATTERNS[0], 'zero');
    const c = classify(t);
    expect(c.regime).toBe('stuck');
    // The output bias still learned the mean: it is the only parameter that moved.
    expect(t.params[(t.rows - 1) * t.nParams + t.layout.ib2]).not.toBe(0);
  });
});
