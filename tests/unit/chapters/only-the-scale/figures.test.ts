import { describe, expect, it } from 'vitest';
import { drawNow, moved } from '../../../support/figures.ts';
import { defaults } from '../../../../src/figure/controls.ts';
import type { Rendered } from '../../../../src/figure/types.ts';
import rates from '../../../../src/chapters/only-the-scale/figures/perceptron-rates.ts';
import start from '../../../../src/chapters/only-the-scale/figures/perceptron-start.ts';
import epochs from '../../../../src/chapters/only-the-scale/figures/perceptron-epochs.ts';

const draw = drawNow;

describe('perceptron figures', () => {
  for (const [name, fig] of [['perceptron-rates', rates], ['perceptron-start', start], ['perceptron-epochs', epochs]] as const) {
    it(`${name}: every control changes the chart, and no NaN reaches it`, () => {
      const state = {};
      const base = defaults(fig.controls);
      let before = draw(fig, base, state).node.outerHTML;
      expect(before).not.toMatch(/NaN|Infinity/);
      for (const c of fig.controls) {
        const params = { ...base, ...moved(fig, c.name, base) };
        const out = draw(fig, params, state);
        expect(out.node.outerHTML, c.label).not.toBe(before);
        expect(out.node.outerHTML + out.alt).not.toMatch(/NaN|Infinity/);
        before = out.node.outerHTML;
      }
    });
  }

  it('one boundary, many rates: 0 differing predictions and equal w/η at defaults', () => {
    const out = draw(rates, defaults(rates.controls));
    expect(out.node.textContent).toMatch(/0 at every one of 801 steps, for every η/);
    const rows = out.rows as { w1_over_eta: number; w2_over_eta: number; max_differing: number }[];
    expect(rows).toHaveLength(5);
    for (const r of rows) {
      expect(r.max_differing).toBe(0);
      // w/η across rates differs only by rounding (see tests/unit/only-the-scale.test.ts)
      expect(Math.abs(r.w2_over_eta - rows[3].w2_over_eta)).toBeLessThan(1e-12 * (1 + Math.abs(rows[3].w2_over_eta)));
    }
    expect(out.node.textContent).toMatch(/Training errors in the last epoch: 0 for every η/);
  });

  it('one boundary, many rates: points are added, removed, and kept in the state', () => {
    const state: Record<string, unknown> = {};
    const p = defaults(rates.controls);
    const count = (o: Rendered) => Number(o.alt.match(/^(\d+) points/)![1]);
    expect(count(draw(rates, p, state))).toBe(40);
    expect(count(draw(rates, { ...p, action: 'add' }, state))).toBe(41);
    expect(count(draw(rates, { ...p, action: 'add', label: '-1' }, state))).toBe(42);
    expect(count(draw(rates, p, state))).toBe(42); // a render without a press keeps the reader's points
    for (const n of [41, 40, 39]) expect(count(draw(rates, { ...p, action: 'remove' }, state))).toBe(n);
    const noisy = draw(rates, { ...p, separable: false }, state);
    expect(noisy.alt).toMatch(/coincide exactly/);
  });

  it('start elsewhere: rates disagree, (kη, k·w⁽⁰⁾) never does, and a zero start agrees again', () => {
    const p = defaults(start.controls);
    const rows = draw(start, p).rows as { mostDiffering: number; kCheck: number }[];
    expect(Math.max(...rows.map((r) => r.mostDiffering))).toBeGreaterThan(0);
    expect(rows.every((r) => r.kCheck === 0)).toBe(true);
    const zero = draw(start, { ...p, b0: 0, w1: 0, w2: 0 }).rows as { mostDiffering: number }[];
    expect(zero.every((r) => r.mostDiffering === 0)).toBe(true);
  });

  it('weights over epochs: divided by η the curves coincide from 0 and part from w⁽⁰⁾ ≠ 0', () => {
    const p = defaults(epochs.controls);
    expect(draw(epochs, p).alt).toMatch(/the five curves coincide/);
    expect(draw(epochs, { ...p, nonzero: true }).alt).toMatch(/the five curves differ/);
  });
});
