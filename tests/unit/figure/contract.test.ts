import { describe, expect, it } from 'vitest';
import { actionList, defaults } from '../../../src/figure/define.ts';
import { figureNamesOnDisk } from '../../../src/figure/files.ts';
import { figureNames, loadFigure } from '../../../src/figure/registry.ts';
import { initialState, staticView } from '../../../src/figure/run.ts';
import { NARROW, WIDE } from '../../../src/figure/sizes.ts';
import { codeExcerpt } from '../../../src/figure/excerpts.ts';
import type { Controls } from '../../../src/figure/types.ts';
import { compute, moved, numbersIn, press, render, serverDocument } from '../../support/figures.ts';

// The figure contract, run on every figure the registry knows: no list kept by hand.
const names = figureNames();
const loaded = await Promise.allSettled(names.map(loadFigure));
const figures = names.flatMap((name, i) => {
  const r = loaded[i];
  return r.status === 'fulfilled' ? [[name, r.value] as const] : [];
});

for (const [i, name] of names.entries()) {
  it(`${name} loads as a defineFigure`, () => {
    const r = loaded[i];
    expect(r.status === 'rejected' ? String(r.reason) : 'ok').toBe('ok');
  });
}

it('the registry and the MDX check see the same figures', () => {
  expect(names.length).toBeGreaterThan(20);
  expect([...figureNamesOnDisk('.')].sort()).toEqual(names);
});

const reporting = new Set<string>();
for (const [name, fig] of figures) {
  describe(name, { timeout: 300_000 }, () => {
    it('computes, at its defaults, serialisable data with finite numbers, rows, a measured alt and no note', () => {
      const data = compute(fig);
      expect(structuredClone(data)).toEqual(data);
      expect(numbersIn(data).every(Number.isFinite)).toBe(true);
      expect(data.rows.length).toBeGreaterThan(0);
      // Longer than a label: a sentence with the numbers that matter.
      expect(data.alt.length).toBeGreaterThan(60);
      expect(data.note).toBeUndefined();
    });
    it('runs in a worker if its compute reports progress (a long run streams; the main thread must not wait on it)', () => {
      let reported = false;
      compute(fig, {}, undefined, () => (reported = true), true);
      if (reported) {
        reporting.add(name);
        expect(fig.worker, 'worker: true').toBe(true);
      }
    });
    it('is pure: the same params give the same data', () => {
      expect(compute(fig)).toEqual(compute(fig));
    });
    it('draws finite SVG from the data, also after a worker-style clone', () => {
      const { data, html } = render(fig);
      expect(html).toMatch(/<svg/);
      expect(html).not.toMatch(/NaN|Infinity/);
      expect(render(fig).html).toBe(html);
      expect(data.alt).not.toMatch(/NaN|undefined/);
    });
    it('draws within the width it is given, for phones and wide screens, with a label on every axis', () => {
      const data = compute(fig);
      for (const width of [NARROW, WIDE]) {
        // fig.draw itself, before accessible() strips the aria-labels Plot names its axes by.
        const node = fig.draw(data, serverDocument(), staticView(width)) as Element;
        const svgs = node.tagName.toLowerCase() === 'svg' ? [node] : [...node.querySelectorAll('svg')];
        expect(svgs.length).toBeGreaterThan(0);
        for (const svg of svgs) {
          expect(Number(svg.getAttribute('width')), `an svg at view.width ${width}`).toBeLessThanOrEqual(width);
          for (const axis of ['x', 'y']) {
            // A one-category axis (a strip labelled "gap = 0") names itself in its one tick label.
            const ticks = svg.querySelectorAll(`g[aria-label="${axis}-axis tick label"] text`).length;
            if (ticks > 1) {
              expect(svg.querySelector(`g[aria-label="${axis}-axis label"]`), `${axis} axis label at ${width}`).not.toBeNull();
            }
          }
        }
      }
    });
    if (fig.timeline) {
      it('plays: every step of its timeline draws, the first and the last differently', () => {
        const data = compute(fig);
        const last = fig.timeline!.steps(data);
        expect(last).toBeGreaterThan(0);
        const at = (step: number | undefined) => fig.draw(data, serverDocument(), staticView(WIDE, step)).outerHTML;
        expect(at(0)).not.toBe(at(last));
        expect(at(last)).toBe(at(undefined));
        expect(at(Math.floor(last / 2))).not.toMatch(/NaN|Infinity/);
      });
    }
    it('declares controls whose defaults are in range and on a step, and code that exists', () => {
      for (const [key, c] of Object.entries(fig.controls as Controls)) {
        if (c.kind === 'range') {
          const at = c.log ? (c.value === 0 && c.zero ? c.min : Math.log10(c.value)) : c.value;
          expect(at, key).toBeGreaterThanOrEqual(c.min);
          expect(at, key).toBeLessThanOrEqual(c.max);
          // Within a millionth of a step: log10 and decimal steps are not exact in binary.
          const k = (at - c.min) / c.step;
          expect(Math.abs(k - Math.round(k)), key).toBeLessThan(1e-6);
        }
        if (c.kind === 'select') expect(c.options.map((o) => o.value), key).toContain(c.value);
      }
      for (const ref of fig.code ?? []) expect(() => codeExcerpt(ref)).not.toThrow();
    });
    const base = defaults(fig.controls);
    for (const key of Object.keys(fig.controls)) {
      it(`moving "${fig.controls[key].label}" changes the computed data`, () => {
        expect(compute(fig, moved(fig, key, base))).not.toEqual(compute(fig));
      });
    }
    for (const a of actionList(fig)) {
      it(`pressing "${a.label}" changes the state or says why not`, () => {
        const after = press(fig, a.name);
        if (typeof after === 'string') expect(after.length).toBeGreaterThan(10);
        else expect(compute(fig, {}, after)).not.toEqual(compute(fig, {}, initialState(fig)));
      });
    }
  });
}

it('some figures report progress, so the worker check above can fail', () => {
  // Runs after every figure's own tests (Vitest runs a file's tests in order).
  expect(reporting.size).toBeGreaterThan(0);
  for (const name of reporting) expect(figures.find(([n]) => n === name)?.[1].worker, name).toBe(true);
});
