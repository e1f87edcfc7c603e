import { describe, expect, it } from 'vitest';
import { draw, figureContract, moved } from '../../../support/figures.ts';
import inspector from '../../../../src/chapters/w11-and-w12/figures/tanh-inspector.ts';
import trajectories from '../../../../src/chapters/w11-and-w12/figures/tanh-trajectories.ts';
import restarts from '../../../../src/chapters/w11-and-w12/figures/tanh-restarts.ts';
import eslZero from '../../../../src/chapters/w11-and-w12/figures/tanh-esl-zero.ts';

for (const [name, fig] of [['tanh-inspector', inspector], ['tanh-trajectories', trajectories], ['tanh-restarts', restarts], ['tanh-esl-zero', eslZero]] as const) figureContract(name, fig);

describe('claims the figures make', () => {
  it('inspector: identical units get bit-for-bit equal gradients at every step; random units do not', async () => {
    const ctx = { state: {}, live: true };
    for (let s = 0; s < 40; s++) {
      const out = await draw(inspector, s ? { action: 'step' } : {}, ctx);
      expect(out.node.textContent).toContain('bit for bit');
      expect(out.node.textContent).toContain(`After ${s} SGD step`);
    }
    const r = await draw(inspector, { start: 'random' });
    expect(r.node.textContent).toContain('The columns differ');
  });
  it('inspector: each formula line agrees with its central difference', async () => {
    const out = await draw(inspector, { start: 'random' });
    const diffs = [...out.node.textContent!.matchAll(/they differ by ([0-9.]+(?:e[−-]?\d+)?)/g)].map((m) => Number(m[1].replace('−', '-')));
    expect(diffs).toHaveLength(2);
    // Central differences with ε = 1e-5 on an O(1) one-example loss are good to ~1e-10.
    for (const d of diffs) expect(d).toBeLessThan(1e-8);
  });
  it('trajectories: the identical start never separates, the random start does', async () => {
    for (const optimizer of ['sgd', 'gd']) {
      const { alt } = await draw(trajectories, { optimizer });
      expect(alt).toContain('identical start, W₁₁ and W₁₂: largest difference exactly 0');
      expect(alt).toContain('identical start, V₁ and V₂: largest difference exactly 0');
      expect(alt).not.toMatch(/random start, [WV][^;]*exactly 0/);
    }
  });
  it('restarts: losses spread, weights differ, swapping units changes the function only by rounding', async () => {
    const { alt } = await draw(restarts);
    const [, lo, hi] = alt.match(/final losses from ([0-9.]+) to ([0-9.]+)/)!;
    expect(Number(hi)).toBeGreaterThan(Number(lo));
    const out = Number(alt.match(/outputs by at most ([0-9.]+(?:e[−-]?\d+)?)/)![1].replace('−', '-'));
    // Swapping reorders a few additions of O(1) numbers: a few ulps, never more than 1e-14.
    expect(out).toBeLessThan(1e-14);
    const swapped = await draw(restarts, { swap: true });
    expect(swapped.alt).toContain('hidden units swapped');
  });
  it('ESL zero start: tanh moves only β₀; the sigmoid moves everything and stays symmetric', async () => {
    const out = await draw(eslZero);
    const rows = out.rows as { activation: string; group: string; moved: number }[];
    const tanh = rows.filter((r) => r.activation === 'tanh').map((r) => r.moved);
    const sig = rows.filter((r) => r.activation === 'sigmoid').map((r) => r.moved);
    expect(tanh.slice(0, 3)).toEqual([0, 0, 0]);
    expect(tanh[3]).toBeGreaterThan(0);
    for (const v of sig) expect(v).toBeGreaterThan(0.01);
    expect(out.alt).toContain('Units identical at the end: tanh yes, sigmoid yes');
    const balanced = await draw(eslZero, { n: 60 });
    expect(balanced.note).toMatch(/exactly 20 examples/);
  });
});
