import { describe, expect, it } from 'vitest';
import { compute, press, render, serverDocument } from '../../../support/figures.ts';
import { drawFigure, initialState, staticView } from '../../../../src/figure/run.ts';
import { codeExcerpt } from '../../../../src/figure/excerpts.ts';
import { NARROW, WIDE } from '../../../../src/figure/sizes.ts';
import rates from '../../../../src/chapters/only-the-scale/figures/perceptron-rates.ts';
import start from '../../../../src/chapters/only-the-scale/figures/perceptron-start.ts';
import epochs from '../../../../src/chapters/only-the-scale/figures/perceptron-epochs.ts';

type RatesState = { added: { x1: number; x2: number; y: 1 | -1 }[]; removed: number };
type RatesData = ReturnType<typeof rates.compute>;
type StartData = ReturnType<typeof start.compute>;
type EpochsData = ReturnType<typeof epochs.compute>;

/** Presses an action and insists it gave a new state, not a note. */
function pressed(name: string, state: unknown, over = {}, payload?: unknown): RatesState {
  const after = press(rates, name, state, over, payload);
  if (typeof after === 'string') throw new Error(`${name} refused: ${after}`);
  return after as RatesState;
}

describe('one boundary, many rates (perceptron-rates)', () => {
  it('0 differing predictions and equal w/η at defaults, no training errors in the last epoch', () => {
    const { data, html } = render<RatesData>(rates);
    expect(data.maxDiffering).toBe(0);
    expect(data.steps).toBe(801);
    expect(data.lastEpochErrors).toEqual([0, 0, 0, 0, 0]);
    expect(html).toContain('0 at every one of 801 steps, for every η');
    expect(data.rows).toHaveLength(5);
    const ref = data.rows[3];
    for (const r of data.rows) {
      expect(r.max_differing).toBe(0);
      // w/η across rates differs only by rounding: the bound of rates.test.ts (1e-12 relative to 1 + |value|).
      for (const key of ['w0_over_eta', 'w1_over_eta', 'w2_over_eta'] as const) expect(Math.abs(r[key] - ref[key])).toBeLessThan(1e-12 * (1 + Math.abs(ref[key])));
    }
    // The five boundaries are one line: every rate's segment is the same up to rounding (1e-9 in data units, far below a pixel).
    const [a] = data.segs;
    for (const s of data.segs) for (let e = 0; e < 2; e++) {
      expect(Math.abs(s![e].x1 - a![e].x1)).toBeLessThan(1e-9);
      expect(Math.abs(s![e].x2 - a![e].x2)).toBeLessThan(1e-9);
    }
  });

  it('add puts the controls’ point, or a clicked one, after the seeded points; remove takes them off again', () => {
    const s0 = initialState(rates);
    expect(compute<RatesData>(rates, {}, s0).n).toBe(40);
    const s1 = pressed('add', s0);
    expect(s1.added).toEqual([{ x1: 0.6, x2: -0.6, y: 1 }]);
    const s2 = pressed('add', s1, { label: '-1', px: -0.25, py: 0.5 });
    expect(s2.added[1]).toEqual({ x1: -0.25, x2: 0.5, y: -1 });
    const s3 = pressed('add', s2, {}, { x1: 0.125, x2: -0.75, y: -1 }); // a click: the payload wins over the controls
    expect(s3.added[2]).toEqual({ x1: 0.125, x2: -0.75, y: -1 });
    const d3 = compute<RatesData>(rates, {}, s3);
    expect(d3.n).toBe(43);
    expect(d3.points.slice(-3)).toEqual(s3.added);
    // The state is never mutated: the earlier states still say what they said.
    expect([s0, s1, s2].map((s) => (s as RatesState).added.length)).toEqual([0, 1, 2]);
    let s: RatesState = s3;
    for (const n of [42, 41, 40, 39]) {
      s = pressed('remove', s);
      expect(compute<RatesData>(rates, {}, s).n).toBe(n);
    }
    expect(s).toEqual({ added: [], removed: 1 });
    // Removing from the seeded end keeps the first points in their order.
    expect(compute<RatesData>(rates, {}, s).points).toEqual(compute<RatesData>(rates).points.slice(0, 39));
    // Noisy data too: every rate still labels every point alike.
    expect(compute<RatesData>(rates, { separable: false }, s).maxDiffering).toBe(0);
  });

  it('live, a click on the chart adds a point there with the selected label; built, the chart has no listener', () => {
    const data = compute<RatesData>(rates, { label: '-1' });
    expect(drawFigure(rates, data, serverDocument()).querySelector('svg')!.onclick).toBeFalsy();
    for (const width of [NARROW, WIDE]) {
      const acted: [string, unknown][] = [];
      const view = { live: true, width, act: (name: string, payload?: unknown) => void acted.push([name, payload]), set: () => undefined };
      const svg = rates.draw(data, serverDocument(), view).querySelector('svg')! as SVGSVGElement & { scale(n: 'x' | 'y'): { apply(v: number): number } };
      expect(Number(svg.getAttribute('width'))).toBeLessThanOrEqual(width);
      // Shown at half its size, as on a narrower box: the click is mapped back to the chart's own pixels.
      const [w, h] = ['width', 'height'].map((a) => Number(svg.getAttribute(a)));
      svg.getBoundingClientRect = () => ({ left: 10, top: 20, width: w / 2, height: h / 2 }) as DOMRect;
      const at = (x1: number, x2: number) => ({ clientX: 10 + svg.scale('x').apply(x1) / 2, clientY: 20 + svg.scale('y').apply(x2) / 2 }) as PointerEvent;
      svg.onclick!(at(0.5, -0.25));
      svg.onclick!(at(1.03, 0)); // in the margin of the square: ignored
      expect(acted).toHaveLength(1);
      const [name, payload] = acted[0] as [string, { x1: number; x2: number; y: number }];
      expect(name).toBe('add');
      expect(payload.y).toBe(-1);
      // Inverting the scale the click came from: equal up to rounding of the pixel arithmetic.
      expect(Math.abs(payload.x1 - 0.5)).toBeLessThan(1e-12);
      expect(Math.abs(payload.x2 + 0.25)).toBeLessThan(1e-12);
      expect(pressed('add', initialState(rates), {}, payload).added).toEqual([payload]);
    }
  });

  it('refuses with a note past the added-point limit, below two points, and for a click outside the square', () => {
    let s = initialState(rates);
    for (let i = 0; i < 60; i++) s = pressed('add', s);
    expect(press(rates, 'add', s)).toMatch(/At most 60 added points/);
    let r: unknown = { added: [], removed: 0 };
    for (let i = 0; i < 38; i++) r = pressed('remove', r);
    expect(compute<RatesData>(rates, {}, r).n).toBe(2);
    expect(press(rates, 'remove', r)).toMatch(/Two points stay/);
    expect(press(rates, 'add', initialState(rates), {}, { x1: 1.5, x2: 0, y: 1 })).toMatch(/square/);
    expect(press(rates, 'add', initialState(rates), {}, { x1: 0, x2: 0, y: 0 })).toMatch(/label/);
  });
});

