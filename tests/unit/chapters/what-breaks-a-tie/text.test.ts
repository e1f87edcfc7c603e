import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compute } from '../../../support/figures.ts';
import grid from '../../../../src/chapters/what-breaks-a-tie/figures/tie-grid.ts';

// What the chapter's text claims about the grid, read from the MDX and checked against the grid's runs.
const body = readFileSync('content/what-breaks-a-tie.mdx', 'utf8').replace(/\s+/g, ' ');
type GridData = ReturnType<typeof grid.compute>;

describe('what breaks a tie: the text against the grid', () => {
  const d = compute<GridData>(grid);
  /** The mechanisms that split an identical non-zero start for at least one activation. */
  const splitters = new Set(d.cells.filter((c) => c.start === 'tied' && c.verdict === 'broken').map((c) => c.id));

  it('"only three things split an identical start of two separate units": random start, dropout, position-dependent orders', () => {
    expect(body).toContain('Only three things split an identical start of two separate units: a random start, dropout, and a summation order that depends on the unit\'s position.');
    expect([...splitters].sort()).toEqual(['blocked32', 'blocked64', 'dropout', 'pairwise32', 'pairwise64', 'random']);
  });

  it('the shared row uses the blocked float64 order yet is not among them, and the text cites the run, not a typed count', () => {
    expect(splitters.has('shared64')).toBe(false);
    expect(d.shared.tied).toBe(d.shared.of);
    const advice = body.slice(body.indexOf('## Practical advice'));
    expect(advice).toMatch(/one parameter used twice, so that there is only one copy to update: in the grid's shared row/);
    expect(advice).toContain('<Value of="tie-grid" at="shared.tied" digits={6} />');
    expect(advice).toMatch(/steps about twice as far/);
  });

  it('"every identical non-zero start of two separate units" is split by the position-dependent orders', () => {
    for (const m of ['blocked64', 'blocked32', 'pairwise64', 'pairwise32']) {
      expect(d.cells.filter((c) => c.start === 'tied' && c.id === m).every((c) => c.verdict === 'broken'), m).toBe(true);
    }
  });

  it('"a random draw is the only mechanism that splits a zero start of tanh, ReLU or linear units"', () => {
    expect(body).toContain('start from a random draw: in the grid it is the only mechanism that splits a zero start of tanh, ReLU or linear units');
    const zero = d.cells.filter((c) => c.start === 'zero' && c.act !== 'sigmoid' && c.verdict === 'broken').map((c) => c.id);
    expect(new Set(zero)).toEqual(new Set(['random']));
  });
});
