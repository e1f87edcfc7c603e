import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { network, networkGeometry, type NetworkEdge, type NetworkSpec } from '../../../src/figure/network.ts';
import { palette } from '../../../src/figure/palette.ts';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;

// Two hidden units started identical: the textbook symmetric network.
const twins: NetworkSpec = {
  layers: [1, 2, 1],
  weights: [[[0.5], [0.5]], [[-0.3, -0.3]]],
  biases: [[0.1, 0.1], [0]],
  labels: [['x'], ['h₁', 'h₂'], ['ŷ']],
  width: 360,
  height: 200,
};

// A copy of the twins with one entry of weights (or biases) moved by `by`.
const nudge = (where: 'in' | 'out' | 'bias', by: number): NetworkSpec => {
  const weights = twins.weights.map((m) => m.map((row) => [...row]));
  const biases = (twins.biases ?? []).map((b) => [...b]);
  if (where === 'in') weights[0][1][0] += by;
  if (where === 'out') weights[1][0][1] += by;
  if (where === 'bias') biases[0][1] += by;
  return { ...twins, weights, biases };
};

const edgeOf = (edges: NetworkEdge[], layer: number, from: number, to: number) =>
  edges.find((e) => e.layer === layer && e.from === from && e.to === to);

describe('ties', () => {
  test('tied units share a tie id and draw identical, mirrored connections', () => {
    const g = networkGeometry(twins);
    expect(g.ties).toEqual([{ layer: 1, units: [0, 1] }]);
    const [h1, h2] = g.nodes.filter((n) => n.layer === 1);
    expect(h1.tie).not.toBeNull();
    expect(h1.tie).toBe(h2.tie);
    expect(g.nodes.filter((n) => n.layer !== 1).every((n) => n.tie === null)).toBe(true);
    const x = g.nodes.find((n) => n.layer === 0)!;
    const pairs = [
      [edgeOf(g.edges, 0, 0, 0)!, edgeOf(g.edges, 0, 0, 1)!],
      [edgeOf(g.edges, 1, 0, 0)!, edgeOf(g.edges, 1, 1, 0)!],
    ];
    for (const [a, b] of pairs) {
      expect([a.width, a.color, a.x1, a.x2]).toEqual([b.width, b.color, b.x1, b.x2]);
      // Mirrored about the centre line the single input and output sit on.
      expect(a.y1 + a.y2 + b.y1 + b.y2).toBeCloseTo(4 * x.y, 1);
    }
    expect(h1.x).toBe(h2.x);
    expect(h1.y + h2.y).toBeCloseTo(2 * x.y, 1);
  });

  test.each(['in', 'out', 'bias'] as const)('moving one %s entry by 1e-12 breaks the tie', (where) => {
    const g = networkGeometry(nudge(where, 1e-12));
    expect(g.ties).toEqual([]);
    expect(g.nodes.every((n) => n.tie === null)).toBe(true);
    // The same nudge of 0 keeps it, so it is the 1e-12 that broke it.
    expect(networkGeometry(nudge(where, 0)).ties).toHaveLength(1);
  });

  test('0 and -0 differ bit for bit, and each group of equal units gets its own id', () => {
    expect(networkGeometry({ ...twins, biases: [[0, -0], [0]] }).ties).toEqual([]);
    const g = networkGeometry({ layers: [1, 4], weights: [[[1], [2], [1], [2]]], width: 300, height: 200 });
    expect(g.ties.map((t) => t.units)).toEqual([[0, 2], [1, 3]]);
    const ids = g.nodes.filter((n) => n.layer === 1).map((n) => n.tie);
    expect(ids[0]).toBe(ids[2]);
    expect(ids[1]).toBe(ids[3]);
    expect(ids[0]).not.toBe(ids[1]);
  });
});