describe('start elsewhere (perceptron-start)', () => {
  it('rates disagree, (kη, k·w⁽⁰⁾) never does, and a zero start agrees again', () => {
    const d = compute<StartData>(start);
    expect(d.worst).toBeGreaterThan(0);
    expect(d.stats.some((s) => s.mostDiffering > 0)).toBe(true);
    expect(d.kWorst).toBe(0);
    expect(d.stats.every((s) => s.kCheck === 0)).toBe(true);
    for (const k of [0.1, 7.5]) expect(compute<StartData>(start, { k }).kWorst).toBe(0);
    const zero = compute<StartData>(start, { b0: 0, w1: 0, w2: 0 });
    expect(zero.worst).toBe(0);
    expect(zero.stats.every((s) => s.stepsDiffering === 0)).toBe(true);
  });
  it('the reference rate never differs from itself', () => {
    const ref = compute<StartData>(start).stats[3];
    expect(ref).toMatchObject({ eta: 1, stepsDiffering: 0, mostDiffering: 0, differingNow: 0 });
  });
});

describe('weights over epochs (perceptron-epochs)', () => {
  it('divided by η the curves coincide from 0 and part from w⁽⁰⁾ ≠ 0', () => {
    const zero = compute<EpochsData>(epochs);
    expect(zero.same).toBe(true);
    // The gap from w = 0 is rounding only (see rates.test.ts): far below 1e-12.
    expect(zero.gap).toBeLessThan(1e-12);
    expect(zero.zeroStates).toBe(5);
    expect(zero.zerosAtStart).toBe(true);
    const from = compute<EpochsData>(epochs, { nonzero: true });
    expect(from.same).toBe(false);
    expect(from.gap).toBeGreaterThan(0.1);
    expect(from.zeroStates).toBe(0);
  });
  it('raw lengths are decades apart: ‖w‖ at the end scales with η from w = 0', () => {
    const { finalNorms } = compute<EpochsData>(epochs);
    // ‖w‖ = η‖u‖ up to rounding of w/η (1e-12 relative, as above).
    for (let j = 1; j < 5; j++) expect(Math.abs(finalNorms[j] / finalNorms[0] - 10 ** j)).toBeLessThan(1e-12 * 10 ** j);
  });
});

