import type { Rows } from './types.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A figure's rows as CSV (RFC 4180): one header of every key seen, full-precision numbers, empty for missing. */
export function toCsv(rows: Rows): string {
  const keys: string[] = [];
  for (const row of rows) for (const k of Object.keys(row)) if (!keys.includes(k)) keys.push(k);
  const cell = (v: unknown) => {
    if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return '';
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [keys.map(cell).join(',')];
  for (const row of rows) lines.push(keys.map((k) => cell((row as Record<string, unknown>)[k])).join(','));
  return `${lines.join('\n')}\n`;
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
