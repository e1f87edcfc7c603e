import { describe, expect, it } from 'vitest';
import { compute, press, render, serverDocument } from '../../../support/figures.ts';
import { defaults } from '../../../../src/figure/define.ts';
import { computeFigure, initialState, staticView, type Memo } from '../../../../src/figure/run.ts';
import { NARROW, WIDE } from '../../../../src/figure/sizes.ts';
import { stride } from '../../../../src/figure/timeline.ts';
import inspector from '../../../../src/chapters/w11-and-w12/figures/tanh-inspector.ts';
import trajectories from '../../../../src/chapters/w11-and-w12/figures/tanh-trajectories.ts';
import restarts from '../../../../src/chapters/w11-and-w12/figures/tanh-restarts.ts';
import eslZero from '../../../../src/chapters/w11-and-w12/figures/tanh-esl-zero.ts';

type InspectorData = ReturnType<typeof inspector.compute>;
type TrajectoriesData = ReturnType<typeof trajectories.compute>;
type RestartsData = ReturnType<typeof restarts.compute>;
type EslZeroData = ReturnType<typeof eslZero.compute>;

describe('inspector', () => {
  it('identical units get bit-for-bit equal gradients at every step; random units do not', () => {
    let state = initialState(inspector);
    for (let s = 0; s < 40; s++) {
      const d = compute<InspectorData>(inspector, {}, state);
      expect(d.steps).toBe(s);
      expect(d.same).toBe(true);
      expect(Object.is(d.factors[0].chain, d.factors[1].chain)).toBe(true);
      expect(Object.is(d.next[0], d.next[1])).toBe(true);
      state = press(inspector, 'step', state);
    }
    expect(render(inspector).html).toContain('bit for bit');
    const r = render<InspectorData>(inspector, { start: 'random' });
    expect(r.data.same).toBe(false);
    expect(r.data.factors[0].chain).not.toBe(r.data.factors[1].chain);
    expect(r.html).toContain('The columns differ');
  });
  it('the mirror start: different units, bit-for-bit equal W gradients, opposite V gradients; one step later they part', () => {
    const d = compute<InspectorData>(inspector, { start: 'mirror' });
    expect(d.same).toBe(false);
    expect(d.gradsEqual).toBe(true);
    expect(d.W[1]).toBe(-d.W[0]);
    expect(d.factors[1].h).toBe(-d.factors[0].h);
    expect(d.factors[1].V).toBe(d.factors[0].V);
    expect(Object.is(d.factors[0].chain, d.factors[1].chain)).toBe(true);
    expect(d.factors[0].chain).not.toBe(0);
    expect(d.factors[1].dLdV).toBe(-d.factors[0].dLdV);
    expect(d.alt).toMatch(/the units differ .* yet the two W gradients are equal, bit for bit/);
    const r = render<InspectorData>(inspector, { start: 'mirror' });
    expect(r.html).toContain('yet ∂L/∂W₁₁ = ∂L/∂W₁₂ bit for bit');
    // After one SGD step V₁ ≠ V₂, so the W gradients differ.
    const after = compute<InspectorData>(inspector, { start: 'mirror' }, { steps: 1 });
    expect(after.gradsEqual).toBe(false);
    expect(after.factors[0].V).not.toBe(after.factors[1].V);
  });
  it('"Step one example" adds one step to a new state and leaves the old one alone', () => {
    const before = { steps: 4 };
    expect(press(inspector, 'step', before)).toEqual({ steps: 5 });
    expect(before).toEqual({ steps: 4 });
  });
  it('each formula line agrees with its central difference', () => {
    for (const steps of [0, 7]) {
      const d = compute<InspectorData>(inspector, { start: 'random' }, { steps });
      expect(d.numeric).toHaveLength(2);
      // Central differences with ε = 1e-5 on an O(1) one-example loss are good to ~1e-10.
      for (const j of [0, 1]) expect(Math.abs(d.numeric[j] - d.factors[j].answer)).toBeLessThan(1e-8);
    }
  });
  it('the next point is one SGD step: W₁ⱼ − α·∂L/∂W₁ⱼ, and the trace has every step so far', () => {
    const d = compute<InspectorData>(inspector, { start: 'random', lr: 0.2 }, { steps: 3 });
    for (const j of [0, 1]) expect(d.next[j]).toBe(d.W[j] - 0.2 * d.factors[j].chain);
    expect(d.hist).toHaveLength(2 * 4);
    // The trace ends where the table starts.
    expect(d.hist.slice(-2).map((r) => r.w)).toEqual(d.W);
    const after = compute<InspectorData>(inspector, { start: 'random', lr: 0.2 }, { steps: 4 });
    // After one more step the table's W is where the previous next point said it would be, up to
    // the sum order of the SGD update (a few ulps of an O(1) weight).
    for (const j of [0, 1]) expect(Math.abs(after.W[j] - d.next[j])).toBeLessThan(1e-15);
  });
});