describe('connections', () => {
  test('zero and non-finite weights draw no connection', () => {
    const spec: NetworkSpec = { layers: [3, 2], weights: [[[0, 1, -0], [Number.NaN, -2, Infinity]]], width: 300, height: 160 };
    const g = networkGeometry(spec);
    const drawn = spec.weights.flat(2).filter((w) => w !== 0 && Number.isFinite(w));
    expect(g.edges).toHaveLength(drawn.length);
    expect(g.edges.map((e) => e.w).sort()).toEqual([...drawn].sort());
    expect(edgeOf(g.edges, 0, 0, 0)).toBeUndefined();
    expect(edgeOf(g.edges, 0, 2, 0)).toBeUndefined();
  });

  test('width grows with |w| and colour shows the sign', () => {
    const ws = [0.1, -0.4, 0.8, -1.6, 3.2];
    const g = networkGeometry({ layers: [5, 1], weights: [[ws]], width: 300, height: 200 });
    const byMagnitude = [...g.edges].sort((a, b) => Math.abs(a.w) - Math.abs(b.w));
    for (let i = 1; i < byMagnitude.length; i++) expect(byMagnitude[i].width).toBeGreaterThan(byMagnitude[i - 1].width);
    for (const e of g.edges) expect(e.color).toBe(e.w > 0 ? palette[0] : palette[1]);
    expect(palette[0]).not.toBe(palette[1]);
  });

  test('the scale option caps widths and keeps them comparable across specs', () => {
    const capped = networkGeometry({ layers: [4, 1], weights: [[[0.25, 0.5, 1, 2]]], width: 300, height: 200, scale: 0.5 });
    const w = (g: typeof capped, v: number) => g.edges.find((e) => e.w === v)!.width;
    expect(w(capped, 0.5)).toBe(w(capped, 1));
    expect(w(capped, 1)).toBe(w(capped, 2));
    expect(w(capped, 0.25)).toBeLessThan(w(capped, 0.5));
    // By default the largest |w| takes the widest stroke, so the same weight draws thinner beside a bigger one.
    const small = networkGeometry({ layers: [2, 1], weights: [[[0.5, 1]]], width: 300, height: 200 });
    const big = networkGeometry({ layers: [2, 1], weights: [[[0.5, 3]]], width: 300, height: 200 });
    expect(w(big, 0.5)).toBeLessThan(w(small, 0.5));
    const fixed = (ws: number[]) => networkGeometry({ layers: [2, 1], weights: [[ws]], width: 300, height: 200, scale: 4 });
    expect(w(fixed([0.5, 1]), 0.5)).toBe(w(fixed([0.5, 3]), 0.5));
  });
});

