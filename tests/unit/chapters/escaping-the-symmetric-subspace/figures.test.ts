import { describe, expect, test } from 'vitest';
import { compute, render } from '../../../support/figures.ts';
import { computeFigure } from '../../../../src/figure/run.ts';
import { defaults } from '../../../../src/figure/define.ts';
import type { Computed, Values } from '../../../../src/figure/types.ts';
import { trajectory as runTrajectory } from '../../../../src/chapters/escaping-the-symmetric-subspace/jobs.ts';
import { RELU_SPEC, sweep } from '../../../../src/chapters/escaping-the-symmetric-subspace/plateau.ts';
import { REGIME_COLUMNS, regimeGrid } from '../../../../src/chapters/escaping-the-symmetric-subspace/regime.ts';
import regime from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-regime.ts';
import relu from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-relu.ts';
import theory from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-theory.ts';
import trajectory from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-trajectory.ts';

type Data<F> = F extends { compute(...a: never[]): infer D } ? D : never;

describe('escape-trajectory', () => {
  test('at its defaults the erf run escapes at α = 367 with the gap never exactly 0', () => {
    const d = compute<Data<typeof trajectory>>(trajectory);
    expect(d.escape).toBe(367);
    expect(d.zeroChecks).toBe(0);
    expect(d.checks).toBe(1001);
    expect(d.summary).toMatch(/^Escaped at α = 367; on the plateau ln\(gap\) grew at λ = 0\.0248 per unit α\.$/);
  });

  test('at ε = 0 the units are identical at every check, and the strip says "exactly 0" at all of them', () => {
    const { data, html } = render<Data<typeof trajectory>>(trajectory, { zero: true });
    expect(data.escape).toBeNull();
    expect([data.zeroChecks, data.checks]).toEqual([1001, 1001]);
    expect(data.summary).toBe('Not escaped by α = 1000: with ε = 0 the units are identical at every check.');
    expect(html).toContain('gap exactly 0 (w₁ = w₂ bit for bit) at 1001 of 1001 checks');
  });

  test('a diverging η says so in the note and draws only finite numbers', () => {
    const { data, html } = render<Data<typeof trajectory>>(trajectory, { act: 'relu', eta: 4 });
    expect(data.note).toMatch(/^diverged at α = \d+: lower the learning rate\.$/);
    expect(data.divergedAlpha).toBeGreaterThan(0);
    expect(data.summary).toBeNull();
    expect(html).not.toMatch(/NaN|Infinity/);
  });

  test('streaming: each partial is a running prefix of the final data, built only when asked for', () => {
    const partials: Computed[] = [];
    let reports = 0;
    const fig = trajectory;
    const final = computeFigure(fig, defaults(fig.controls), {
      live: true, memo: new Map(),
      progress: (done, partial) => {
        expect(done).toBeGreaterThan(0);
        expect(done).toBeLessThan(1);
        // Ask for every tenth partial only, as the worker asks ~20 a second.
        if (reports++ % 10 === 0) partials.push(partial());
      },
    }) as Data<typeof trajectory>;
    expect(partials.length).toBeGreaterThan(2);
    for (const p of partials as Data<typeof trajectory>[]) {
      expect(p.note).toMatch(/^Running… α = \d+ of 1000 \(\d+%\)\.$/);
      expect(p.rows).toEqual(final.rows.slice(0, p.rows.length));
    }
    expect(final.note).toBeUndefined();
  });
});