describe('trajectories', () => {
  it('the identical start never separates, the random start does', () => {
    for (const optimizer of ['sgd', 'gd']) {
      const { gaps } = compute<TrajectoriesData>(trajectories, { optimizer });
      expect(gaps).toHaveLength(4);
      for (const g of gaps) {
        if (g.start === 'identical') expect(g.gap, g.pair).toBe(0);
        else expect(g.gap, g.pair).toBeGreaterThan(0);
      }
    }
  });
});

describe('trajectories on the timeline', () => {
  const at = (d: TrajectoriesData, step: number | undefined, width = WIDE) => trajectories.draw(d, serverDocument(), staticView(width, step)) as Element;
  it('Play and Step land on sampled steps, so the lines and the networks show the step the counter names', () => {
    for (const optimizer of ['sgd', 'gd']) {
      const d = compute<TrajectoriesData>(trajectories, { optimizer });
      const last = trajectories.timeline!.steps(d);
      const sampled = new Set(d.nets.filter((n) => n.start === 'identical').map((n) => n.step));
      for (let s = 0; s <= last; s += stride(last)) expect(sampled.has(s), `${optimizer} step ${s}`).toBe(true);
      expect(sampled.has(last)).toBe(true);
    }
  });
  it('draws the identical start tied and the random start untied at every step, and cuts the lines at the step', () => {
    const d = compute<TrajectoriesData>(trajectories);
    const last = trajectories.timeline!.steps(d);
    for (const step of [0, stride(last) * 10, undefined]) {
      for (const width of [NARROW, WIDE]) {
        const [identical, random] = [...at(d, step, width).querySelectorAll('svg.network')];
        expect(identical.querySelectorAll('circle.unit.tied')).toHaveLength(2);
        expect(random.querySelectorAll('circle.unit.tied')).toHaveLength(0);
      }
    }
    // The end dot of each line sits at the step shown: fewer points drawn before the end than at it.
    const paths = (step?: number) => [...at(d, step).querySelectorAll('path')].map((p) => p.getAttribute('d') ?? '').join('').length;
    expect(paths(stride(last) * 10)).toBeLessThan(paths(undefined));
  });
});

describe('labels', () => {
  it('restarts: one label per minimum in each chart, none per restart or unit', () => {
    for (const count of [8, 16]) {
      const d = compute<RestartsData>(restarts, { count });
      for (const width of [NARROW, WIDE]) {
        const el = restarts.draw(d, serverDocument(), staticView(width)) as Element;
        const texts = [...el.querySelectorAll('g.labels text, .chart-legend li')].map((t) => t.textContent);
        expect(texts.sort()).toEqual(d.groupRows.flatMap((G) => [`M${G.group}`, `M${G.group}`]).sort());
      }
    }
  });
  it('ESL zero start: moves of rounding size get the [0, 1] axis, real moves an axis that fits them', () => {
    const balanced = compute<EslZeroData>(eslZero, { n: 60 });
    expect(balanced.xMax).toBe(1);
    const d = compute<EslZeroData>(eslZero);
    const top = Math.max(...d.rows.map((r) => r.moved));
    expect(d.xMax).toBeGreaterThan(top);
    expect(d.xMax).toBeLessThan(2 * top);
  });
});

