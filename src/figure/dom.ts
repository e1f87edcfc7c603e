// Small DOM builders for draw: no innerHTML, the same calls on linkedom and in the browser.

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

/** A data table with scoped header cells, for numbers a chart cannot show exactly. */
export function table(document: Document, spec: TableSpec): HTMLTableElement {
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
      tr.append(cell);
    });
    return tr;
  };
  const thead = document.createElement('thead');
  thead.append(row(spec.head, true));
  const tbody = document.createElement('tbody');
  for (const r of spec.rows) tbody.append(row(r, false));
  t.append(thead, tbody);
  return t;
}