describe('escape-relu', () => {
  test('at the default cap the rows are the sweep of RELU_SPEC bit for bit, with the old means and power', () => {
    const d = compute<Data<typeof relu>>(relu);
    expect(d.cap).toBe(RELU_SPEC.maxAlpha);
    expect(d.rows).toEqual(sweep(RELU_SPEC));
    expect(d.means.map((m) => [m.escaped, m.of])).toEqual([[6, 6], [6, 6], [6, 6]]);
    // The means and power the chapter's text quotes, to the digits it prints them with.
    expect(d.means.map((m) => +m.mean!.toPrecision(3))).toEqual([24.3, 62.2, 322]);
    expect(+d.power!.toPrecision(2)).toBe(0.56);
  });

  test('a lower cap cuts the full-cap runs exactly as runs stopped at that cap would be', () => {
    const d = compute<Data<typeof relu>>(relu, { cap: 500 });
    expect(d.rows).toEqual(sweep({ ...RELU_SPEC, maxAlpha: 500 }));
    // Seed 3 at ε = 1e-4 escapes at α = 919: not escaped by α = 500.
    expect(d.rows.filter((r) => r.escape_alpha === null).map((r) => [r.eps, r.seed])).toEqual([[1e-4, 3]]);
    expect(d.means[2]).toMatchObject({ escaped: 5, of: 6 });
    // With one ε not fully escaped, the power is fitted on the other two.
    expect(d.power).not.toBeNull();
    for (const [k, eps] of RELU_SPEC.eps.entries()) {
      const capped = runTrajectory({ activation: 'relu', eps, seed: 1, maxAlpha: 500 });
      expect(d.lines.filter((l) => l.eps === `ε = ${eps}`).map((l) => [l.alpha, l.gap])).toEqual(capped.rows.filter((r) => r.gap > 0).map((r) => [r.alpha, r.gap]));
      expect(d.labels[k].escape).toBe(capped.escape);
    }
  });
});

describe('escape-theory', () => {
  test('at its defaults: the simulation escapes at α = 307, the ODE at α = 239', () => {
    const d = compute<Data<typeof theory>>(theory);
    expect([d.simEscape, d.odeEscape]).toEqual([307, 239]);
    expect(+d.meanLogDev!.toPrecision(2)).toBe(0.44);
    expect(d.rows[0].eg_ode).toBe(d.rows[0].eg_sim); // the same initial overlaps
  });

  test('larger N brings the simulation closer to the ODE', () => {
    const dev = (N: '40' | '400') => compute<Data<typeof theory>>(theory, { N }).meanLogDev!;
    expect(dev('400')).toBeLessThan(dev('40'));
  });
});

describe('escape-regime', () => {
  test('the default cell (tanh, small scale, all tied, GD) moves but stays tied; the map counts 4 stuck, 11 tied, 70 broken', () => {
    const d = compute<Data<typeof regime>>(regime);
    expect(d.chosen).toMatchObject({ activation: 'tanh', start: 's·ttt', regime: 'tied', steps: 200 });
    expect(d.counts).toEqual({ stuck: 4, tied: 11, broken: 70 });
    expect(d.text).toBe('Chosen: tanh, small scale, W tied · b tied · V tied, gd — moves but stays symmetric: the units were bitwise equal at all 201 states.');
    // The map is regimeGrid's, cell for cell (the /data/regime.csv endpoint shares it through the memo).
    expect(d.cells.map((c) => c.regime)).toEqual(regimeGrid('gd').map((c) => c.regime));
    expect(d.cells.length).toBe(5 * REGIME_COLUMNS.length);
  });

  test('the chosen cell agrees with its cell of the map, for a zero start too', () => {
    const overs: Values[] = [{ act: 'sigmoid', scale: 'zero' }, { act: 'relu', tie: '1', scale: 'normal', opt: 'sgd' }];
    for (const over of overs) {
      const d = compute<Data<typeof regime>>(regime, over);
      const cell = d.cells.find((c) => c.activation === d.chosen.activation && c.start === d.chosen.start)!;
      expect(cell.regime).toBe(d.chosen.regime);
    }
    expect(compute<Data<typeof regime>>(regime, { act: 'sigmoid', scale: 'zero' }).text).toMatch(/^Chosen: sigmoid, all-zero start, gd — moves but stays symmetric/);
  });
});
