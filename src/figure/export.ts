import { csvFormat } from 'd3-dsv';
import type { Rows } from './types.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Rows as CSV (RFC 4180, by d3-dsv): a header of the given columns, or of every key seen in order;
 * full-precision numbers; empty cells for missing and non-finite values; a final newline.
 */
export function toCsv(rows: Rows, columns?: readonly string[]): string {
  const clean = rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'number' && !Number.isFinite(v) ? null : v])),
  );
  return `${columns ? csvFormat(clean, [...columns]) : csvFormat(clean)}\n`;
}

/** The chart(s) of a rendered node as one standalone SVG document, stacked top to bottom. */
export function toSvg(node: Element, document: Document): string {
  const svgs = node.tagName.toLowerCase() === 'svg' ? [node] : [...node.querySelectorAll('svg')];
  const size = (el: Element, key: 'width' | 'height') => Number(el.getAttribute(key)) || 0;
  const width = Math.max(0, ...svgs.map((s) => size(s, 'width')));
  const height = svgs.reduce((h, s) => h + size(s, 'height'), 0);
  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  // A standalone file has no page colours: draw on white in a dark ink.
  root.setAttribute('style', 'background: white; color: #1f2328');
  let y = 0;
  for (const svg of svgs) {
    const copy = svg.cloneNode(true) as Element;
    copy.setAttribute('y', String(y));
    y += size(svg, 'height');
    root.appendChild(copy);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root.outerHTML}\n`;
}
