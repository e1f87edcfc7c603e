import type * as Plot from '@observablehq/plot';
import { placeBoxes, textSize, type Box } from './place.ts';
import { FONT } from './sizes.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** One end label or annotation: at data (x, y), or pinned to the frame; drawn in `fill` (an ink, for 4.5 : 1). */
export interface Label {
  readonly text: string;
  readonly x?: unknown;
  readonly y?: unknown;
  /** Where in the frame, for a label without x (or y): 0 = left (top), 1 = right (bottom). */
  readonly fx?: number;
  readonly fy?: number;
  /** Which side of the point the text sits on. */
  readonly anchor?: 'start' | 'middle' | 'end';
  readonly dx?: number;
  readonly dy?: number;
  readonly fill?: string;
}

/** A labels mark, and after drawing the labels it could not fit (for the legend plot() adds). */
export interface LabelsMark {
  readonly mark: Plot.RenderFunction;
  readonly overflow: Label[];
}

// A band scale's bandwidth is a function in a render mark's scales (d3), a number on chart.scale().
type Scale = ((v: unknown) => number) & { bandwidth?: number | (() => number) };
const band = (s: Scale) => (typeof s.bandwidth === 'function' ? s.bandwidth() : s.bandwidth ?? 0);

/** Where a label's centre would go in pixels, before moving it apart from the others. */
function anchorPoint(l: Label, scales: { x?: Scale; y?: Scale }, d: Plot.Dimensions): [number, number] {
  const at = (v: unknown, s: Scale | undefined, f: number | undefined, lo: number, hi: number) =>
    v !== undefined && s ? s(v) + band(s) / 2 : lo + (f ?? 0.5) * (hi - lo);
  return [
    at(l.x, scales.x, l.fx, d.marginLeft, d.width - d.marginRight) + (l.dx ?? 0),
    at(l.y, scales.y, l.fy, d.marginTop, d.height - d.marginBottom) + (l.dy ?? 0),
  ];
}

/**
 * End labels and annotations that never collide: one mark per chart, placed together by placeBoxes inside
 * the plot frame, each text on a halo of the page colour. Every figure's text that sits on the data goes here.
 */
export function labels(items: readonly Label[], font = FONT): LabelsMark {
  const overflow: Label[] = [];
  const mark: Plot.RenderFunction = (_index, scales, _values, dimensions, context) => {
    overflow.length = 0;
    const doc = context.document;
    const g = doc.createElementNS(SVG_NS, 'g');
    g.setAttribute('class', 'labels');
    const shown = items.filter((l) => l.text !== '');
    const wanted: Box[] = shown.map((l) => {
      const [px, py] = anchorPoint(l, scales as { x?: Scale; y?: Scale }, dimensions);
      const { w, h } = textSize(l.text, font);
      const left = l.anchor === 'end' ? px - w : l.anchor === 'middle' ? px - w / 2 : px;
      return { x: Number.isFinite(left) ? left : 0, y: Number.isFinite(py) ? py - h / 2 : 0, w, h };
    });
    const frame = { left: dimensions.marginLeft, right: dimensions.width - dimensions.marginRight, top: dimensions.marginTop, bottom: dimensions.height - dimensions.marginBottom };
    placeBoxes(wanted, frame).forEach((box, i) => {
      if (!box) return void overflow.push(shown[i]);
      const t = doc.createElementNS(SVG_NS, 'text');
      t.setAttribute('x', String(+box.x.toFixed(1)));
      t.setAttribute('y', String(+(box.y + box.h / 2).toFixed(1)));
      t.setAttribute('dy', '0.35em');
      // Plot's svg centres text by default; the box was placed by its left edge.
      t.setAttribute('text-anchor', 'start');
      t.setAttribute('font-size', String(font));
      t.setAttribute('fill', shown[i].fill ?? 'currentColor');
      // A halo in the page colour keeps a label legible where it crosses a line or the grid.
      t.setAttribute('stroke', 'var(--bg, white)');
      t.setAttribute('stroke-width', '3');
      t.setAttribute('paint-order', 'stroke');
      t.textContent = shown[i].text;
      g.append(t);
    });
    return g as unknown as SVGElement;
  };
  return { mark, overflow };
}
