import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compute, serverDocument } from '../../../support/figures.ts';
import { staticView } from '../../../../src/figure/run.ts';
import { NARROW, WIDE } from '../../../../src/figure/sizes.ts';
import type { AnyFigure, Values } from '../../../../src/figure/types.ts';
import gap from '../../../../src/chapters/identical-twins/figures/twins-gap.ts';
import lost from '../../../../src/chapters/identical-twins/figures/twins-lost.ts';
import starts from '../../../../src/chapters/identical-twins/figures/twins-starts.ts';
import zero from '../../../../src/chapters/identical-twins/figures/twins-zero.ts';

type Lost = ReturnType<typeof lost.compute>;
type Zero = ReturnType<typeof zero.compute>;

const draw = (fig: AnyFigure, data: unknown, width: number, step?: number) => fig.draw(data, serverDocument(), staticView(width, step)) as Element;
const nets = (el: Element) => [...el.querySelectorAll('svg.network')];
const charts = (el: Element) => [...el.querySelectorAll('svg')].filter((s) => !s.classList.contains('network'));
const tiedUnits = (net: Element) => [...net.querySelectorAll('circle.unit.tied')];
const edges = (net: Element) => net.querySelectorAll('g.edges line').length;

describe('the network drawn beside the lost plots (twins-lost)', () => {
  const out = compute<Lost>(lost);
  const last = lost.timeline!.steps(out);
  const steps = [0, 1, Math.floor(last / 3), last];
  it('the timeline walks the whole run', () => {
    expect(last).toBe(out.sameRows - 1);
  });
  it('from the identical start all hidden units are drawn tied, in one group, at every step; from the random start none', () => {
    for (const s of steps) {
      const [same, rand] = nets(draw(lost, out, WIDE, s));
      const tied = tiedUnits(same);
      expect(tied.map((u) => u.getAttribute('data-layer')), `step ${s}`).toEqual(Array(out.d).fill('1'));
      expect(new Set(tied.map((u) => u.getAttribute('data-tie'))).size).toBe(1);
      expect(tiedUnits(rand), `step ${s}`).toEqual([]);
    }
  });
  it('draws each run at the step shown: its own weights there, one edge per non-zero weight', () => {
    const L = out.layout;
    for (const s of steps) {
      const drawn = nets(draw(lost, out, WIDE, s)).map(edges);
      const nonZero = out.params.map((p) => p.subarray(s * L.size, (s + 1) * L.size).filter((v) => v !== 0).length);
      expect(drawn, `step ${s}`).toEqual(nonZero);
    }
    expect(draw(lost, out, WIDE, 0).outerHTML).not.toBe(draw(lost, out, WIDE, last).outerHTML);
    expect(draw(lost, out, WIDE, last).outerHTML).toBe(draw(lost, out, WIDE).outerHTML);
  });
  it('puts the two starts side by side on a wide screen and stacks them, each at full width, on a phone', () => {
    const wide = charts(draw(lost, out, WIDE)).map((s) => Number(s.getAttribute('width')));
    expect(wide[0] + wide[1] + 16).toBeLessThanOrEqual(WIDE);
    expect(wide[2]).toBe(WIDE);
    expect(charts(draw(lost, out, NARROW)).map((s) => Number(s.getAttribute('width')))).toEqual([NARROW, NARROW, NARROW]);
    expect(nets(draw(lost, out, NARROW)).map((s) => Number(s.getAttribute('width')))).toEqual([NARROW, NARROW]);
  });
});

describe('the network from all-zero weights (twins-zero)', () => {
  const nonZeroWeights = (out: Zero, s: number) => {
    const { iW, iW2, k, d, m, size } = out.layout;
    const p = out.params.subarray(s * size, (s + 1) * size);
    return [...p.subarray(iW, iW + k * d), ...p.subarray(iW2, iW2 + d * m)].filter((v) => v !== 0).length;
  };
  for (const over of [{}, { biases: false }, { act: 'identity' }, { act: 'tanh', biases: false }] as Values[]) {
    it(`${JSON.stringify(over)}: units drawn tied at every step, an edge exactly where a weight has left 0`, () => {
      const out = compute<Zero>(zero, over as Record<string, string | boolean>);
      const last = zero.timeline!.steps(out);
      expect(last).toBe(out.recorded - 1);
      for (const s of [0, 1, 2, 3, last]) {
        const [net] = nets(draw(zero, out, WIDE, s));
        expect(tiedUnits(net).length, `step ${s}`).toBe(out.layout.d);
        expect(edges(net), `step ${s}`).toBe(nonZeroWeights(out, s));
      }
      // Nothing has moved at step 0, and a group's edges appear at the step its row in the table names.
      expect(nonZeroWeights(out, 0)).toBe(0);
      const firstW2 = out.groups.find((g) => g.group === 'W₂')!.firstStep;
      if (firstW2 !== null) expect(edges(nets(draw(zero, out, WIDE, firstW2))[0])).toBeGreaterThanOrEqual(out.layout.d);
      else expect(edges(nets(draw(zero, out, WIDE))[0])).toBe(0);
    });
  }
  it('sets the network beside the chart on a wide screen and under it on a phone, within the width', () => {
    const out = compute<Zero>(zero);
    for (const width of [NARROW, WIDE]) {
      const el = draw(zero, out, width);
      const [chart] = charts(el);
      const [net] = nets(el);
      const sum = Number(chart.getAttribute('width')) + Number(net.getAttribute('width'));
      if (width === WIDE) expect(sum + 16).toBeLessThanOrEqual(width);
      else expect([chart, net].map((s) => Number(s.getAttribute('width')))).toEqual([width, width]);
    }
  });
});

describe('every number the prose reads is in the compute result', () => {
  const mdx = readFileSync('content/identical-twins.mdx', 'utf8');
  const figures: Record<string, AnyFigure> = { 'twins-gap': gap, 'twins-lost': lost, 'twins-starts': starts, 'twins-zero': zero };
  const reads = [...mdx.matchAll(/<(?:Value|Answer) of="([^"]+)" at="([^"]+)"/g)].map((m) => [m[1], m[2]]);
  it('finds the reads', () => expect(reads.length).toBeGreaterThan(10));
  for (const [of, at] of reads) {
    it(`${of} at ${at}`, () => {
      const value = at.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], compute(figures[of]));
      expect(typeof value).toBe('number');
      expect(Number.isFinite(value)).toBe(true);
    });
  }
});