describe('restarts', () => {
  it('every default run reaches the printed tolerance, below the cap, at a strict minimum', () => {
    const d = compute<RestartsData>(restarts);
    expect(d.lossRows).toHaveLength(8);
    expect(d.tolerance).toBe(1e-8);
    for (const r of d.lossRows) {
      expect(r.capped, `restart ${r.restart}`).toBe(false);
      expect(r.gradNorm).toBeLessThan(d.tolerance);
      expect(r.steps).toBeLessThan(d.cap);
      // Positive curvature in every direction: a minimum, not a saddle. FD Hessian error ~1e-9, far below 2e-4.
      expect(r.minEig).toBeGreaterThan(1e-4);
      // η = 0.5 is a stable step there: below 2 / (largest eigenvalue).
      expect(d.lr * r.maxEig).toBeLessThan(2);
    }
    expect(d.maxGrad).toBeLessThan(d.tolerance);
    expect(d.note).toBeUndefined();
  });
  it('groups the restarts into distinct minima; equal loss means equal weights up to swaps and sign flips', () => {
    const d = compute<RestartsData>(restarts);
    // The old figure (1500 steps at most) could not say this: 4 distinct losses among the 8 default seeds.
    expect(d.groupCount).toBe(4);
    expect(d.lossClasses).toBe(d.groupCount);
    expect(d.groupRows.map((G) => G.restarts)).toEqual([[4, 6], [3, 5, 7], [1, 8], [2]]);
    // Distinct minima: losses differ by far more than 1e-8 relative, weights by far more than the spread.
    const losses = d.groupRows.map((G) => G.loss);
    for (let g = 1; g < losses.length; g++) expect((losses[g] - losses[g - 1]) / losses[g]).toBeGreaterThan(1e-3);
    expect(d.maxSpread).toBeLessThan(1e-3);
    expect(d.minGap!).toBeGreaterThan(100 * d.maxSpread);
    // Restarts 1 and 8 are one minimum seen through a relabelling: their raw weights are far apart.
    const [r1, r8] = [1, 8].map((seed) => d.unitRows.filter((u) => u.restart === seed));
    expect(Math.hypot(r1[0].w1 - r8[0].w1, r1[0].w2 - r8[0].w2)).toBeGreaterThan(0.1);
    // 2 units: 2! swaps × 2² sign flips.
    expect(d.copies).toBe(8);
  });
  it('the aligned view puts each group on one point; relabelling never changes the function beyond rounding', () => {
    const d = compute<RestartsData>(restarts, { view: 'aligned' });
    for (const G of d.groupRows) {
      const pts = d.unitRows.filter((u) => G.restarts.includes(u.restart));
      const lead = pts.filter((u) => u.restart === G.restarts[0]);
      for (const u of pts) {
        const ref = lead[u.unit - 1];
        expect(Math.hypot(u.w1 - ref.w1, u.w2 - ref.w2)).toBeLessThan(1e-3);
      }
    }
    // Reordered sums of O(1) numbers: a few ulps.
    expect(d.relabelOut).toBeLessThan(1e-14);
    const swapped = compute<RestartsData>(restarts, { view: 'swapped' });
    const plain = compute<RestartsData>(restarts);
    expect(swapped.lossRows).toEqual(plain.lossRows);
    for (let i = 0; i < plain.unitRows.length; i++) expect(swapped.unitRows[i ^ 1].w1).toBe(plain.unitRows[i].w1);
  });
  it('a larger weight decay merges minima (measured on restarts 1–4: 4 → 2 → 1)', () => {
    const groups = (decay: string) => compute<RestartsData>(restarts, { count: 4, decay }).groupCount;
    expect([groups('3e-4'), groups('1e-3'), groups('3e-3')]).toEqual([4, 2, 1]);
  });
  it('without weight decay the same descent does not settle within the cap', () => {
    const d = compute<RestartsData>(restarts);
    expect(d.noDecay.capped).toBe(true);
    expect(d.noDecay.steps).toBe(d.cap);
    expect(d.noDecay.gradNorm).toBeGreaterThan(1e3 * d.tolerance);
  });
  // One live memo for the next two tests, as one worker keeps it between inputs.
  const memo: Memo = new Map();
  it('trains each (seed, λ) once: changing the view or adding a restart retrains nothing', () => {
    const run = (over: Record<string, number | boolean | string>) => computeFigure(restarts, { ...defaults(restarts.controls), ...over }, { live: true, memo });
    const first = run({ count: 3 });
    // Three restarts and the one reference run without decay.
    expect(memo.size).toBe(4);
    const kept = [...memo.values()];
    run({ count: 3, view: 'aligned' });
    expect(memo.size).toBe(4);
    run({ count: 4 });
    expect(memo.size).toBe(5);
    expect([...memo.values()].slice(0, 4).every((v, i) => v === kept[i])).toBe(true);
    // A warm memo gives exactly what a cold one does.
    expect(run({ count: 3 })).toEqual(first);
    expect(compute(restarts, { count: 3 })).toEqual(first);
  });
  it('reports progress after every restart, with the restarts done so far', () => {
    const seen: { done: number; n: number; gap: number | null }[] = [];
    const final = computeFigure(restarts, { ...defaults(restarts.controls), count: 3 }, {
      live: true, memo,
      progress: (done, partial) => {
        const p = partial() as RestartsData;
        seen.push({ done, n: p.lossRows.length, gap: p.minGap });
      },
    }) as RestartsData;
    expect(seen.map((s) => s.done)).toEqual([1 / 3, 2 / 3, 1]);
    expect(seen.map((s) => s.n)).toEqual([1, 2, 3]);
    // One restart has no two minima to compare: null, not Infinity, so the partial result stays finite.
    expect(seen[0].gap).toBeNull();
    expect(seen[2].gap).toBe(final.minGap);
  });
});

