import { describe, expect, test } from 'vitest';
import { compute, render } from '../../../support/figures.ts';
import { computeFigure } from '../../../../src/figure/run.ts';
import { defaults } from '../../../../src/figure/define.ts';
import type { Computed, Values } from '../../../../src/figure/types.ts';
import { tiedSaddle } from '../../../../src/chapters/escaping-the-symmetric-subspace/overlap-ode.ts';
import { REGIME_COLUMNS, regimeGrid } from '../../../../src/chapters/escaping-the-symmetric-subspace/regime.ts';
import regime from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-regime.ts';
import theory from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-theory.ts';
import trajectory from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-trajectory.ts';

type Data<F> = F extends { compute(...a: never[]): infer D } ? D : never;

describe('escape-trajectory', () => {
  test('at its defaults the erf run escapes at α = 367 with the gap never exactly 0', () => {
    const d = compute<Data<typeof trajectory>>(trajectory);
    expect(d.escape).toBe(367);
    expect(d.zeroChecks).toBe(0);
    expect(d.checks).toBe(1001);
    expect(d.summary).toMatch(/^Escaped at α = 367\. On the plateau \(ε_g ≈ 0\.0145 from α = 7\) ln\(gap\) grew at λ = 0\.0336 per unit α between α = 142 and 271: 1\/λ = 29\.7\. The ODE's linearisation at η = 0\.5 predicts λ = 0\.0343 \(1\/λ = 29\.1\)\.$/);
  });

  test('item 5: λ is fitted on the plateau only — after ε_g has reached it, once the gap grew tenfold, before 1e-2', () => {
    const d = compute<Data<typeof trajectory>>(trajectory);
    const g = d.growth!;
    const at = (a: number) => d.rows[a];
    expect(at(g.entry).eg).toBeLessThanOrEqual(1.25 * g.plateau);
    expect(at(g.entry - 1).eg).toBeGreaterThan(1.25 * g.plateau);
    expect(at(g.from).gap).toBeGreaterThanOrEqual(10 * at(g.entry).gap);
    expect(at(g.to).gap).toBeLessThan(1e-2);
    expect(at(g.to + 1).gap).toBeGreaterThanOrEqual(1e-2);
    // Against the ODE's λ at η = 0.5: a single run's window (~130 α at N = 40) carries about 5% of noise (sweep-figures).
    expect(d.predicted).toBe(tiedSaddle(0.5)!.lambda);
    expect(Math.abs(d.inverse! / d.predictedInverse! - 1)).toBeLessThan(0.05);
    expect(d.fitLine.map((p) => p.alpha)).toEqual([g.from, g.to]);
    // No prediction without the erf ODE, nor where the tied fixed point does not exist.
    expect(compute<Data<typeof trajectory>>(trajectory, { act: 'tanh' }).predicted).toBeNull();
    expect(compute<Data<typeof trajectory>>(trajectory, { eta: 2 }).predicted).toBeNull();
  });

  test('item 3, live: ε = 0 and unit 2 summed in reverse order — rounding alone splits erf units, ReLU stays tied', () => {
    const erf = compute<Data<typeof trajectory>>(trajectory, { zero: true, order: true });
    expect(erf.firstSplit).toBe(1);
    expect(erf.zeroChecks).toBeLessThan(erf.checks);
    // The rounding gap grows at the saddle's rate too: the plateau fit finds λ within 5% of the ODE's.
    expect(Math.abs(erf.growth!.lambda / erf.predicted! - 1)).toBeLessThan(0.05);
    const relu = compute<Data<typeof trajectory>>(trajectory, { zero: true, order: true, act: 'relu' });
    expect(relu.firstSplit).toBeNull();
    expect(relu.summary).toBe('Not escaped by α = 1000: the units are identical at every check. ReLU\'s gap does not grow exponentially: it waits for a sample that splits the two fields.');
  });

  test('at ε = 0 the units are identical at every check, and the strip says "exactly 0" at all of them', () => {
    const { data, html } = render<Data<typeof trajectory>>(trajectory, { zero: true });
    expect(data.escape).toBeNull();
    expect([data.zeroChecks, data.checks]).toEqual([1001, 1001]);
    expect(data.summary).toMatch(/^Not escaped by α = 1000: the units are identical at every check\. /);
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
