import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import * as Plot from '@observablehq/plot';
import { placeBoxes, textSize, type Box } from '../../../src/figure/place.ts';
import { labels } from '../../../src/figure/labels.ts';
import { plot } from '../../../src/figure/plot.ts';

const frame = { left: 0, right: 300, top: 0, bottom: 200 };
const clash = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('placeBoxes', () => {
  it('leaves boxes that do not touch where they were', () => {
    const wanted = [{ x: 10, y: 10, w: 50, h: 16 }, { x: 10, y: 100, w: 50, h: 16 }];
    expect(placeBoxes(wanted, frame)).toEqual(wanted);
  });
  it('moves boxes printed on each other apart, the nearest free spot first', () => {
    const wanted = Array.from({ length: 5 }, () => ({ x: 100, y: 90, w: 60, h: 16 }));
    const placed = placeBoxes(wanted, frame);
    expect(placed.every(Boolean)).toBe(true);
    for (const [i, a] of placed.entries()) for (const b of placed.slice(i + 1)) expect(clash(a!, b!)).toBe(false);
    // Each moved by at most the height of the others stacked on it.
    for (const b of placed) expect(Math.abs(b!.y - 90)).toBeLessThanOrEqual(3 * 19);
  });
  it('pulls a box that would leave the frame back inside', () => {
    const [b] = placeBoxes([{ x: -40, y: 195, w: 80, h: 16 }], frame);
    expect(b).toEqual({ x: 0, y: 184, w: 80, h: 16 });
    const [c] = placeBoxes([{ x: 280, y: -5, w: 80, h: 16 }], frame);
    expect(c!.x + c!.w).toBe(300);
    expect(c!.y).toBe(0);
  });
  it('gives up (null, for the legend) on a box that fits nowhere', () => {
    const tall = Array.from({ length: 20 }, () => ({ x: 0, y: 0, w: 300, h: 16 }));
    const placed = placeBoxes(tall, frame);
    const shown = placed.filter(Boolean) as Box[];
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(20);
    for (const [i, a] of shown.entries()) for (const b of shown.slice(i + 1)) expect(clash(a, b)).toBe(false);
    expect(placeBoxes([{ x: 0, y: 0, w: 400, h: 10 }], frame)).toEqual([null]);
  });
  it('estimates a text no narrower than its characters at the font size', () => {
    expect(textSize('unit 1', 12).w).toBeGreaterThanOrEqual(6 * 12 * 0.55);
    expect(textSize('αβγ', 12).w).toBe(textSize('abc', 12).w);
  });
});

describe('labels mark', () => {
  const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
  const rows = [{ x: 0, y: 0 }, { x: 10, y: 1 }];
  const texts = (node: Element) => [...node.querySelectorAll('g.labels text')];

  it('draws every label on the chart, apart, inside the frame, in its ink on a halo', () => {
    const l = labels([{ text: 'unit 1', x: 10, y: 1, anchor: 'end', fill: 'var(--ink-0)' }, { text: 'unit 2', x: 10, y: 1, anchor: 'end' }]);
    const svg = plot(doc(), { width: 360, height: 200, marks: [Plot.line(rows, { x: 'x', y: 'y' }), l] });
    const ts = texts(svg);
    expect(ts.map((t) => t.textContent)).toEqual(['unit 1', 'unit 2']);
    expect(ts[0].getAttribute('fill')).toBe('var(--ink-0)');
    expect(ts[0].getAttribute('stroke')).toMatch(/var\(--bg/);
    const ys = ts.map((t) => Number(t.getAttribute('y')));
    expect(Math.abs(ys[0] - ys[1])).toBeGreaterThanOrEqual(textSize('unit 1', 12).h);
    for (const t of ts) expect(Number(t.getAttribute('x'))).toBeLessThanOrEqual(360 - 20 - textSize('unit 1', 12).w);
    expect(l.overflow).toEqual([]);
  });

  it('moves what cannot fit into a legend under the chart', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ text: `a rather long label number ${i}`, x: 5, y: 0.5 }));
    const chart = plot(doc(), { width: 360, height: 120, marks: [Plot.line(rows, { x: 'x', y: 'y' }), labels(many)] });
    expect(chart.tagName.toLowerCase()).toBe('figure');
    const legend = [...chart.querySelectorAll('.chart-legend li')].map((li) => li.textContent);
    expect(legend.length).toBeGreaterThan(0);
    expect(legend.length + texts(chart).length).toBe(30);
    expect(typeof chart.scale).toBe('function');
  });
});

describe('labels on a band scale', () => {
  it('sit in the middle of their band, not at the frame edge', () => {
    const document = parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
    const bars = [{ k: 'a', v: 1 }, { k: 'b', v: 2 }, { k: 'c', v: 3 }];
    const svg = plot(document, { width: 360, height: 200, x: { type: 'band', domain: ['a', 'b', 'c'] }, marks: [Plot.barY(bars, { x: 'k', y: 'v' }), labels([{ text: 'b', x: 'b', y: 2, anchor: 'middle' }])] });
    const t = svg.querySelector('g.labels text')!;
    const x = Number(t.getAttribute('x')) + textSize('b', 12).w / 2;
    const scale = svg.scale('x') as unknown as { apply(v: string): number; bandwidth: number };
    expect(Math.abs(x - (scale.apply('b') + scale.bandwidth / 2))).toBeLessThan(1);
  });
});
