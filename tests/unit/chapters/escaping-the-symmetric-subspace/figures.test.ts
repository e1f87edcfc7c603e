import { describe, expect, test } from 'vitest';
import { draw } from '../../../support/figures.ts';
import { defaults } from '../../../../src/figure/controls.ts';
import type { FigureModule, Params } from '../../../../src/figure/types.ts';
import claims from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-claims.ts';
import knobs from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-knobs.ts';
import plateau from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-plateau.ts';
import regime from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-regime.ts';
import relu from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-relu.ts';
import theory from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-theory.ts';
import trajectory from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-trajectory.ts';

const render = async (m: FigureModule, p: Params = {}) => draw(m, p);

// Each figure at its defaults (build time) and with one control moved: a chart, no NaN, and the chart changes.
const cases: [string, FigureModule, Params][] = [
  ['escape-regime', regime, { act: 'sigmoid', scale: 'zero' }],
  ['escape-trajectory', trajectory, { zero: true }],
  ['escape-plateau', plateau, { seeds: 3 }],
  ['escape-knobs', knobs, { show: 'eta' }],
  ['escape-relu', relu, { cap: 500 }],
  ['escape-theory', theory, { eps: 1e-2 }],
  ['escape-claims', claims, {}],
];

describe('escape figures', { timeout: 300_000 }, () => {
  for (const [name, mod, moved] of cases) {
    test(`${name}: renders without NaN; a moved control changes it`, async () => {
      const a = await render(mod);
      const html = a.node.outerHTML;
      expect(html).toContain('<svg');
      expect(html).not.toMatch(/NaN|Infinity/);
      expect(a.alt).not.toMatch(/NaN/);
      if (Object.keys(moved).length) expect((await render(mod, moved)).node.outerHTML).not.toBe(html);
    });
  }

  test('trajectory at ε = 0 says the units are identical at every check, and labels zeros "exactly 0"', async () => {
    const r = await render(trajectory, { zero: true });
    expect(r.note).toMatch(/Not escaped by α = 1000: with ε = 0 the units are identical at every check/);
    expect(r.node.outerHTML).toMatch(/gap exactly 0 \(w₁ = w₂ bit for bit\) at 1001 of 1001 checks/);
  });

  test('trajectory with a diverging η says so and draws only finite numbers', async () => {
    const r = await render(trajectory, { act: 'relu', eta: 4 });
    expect(r.note).toMatch(/diverged at α = \d+: lower the learning rate/);
    expect(r.node.outerHTML).not.toMatch(/NaN|Infinity/);
  });
});