describe('layout', () => {
  const specs: NetworkSpec[] = [
    twins,
    { ...twins, width: 200, height: 120, labels: [['input x'], ['h₁', 'h₂'], ['output ŷ']] },
    {
      layers: [3, 5, 4, 2],
      weights: [
        Array.from({ length: 5 }, () => [0.2, -0.1, 0.4]),
        Array.from({ length: 4 }, (_, j) => [1, 1, 1, 1, 1].map((v) => v * (j % 2 ? -1 : 1))),
        [[1, 2, 1, 2], [0.5, 0.5, -0.5, -0.5]],
      ],
      labels: [['x₁', 'x₂', 'x₃'], ['a', 'b', 'c', 'd', 'e'], [], ['long output name', 'z']],
      width: 928,
      height: 300,
    },
  ];

  test.each(specs.map((s, i) => [i, s] as const))('spec %i keeps every unit and text inside the box', (_, spec) => {
    const g = networkGeometry(spec);
    for (const n of g.nodes) {
      expect(n.x - n.r).toBeGreaterThanOrEqual(0);
      expect(n.x + n.r).toBeLessThanOrEqual(spec.width);
      expect(n.y - n.r).toBeGreaterThanOrEqual(0);
      expect(n.y + n.r).toBeLessThanOrEqual(spec.height);
    }
    const svg = network(doc(), spec);
    const texts = [...svg.querySelectorAll('text')];
    expect(texts.length).toBe(g.texts.length);
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) {
      const size = Number(t.getAttribute('font-size'));
      expect(size).toBeGreaterThanOrEqual(12);
      const w = 0.62 * size * [...(t.textContent ?? '')].length;
      const x = Number(t.getAttribute('x'));
      const y = Number(t.getAttribute('y'));
      const anchor = t.getAttribute('text-anchor');
      const left = anchor === 'end' ? x - w : anchor === 'middle' ? x - w / 2 : x;
      expect(left).toBeGreaterThanOrEqual(0);
      expect(left + w).toBeLessThanOrEqual(spec.width);
      // dy 0.35em centres the text on y.
      expect(t.getAttribute('dy')).toBe('0.35em');
      expect(y - size / 2).toBeGreaterThanOrEqual(0);
      expect(y + size / 2).toBeLessThanOrEqual(spec.height);
    }
  });

  test('columns run left to right and units in a column are centred', () => {
    const g = networkGeometry(specs[2]);
    const xs = [0, 1, 2, 3].map((l) => g.nodes.filter((n) => n.layer === l));
    for (let l = 1; l < 4; l++) expect(xs[l][0].x).toBeGreaterThan(xs[l - 1][0].x);
    for (const col of xs) {
      const ys = col.map((n) => n.y);
      expect(Math.min(...ys) + Math.max(...ys)).toBeCloseTo(xs[0][1].y * 2, 1);
      expect(new Set(col.map((n) => n.x)).size).toBe(1);
    }
  });
});

describe('svg', () => {
  test('an image named after its tie, with tied units filled alike and marked', () => {
    const svg = network(doc(), twins);
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('class')).toBe('network');
    expect(svg.getAttribute('viewBox')).toBe(`0 0 ${twins.width} ${twins.height}`);
    expect(svg.getAttribute('aria-label')).toMatch(/units 1 and 2 of layer 2 are tied/);
    const fill = (layer: number, index: number) => svg.querySelector(`circle.unit[data-layer="${layer}"][data-index="${index}"]`)!.getAttribute('fill');
    expect(fill(1, 0)).toBe(fill(1, 1));
    expect(fill(0, 0)).not.toBe(fill(1, 0));
    const notes = [...svg.querySelectorAll('text')].map((t) => t.textContent);
    expect(notes).toContain('tied');
    expect(notes).toContain('=');
    expect(network(doc(), { ...twins, title: 'Twins' }).getAttribute('aria-label')).toBe('Twins');
    const broken = network(doc(), nudge('in', 1e-12));
    expect(broken.getAttribute('aria-label')).not.toMatch(/of layer \d+ are tied/);
    expect([...broken.querySelectorAll('text')].map((t) => t.textContent)).not.toContain('tied');
    expect(broken.querySelectorAll('circle.tied')).toHaveLength(0);
  });

  test('connections first, then units, then text; each connection titled with its weight', () => {
    const svg = network(doc(), twins);
    const groups = [...svg.children].map((c) => c.getAttribute('class'));
    expect(groups.indexOf('edges')).toBeLessThan(groups.indexOf('units'));
    expect(groups.indexOf('units')).toBeLessThan(groups.indexOf('labels'));
    const lines = [...svg.querySelectorAll('g.edges line')];
    expect(lines).toHaveLength(networkGeometry(twins).edges.length);
    expect(lines.map((l) => l.querySelector('title')?.textContent)).toEqual(['w = 0.5', 'w = 0.5', 'w = −0.3', 'w = −0.3']);
  });

  test('no NaN anywhere, even with a NaN or infinite weight', () => {
    const spec: NetworkSpec = { ...twins, weights: [[[Number.NaN], [0.5]], [[-Infinity, 1]]] };
    const svg = network(doc(), spec);
    expect(svg.outerHTML).not.toContain('NaN');
    expect(svg.outerHTML).not.toContain('Infinity');
    expect(svg.querySelectorAll('g.edges line')).toHaveLength(2);
  });
});