describe('ESL zero start', () => {
  it('tanh moves only β₀; the sigmoid moves everything and stays symmetric', () => {
    const d = compute<EslZeroData>(eslZero);
    const tanh = d.rows.filter((r) => r.activation === 'tanh').map((r) => r.moved);
    const sig = d.rows.filter((r) => r.activation === 'sigmoid').map((r) => r.moved);
    expect(tanh.slice(0, 3)).toEqual([0, 0, 0]);
    expect(tanh[3]).toBeGreaterThan(0);
    for (const v of sig) expect(v).toBeGreaterThan(0.01);
    expect(d.runs.map((r) => [r.act, r.identical])).toEqual([['tanh', true], ['sigmoid', true]]);
    expect(d.runs[1].loss).toBeLessThan(d.runs[1].loss0);
    expect(d.counts).toEqual([17, 17, 16]);
    const balanced = compute<EslZeroData>(eslZero, { n: 60 });
    expect(balanced.counts).toEqual([20, 20, 20]);
    expect(balanced.note).toMatch(/exactly 20 examples/);
  });
  it('the balanced-class exception holds for full-batch steps only: SGD from zero moves even at n = 60', () => {
    const gd = compute<EslZeroData>(eslZero, { n: 60 });
    const sgd = compute<EslZeroData>(eslZero, { n: 60, optimizer: 'sgd' });
    // Full batch: the mean of δₖ = 1/3 − yₖ over 20 + 20 + 20 examples is 0 up to rounding (~1e-17 a step).
    for (const r of gd.rows) expect(r.moved).toBeLessThan(1e-12);
    const sig = sgd.rows.filter((r) => r.activation === 'sigmoid').map((r) => r.moved);
    for (const v of sig) expect(v).toBeGreaterThan(0.01);
    expect(sgd.runs.map((r) => r.identical)).toEqual([true, true]);
    expect(sgd.note).toMatch(/each SGD step sees one example/);
  });
});
