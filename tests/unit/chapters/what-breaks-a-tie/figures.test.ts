import { describe, expect, it } from 'vitest';
import { compute, numbersIn, render } from '../../../support/figures.ts';
import grid from '../../../../src/chapters/what-breaks-a-tie/figures/tie-grid.ts';
import { MECHANISMS, SETUP, STARTS, TIE_ACTS } from '../../../../src/chapters/what-breaks-a-tie/mechanisms.ts';

type GridData = ReturnType<typeof grid.compute>;

describe('tie-grid', () => {
  it('its controls default to SETUP, and it reports the settings it ran', () => {
    const d = compute<GridData>(grid);
    expect(d.setup).toEqual({ lr: SETUP.lr, steps: SETUP.steps, dropout: SETUP.dropout, decay: SETUP.decay, noise: SETUP.noise });
    expect(d.cells).toHaveLength(TIE_ACTS.length * STARTS.length * MECHANISMS.length);
    expect(d.note).toBeUndefined();
  });

  it('one parameter used twice is tied from every identical non-zero start, under the sums that split separate units', () => {
    const d = compute<GridData>(grid);
    expect(d.shared.of).toBe(TIE_ACTS.length);
    expect(d.shared.tied).toBe(d.shared.of);
    for (const a of TIE_ACTS) expect(d.splitAt[`${a}_tied_blocked64`], a).toBeGreaterThan(0);
  });

  it('re-runs the whole grid with the chosen settings, and names them in the chosen run', () => {
    const d = compute<GridData>(grid, { mech: 'dropout', dropout: 0.25, steps: 50 });
    expect(d.setup).toMatchObject({ dropout: 0.25, steps: 50 });
    expect(d.steps).toBe(50);
    expect(d.text).toMatch(/dropout, rate p = 0\.25/);
    for (const c of d.cells.filter((x) => x.verdict !== 'broken')) expect(c.split).toBeNull();
  });

  it('p = 0 says it is plain gradient descent', () => {
    const d = compute<GridData>(grid, { mech: 'dropout', dropout: 0 });
    expect(d.text).toMatch(/With p = 0 no unit is ever dropped.*plain gradient descent/);
    expect(d.cells.filter((c) => c.id === 'dropout').map((c) => c.verdict)).not.toContain('broken');
  });

  it('a diverging run: a note with the step, "diverged" in the grid, nothing non-finite on the chart', () => {
    const { data, html } = render<GridData>(grid, { act: 'identity', mech: 'gd', lr: 2 });
    const chosen = data.cells.find((c) => c.act === 'identity' && c.start === 'tied' && c.id === 'gd')!;
    expect(chosen.verdict).toBe('diverged');
    expect(chosen.label).toBe(`div. ${chosen.diverged}`);
    expect(data.note).toContain(`The chosen run diverged at step ${chosen.diverged} (η = 2)`);
    expect(data.note).toMatch(new RegExp(`${data.counts.diverged} of ${data.total} runs diverged`));
    expect(data.text).toMatch(/diverged: the loss or a parameter overflowed at step \d+/);
    expect(numbersIn(data.series).every(Number.isFinite)).toBe(true);
    expect(html).not.toContain('NaN');
    expect(html).not.toContain('Infinity');
  });

  it('out-of-range settings: refused before any run, naming the setting (the page shows the message as the figure’s note)', () => {
    for (const [over, message] of [
      [{ dropout: 1 }, 'Dropout rate p: 1 is outside [0, 0.95]'],
      [{ lr: -0.1 }, 'Learning rate η: -0.1 is outside [0.01, 2]'],
      [{ steps: 12.5 }, 'Steps: 12.5 is not a whole number'],
      [{ decay: -1 }, 'Weight decay γ: -1 is outside [0, 0.2]'],
      [{ noise: Number.NaN }, 'Label and input noise σ: "NaN" is not a finite number'],
    ] as const) expect(() => compute<GridData>(grid, over), message).toThrow(new RangeError(message));
  });
});
