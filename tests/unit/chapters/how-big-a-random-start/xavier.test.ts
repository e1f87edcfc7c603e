import { describe, expect, it } from 'vitest';
import { linearGains, measureGains, SHAPES } from '../../../../src/chapters/how-big-a-random-start/xavier.ts';

describe('linear-net gains', () => {
  it('LeCun (deeplearning.ai’s “Xavier”) keeps the forward gain at exactly 1 on any shape; Glorot only on equal widths', () => {
    for (const w of Object.values(SHAPES)) expect(linearGains(w, 'dlai').forward).toBeCloseTo(1, 14);
    expect(linearGains(SHAPES.equal, 'glorot')).toEqual({ forward: 1, backward: 1 });
    // Playground [2, 8, 8, 1]: Glorot gives 2·(2/10) · 8·(2/16) · 8·(2/9) = 32/45 forward, and 8·0.2 · 1 · 1·(2/9) = 16/45 backward.
    expect(linearGains(SHAPES.playground, 'glorot').forward).toBeCloseTo(32 / 45, 14);
    expect(linearGains(SHAPES.playground, 'glorot').backward).toBeCloseTo(16 / 45, 14);
    expect(linearGains(SHAPES.playground, 'dlai').backward).toBeCloseTo(0.5, 14);
  });

  it('a Monte Carlo of linear nets agrees with the predicted gains within 4 standard errors', () => {
    for (const rule of ['dlai', 'glorot', 'he'] as const) {
      for (const w of [SHAPES.playground, SHAPES.funnel]) {
        const m = measureGains(w, rule, 4000, 8, 3);
        const p = linearGains(w, rule);
        expect(Math.abs(m.forward.mean - p.forward)).toBeLessThan(4 * m.forward.se);
        expect(Math.abs(m.backward.mean - p.backward)).toBeLessThan(4 * m.backward.se);
      }
    }
  });
});
