import * as Plot from '@observablehq/plot';

/** A chart Plot drew: an SVG, or a figure element when Plot adds a legend. */
export type Chart = ReturnType<typeof Plot.plot>;

/** Plot.plot with the document made explicit: the build passes linkedom's, the browser its own. */
export function plot(document: Document, options: Omit<Plot.PlotOptions, 'document'>): Chart {
  return Plot.plot({ ...options, document });
}

/**
 * The data value under the pointer on one of a chart's position scales: inverted for a continuous
 * scale, the band's domain value for a band scale (undefined between bands). The chart may be drawn
 * smaller than its own width on a phone, so screen pixels are mapped back to its units first.
 */
export function valueAt(chart: Chart, event: MouseEvent, name: 'x' | 'y'): unknown {
  const scale = chart.scale(name);
  if (!scale) return undefined;
  const box = chart.getBoundingClientRect();
  const own = Number(chart.getAttribute(name === 'x' ? 'width' : 'height')) || (name === 'x' ? box.width : box.height);
  const screen = name === 'x' ? event.clientX - box.left : event.clientY - box.top;
  const px = (screen * own) / ((name === 'x' ? box.width : box.height) || 1);
  if (scale.invert) return scale.invert(px);
  const band = scale.bandwidth ?? 0;
  return (scale.domain as readonly unknown[]).find((v) => {
    const at = scale.apply(v) as number;
    return px >= at && px <= at + band;
  });
}
