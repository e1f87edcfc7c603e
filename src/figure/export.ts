import { csvFormat } from 'd3-dsv';
import { urlText } from './controls.ts';
import { inkLight } from './palette.ts';
import type { Rows, Values } from './types.ts';

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

/** What produced a download, in one line: the figure, then every control's value as the address writes it. */
export function provenance(name: string, params: Values): string {
  const values = Object.entries(params).map(([k, v]) => `${k}=${urlText(v)}`).join(', ');
  return (values ? `${name}: ${values}` : name).replace(/[\r\n]+/g, ' ');
}

/**
 * A download's file name: the figure's id, then `_<control>-<value>` for each control moved from its
 * default (none at the defaults), in the letters, digits, dot, dash and underscore every file system takes.
 */
export function fileName(id: string, params: Values, defaults: Values, ext: 'csv' | 'svg'): string {
  const moved = Object.entries(params).filter(([k, v]) => v !== defaults[k]).map(([k, v]) => `_${k}-${urlText(v)}`);
  return `${[id, ...moved].join('').replace(/[^\w.-]+/g, '-')}.${ext}`;
}

/**
 * A CSV file that says what made it: a `# <figure>: <control>=<value>, …` line before the header, in the
 * comment convention pandas (`read_csv(f, comment='#')`) and R (`read.csv(f, comment.char = '#')`) read past.
 */
export function csvFile(rows: Rows, about: string): string {
  return `# ${about}\n${toCsv(rows)}`;
}

/** The chart(s) of a rendered node as one standalone SVG document, stacked top to bottom; `about` goes in its <desc>. */
export function toSvg(node: Element, document: Document, about?: string): string {
  const svgs = node.tagName.toLowerCase() === 'svg' ? [node] : [...node.querySelectorAll('svg')];
  const size = (el: Element, key: 'width' | 'height') => Number(el.getAttribute(key)) || 0;
  const width = Math.max(0, ...svgs.map((s) => size(s, 'width')));
  const height = svgs.reduce((h, s) => h + size(s, 'height'), 0);
  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  // A standalone file has no page colours: draw on white in a dark ink, with the light theme's series inks.
  const inks = inkLight.map((c, i) => `--ink-${i}: ${c}`).join('; ');
  root.setAttribute('style', `background: white; color: #1f2328; --bg: white; ${inks}`);
  if (about) {
    // <desc> is SVG's own place for a description: viewers show it, and it travels with the file.
    const desc = document.createElementNS(SVG_NS, 'desc');
    desc.textContent = about;
    root.appendChild(desc);
  }
  let y = 0;
  for (const svg of svgs) {
    const copy = svg.cloneNode(true) as Element;
    copy.setAttribute('y', String(y));
    y += size(svg, 'height');
    root.appendChild(copy);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root.outerHTML}\n`;
}
