import { describe, expect, it } from 'vitest';
import { compute, render } from '../../../support/figures.ts';
import { codeExcerpt } from '../../../../src/figure/excerpts.ts';
import type { Values } from '../../../../src/figure/types.ts';
import run from '../../../../src/chapters/zero-init-quiz/figures/quiz-run.ts';
import conventions from '../../../../src/chapters/zero-init-quiz/figures/quiz-conventions.ts';
import units from '../../../../src/chapters/zero-init-quiz/figures/quiz-units.ts';

type RunData = ReturnType<typeof run.compute>;
type ConventionsData = ReturnType<typeof conventions.compute>;
type UnitsData = ReturnType<typeof units.compute>;

describe('zero-init quiz figures', () => {
  it('each draws two charts', () => {
    for (const fig of [run, conventions, units]) expect(render(fig).html.match(/<svg/g)).toHaveLength(2);
  });

  it('quiz-run: the zero start is exactly 0 at chance, the others move and learn', () => {
    const { data, html } = render<RunData>(run);
    expect(data.zeroExact).toBe(true);
    expect(html).toContain('zero: exactly 0 at every step');
    const [zero, identical, random] = data.ends;
    expect([zero.start, identical.start, random.start]).toEqual(['zero', 'identical', 'random']);
    expect(zero.accuracy).toBe(0.5);
    expect(zero.c).not.toBe(0); // only the output bias moves
    expect(data.rows.filter((r) => r.start === 'zero').every((r) => r.weights === 0 && r.accuracy === 0.5)).toBe(true);
    const id = data.rows.filter((r) => r.start === 'identical');
    expect(id.some((r) => r.weights !== id[0].weights)).toBe(true);
    expect(random.accuracy).toBeGreaterThan(identical.accuracy);
    expect(identical.accuracy).toBeGreaterThan(0.5);
    expect(data.steps).toBe(1000);
  });

  it('quiz-run: on other data sets and rates the zero start stays exactly 0', () => {
    const overs: Values[] = [{ data: 7 }, { lr: 0.2, epochs: 2 }];
    for (const over of overs) {
      const d = compute<RunData>(run, over);
      expect(d.zeroExact).toBe(true);
      expect(d.ends[0].accuracy).toBe(0.5);
    }
  });

  it('quiz-conventions: every one of the twelve conventions leaves the weights at exactly 0, while ℓ′ ≠ 0 and c moves', () => {
    let grid: number[] | undefined;
    for (const loss of ['logistic', 'hinge', 'squared']) for (const relu0 of ['0', '1']) for (const biases of [true, false]) {
      const { data, html } = render<ConventionsData>(conventions, { loss, relu0, biases });
      expect(data.largest).toBe(0);
      expect(data.allZero).toBe(true);
      expect(html).toContain(`ReLU′(z) used = ${relu0}`);
      expect(data.grid).toHaveLength(12);
      expect(data.grid.filter((g) => g.chosen).map((g) => [g.loss, g.convention])).toEqual([[loss, `ReLU′(0)=${relu0}, ${biases ? 'biases' : 'no biases'}`]]);
      // The error signal at the start (o = c = 0) is −y/2, −y or −2y: never 0, for either label.
      for (const series of ['ℓ′(o), label +1', 'ℓ′(o), label −1']) expect(data.rows.find((r) => r.series === series)!.value).not.toBe(0);
      const c = data.rows.filter((r) => r.series === 'output bias c');
      expect(c.length > 0).toBe(biases);
      if (biases) expect(c.some((r) => r.value !== 0)).toBe(true);
      // The grid does not depend on the controls, only its highlight does.
      const cells = data.grid.map((g) => g.largest);
      grid ??= cells;
      expect(cells).toEqual(grid);
    }
  });

  it('quiz-conventions: end labels are pushed apart, never closer than 7% of the axis', () => {
    const { ends, domain } = compute<ConventionsData>(conventions);
    const gap = (domain[1] - domain[0]) * 0.07;
    for (let i = 1; i < ends.length; i++) expect(ends[i - 1].at - ends[i].at).toBeGreaterThanOrEqual(gap * (1 - 1e-12)); // 1e-12: the subtraction's rounding
  });

  it('quiz-units: ten identical lines for either start, while one unit’s inputs fan out', () => {
    for (const start of ['identical', 'constant']) {
      const { data, html } = render<UnitsData>(units, { start });
      expect(data.widest).toBe(0);
      expect(html).toContain('largest gap exactly 0');
      expect(data.fan).toBeGreaterThan(0);
      // Σⱼ vⱼh versus (Σⱼ vⱼ)h: the same sum in another order, so only a few roundings apart.
      expect(data.outGap).toBeLessThan(1e-12);
      const last = data.units.filter((q) => q.step === data.last).map((q) => q.weight);
      expect(new Set(last).size).toBe(1);
    }
  });

  it('the chapter’s excerpt is the network’s backward', () => {
    expect(codeExcerpt('chapters/zero-init-quiz/network.ts#backward').body).toMatch(/^\/\*\* Backward[\s\S]*layer 3[\s\S]*layer 2[\s\S]*layer 1[\s\S]*\}$/);
  });
});
