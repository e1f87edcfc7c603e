import { describe, expect, it } from 'vitest';
import { drawNow, moved } from '../../../support/figures.ts';
import { defaults } from '../../../../src/figure/controls.ts';
import type { FigureModule, Params } from '../../../../src/figure/types.ts';
import run from '../../../../src/chapters/zero-init-quiz/figures/quiz-run.ts';
import conventions from '../../../../src/chapters/zero-init-quiz/figures/quiz-conventions.ts';
import units from '../../../../src/chapters/zero-init-quiz/figures/quiz-units.ts';

const draw = (fig: FigureModule, params: Params) => drawNow(fig, params);

describe('zero-init quiz figures', () => {
  for (const [name, fig] of [['quiz-run', run], ['quiz-conventions', conventions], ['quiz-units', units]] as const) {
    it(`${name}: every control changes the chart; two SVGs, no NaN`, () => {
      const base = defaults(fig.controls);
      const before = draw(fig, base);
      expect(before.node.querySelectorAll('svg').length).toBe(2);
      expect(before.node.outerHTML).not.toMatch(/NaN|Infinity/);
      for (const c of fig.controls) {
        const after = draw(fig, { ...base, ...moved(fig, c.name, base) });
        expect(after.node.outerHTML, c.label).not.toBe(before.node.outerHTML);
        expect(after.node.outerHTML).not.toMatch(/NaN|Infinity/);
      }
    });
  }

  it('quiz-run: the zero start is reported exactly 0 at chance, the others move', () => {
    const out = draw(run, defaults(run.controls));
    expect(out.alt).toMatch(/all-zero start: every weight is exactly 0 at every step/);
    expect(out.alt).toMatch(/accuracy 0\.500\./);
    expect(out.node.textContent).toContain('zero: exactly 0 at every step');
    const rows = out.rows as { start: string; weights: number }[];
    expect(rows.filter((r) => r.start === 'zero').every((r) => r.weights === 0)).toBe(true);
    expect(rows.filter((r) => r.start === 'identical').some((r) => r.weights !== rows.find((q) => q.start === 'identical')!.weights)).toBe(true);
  });

  it('quiz-conventions: every one of the twelve conventions leaves the weights at exactly 0', () => {
    for (const loss of ['logistic', 'hinge', 'squared']) for (const relu0 of ['0', '1']) for (const biases of [true, false]) {
      const out = draw(conventions, { loss, relu0, biases });
      expect(out.alt).toMatch(/the largest weight in W, b, v is exactly 0 throughout/);
      expect(out.alt).toMatch(/exactly 0 in every one/);
      expect(out.node.textContent).toContain(`ReLU′(z) used = ${relu0}`);
    }
  });

  it('quiz-units: ten identical lines for either start, while one unit’s inputs fan out', () => {
    for (const start of ['identical', 'constant']) {
      const out = draw(units, { ...defaults(units.controls), start });
      expect(out.alt).toMatch(/the ten lines coincide exactly/);
      expect(out.node.textContent).toContain('largest gap exactly 0');
      const spread = Number(out.alt.match(/ending ([\d.]+) apart/)![1]);
      expect(spread).toBeGreaterThan(0);
    }
  });
});
