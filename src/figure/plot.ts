import * as Plot from '@observablehq/plot';
import type { Label, LabelsMark } from './labels.ts';
import { FONT } from './sizes.ts';

/** A chart Plot drew: an SVG, or a figure element when it carries a legend. */
export type Chart = ReturnType<typeof Plot.plot>;

/** What plot() takes: Plot's options with the width required (it comes from view.width), and labels marks among the marks. */
export type ChartOptions = Omit<Plot.PlotOptions, 'document' | 'marks'> & { width: number; marks?: (Plot.Markish | LabelsMark)[] };

const isLabels = (m: unknown): m is LabelsMark => !!m && typeof m === 'object' && 'overflow' in m && 'mark' in m;

/** The labels that did not fit in the chart, as a legend under it: a swatch in each label's ink, then its text. */
function legend(document: Document, items: readonly Label[]): HTMLElement {
  const list = document.createElement('ul');
  list.setAttribute('class', 'chart-legend');
  for (const l of items) {
    const li = document.createElement('li');
    // A swatch only for a label in a series' ink: a plain annotation is just its text.
    if (l.fill && l.fill !== 'currentColor') li.setAttribute('style', `color: ${l.fill}`);
    else li.setAttribute('class', 'plain');
    li.textContent = l.text;
    list.append(li);
  }
  return list;
}

/**
 * Plot.plot with the document made explicit (the build passes linkedom's, the browser its own), text at
 * FONT px, and the labels a labels() mark could not place moved into a legend under the chart.
 */
export function plot(document: Document, options: ChartOptions): Chart {
  const labelMarks = (options.marks ?? []).flat(Infinity as 1).filter(isLabels);
  const marks = (options.marks ?? []).map(function unwrap(m): Plot.Markish {
    return Array.isArray(m) ? m.map(unwrap) : isLabels(m) ? m.mark : (m as Plot.Markish);
  });
  const style = typeof options.style === 'object' && options.style ? options.style : {};
  // The x label goes centred under the tick labels: at the right end (Plot's default) it lands on the last tick at 12 px.
  const x = options.x?.axis === null ? options.x : { labelAnchor: 'center' as const, labelOffset: 34, labelArrow: 'none' as const, ...options.x };
  const marginBottom = options.marginBottom ?? (options.x?.axis === null ? undefined : 40);
  // Room above the frame for the y label, clear of the top tick label (centred on the frame's top edge).
  const marginTop = options.marginTop ?? (options.y?.axis === null ? undefined : 30);
  const chart = Plot.plot({ ...options, x, marginBottom, marginTop, marks, document, style: { fontSize: `${FONT}px`, ...style } });
  const overflow = labelMarks.flatMap((l) => l.overflow);
  if (!overflow.length) return chart;
  const box = document.createElement('figure');
  box.setAttribute('class', 'chart-box');
  box.append(chart, legend(document, overflow));
  return Object.assign(box, { scale: chart.scale.bind(chart), legend: chart.legend.bind(chart) }) as unknown as Chart;
}

/**
 * The data value under the pointer on one of a chart's position scales: inverted for a continuous
 * scale, the band's domain value for a band scale (undefined between bands). The chart may be drawn
 * smaller than its own width on a phone, so screen pixels are mapped back to its units first.
 */
export function valueAt(chart: Chart, event: MouseEvent, name: 'x' | 'y'): unknown {
  const scale = chart.scale(name);
  if (!scale) return undefined;
  const svg = chart.tagName.toLowerCase() === 'svg' ? chart : chart.querySelector('svg') ?? chart;
  const box = svg.getBoundingClientRect();
  const own = Number(svg.getAttribute(name === 'x' ? 'width' : 'height')) || (name === 'x' ? box.width : box.height);
  const screen = name === 'x' ? event.clientX - box.left : event.clientY - box.top;
  const px = (screen * own) / ((name === 'x' ? box.width : box.height) || 1);
  if (scale.invert) return scale.invert(px);
  const band = scale.bandwidth ?? 0;
  return (scale.domain as readonly unknown[]).find((v) => {
    const at = scale.apply(v) as number;
    return px >= at && px <= at + band;
  });
}