describe('the chapter’s code excerpts', () => {
  it('name the update steps in the source', () => {
    expect(codeExcerpt('chapters/only-the-scale/perceptron.ts#update').body).toMatch(/const c = eta \* \(Y\[i\] - yhat\);/);
    expect(codeExcerpt('chapters/only-the-scale/rates.ts#update').body).toMatch(/const c = Y\[i\] - phi\(z\); \/\/ no η here/);
  });
});

describe('drawn at phone and wide-screen widths', () => {
  const at = (fig: typeof rates | typeof start | typeof epochs, data: unknown, width: number, step?: number) =>
    (fig.draw as (d: unknown, doc: Document, v: ReturnType<typeof staticView>) => Element)(data, serverDocument(), staticView(width, step));
  const texts = (el: Element, sel = 'g.labels text') => [...el.querySelectorAll(sel)].map((t) => t.textContent);

  it('every boundary is named on the chart, none pushed into a legend; one column when the five lines are one', () => {
    const d = compute<RatesData>(rates);
    expect(d.oneLine).toBe(true);
    const s = compute<StartData>(start);
    expect(s.oneLine).toBe(false);
    const zero = compute<StartData>(start, { b0: 0, w1: 0, w2: 0 });
    expect(zero.oneLine).toBe(true);
    for (const width of [NARROW, WIDE]) {
      const r = at(rates, d, width);
      expect(r.querySelector('.chart-legend')).toBeNull();
      expect(texts(r)).toEqual(expect.arrayContaining(['all five lie on one line', 'η = 0.001 (widest)', 'η = 10 (thinnest)', 'new point']));
      const st = at(start, s, width);
      expect(st.querySelector('.chart-legend')).toBeNull();
      expect(texts(st)).toEqual(expect.arrayContaining([...[0.001, 0.01, 0.1, 1, 10].map((e) => `η = ${e}`), 'start w⁽⁰⁾ (dashed)']));
      expect(texts(at(start, zero, width))).toContain('all five lie on one line');
    }
  });

  it('the epochs timeline cuts the runs at the step and keeps the axes still', () => {
    const d = compute<EpochsData>(epochs);
    const last = epochs.timeline!.steps(d);
    expect(last).toBe(d.perRun - 1);
    for (const width of [NARROW, WIDE]) {
      const ticks = (step?: number) => [...at(epochs, d, width, step).querySelectorAll('svg')].map((svg) => texts(svg, 'g[aria-label$="tick label"] text').join(' '));
      expect(ticks()).toHaveLength(2);
      for (const t of ticks()) expect(t).toMatch(/\d/);
      expect(ticks(0)).toEqual(ticks());
      expect(ticks(Math.floor(last / 2))).toEqual(ticks());
      // From w = 0 every run is still at ‖w‖ = 0 at step 0: no line head to name on the log axis.
      const [top0] = at(epochs, d, width, 0).querySelectorAll('svg');
      expect(texts(top0)).toEqual([]);
      const [topEnd] = at(epochs, d, width).querySelectorAll('svg');
      expect(texts(topEnd)).toEqual([0.001, 0.01, 0.1, 1, 10].map((e) => `η = ${e}`));
      expect(at(epochs, d, width).querySelector('.chart-legend')).toBeNull();
    }
  });
});
