// Small DOM builders for draw: no innerHTML, the same calls on linkedom and in the browser.

/** A row of charts side by side that wraps onto more lines on a narrow screen (`.chart-row`). */
export function row(document: Document, parts: (Element | null | undefined)[]): HTMLDivElement {
  const div = stack(document, parts);
  div.setAttribute('class', 'chart-row');
  return div;
}

/** A div of charts and paragraphs, in order; a string becomes a <p>. */
export function stack(document: Document, parts: (Element | string | null | undefined)[]): HTMLDivElement {
  const div = document.createElement('div');
  for (const p of parts) {
    if (p === null || p === undefined) continue;
    if (typeof p === 'string') {
      const el = document.createElement('p');
      el.textContent = p;
      div.appendChild(el);
    } else div.appendChild(p);
  }
  return div;
}

/** What a table shows: a caption, column heads, rows; with rowHeads the first cell of each row heads it. */
export interface TableSpec {
  caption?: string;
  head: readonly string[];
  rows: readonly (readonly (string | number)[])[];
  rowHeads?: boolean;
}

/** A cell that reads as a number (a sign, digits, an exponent, a dash for none): right-aligned in tabular figures. */
const NUMERIC = /^[−+-]?(\d[\d,]*\.?\d*|\.\d+)(e[−+-]?\d+|×10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)?%?$|^—$/;

/** Whether a cell's text is a number, as table() aligns it. */
export const isNumeric = (c: string | number): boolean => typeof c === 'number' || NUMERIC.test(String(c).trim());

/**
 * A data table with scoped header cells, for numbers a chart cannot show exactly; numbers right-aligned.
 * It comes in a box that scrolls sideways on a phone and takes focus, so a keyboard can scroll it too.
 */
export function table(document: Document, spec: TableSpec): HTMLDivElement {
  const box = document.createElement('div');
  box.setAttribute('class', 'table-scroll');
  box.setAttribute('tabindex', '0');
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', spec.caption ?? spec.head.join(', '));
  const t = document.createElement('table');
  if (spec.caption) {
    const cap = document.createElement('caption');
    cap.textContent = spec.caption;
    t.append(cap);
  }
  const row = (cells: readonly (string | number)[], head: boolean) => {
    const tr = document.createElement('tr');
    cells.forEach((c, i) => {
      const rowHead = !head && spec.rowHeads && i === 0;
      const cell = document.createElement(head || rowHead ? 'th' : 'td');
      if (head || rowHead) cell.setAttribute('scope', head ? 'col' : 'row');
      cell.textContent = String(c);
      if (!head && !rowHead && isNumeric(c)) cell.setAttribute('class', 'num');
      tr.append(cell);
    });
    return tr;
  };
  const thead = document.createElement('thead');
  thead.append(row(spec.head, true));
  const tbody = document.createElement('tbody');
  for (const r of spec.rows) tbody.append(row(r, false));
  t.append(thead, tbody);
  box.append(t);
  return box;
}
