/** CSV text with a header row; null/undefined become empty fields, and fields with commas or quotes are quoted. */
export function toCsv(rows: readonly object[], columns: readonly string[]): string {
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [columns.join(',')];
  for (const r of rows) lines.push(columns.map((c) => cell((r as Record<string, unknown>)[c])).join(','));
  return `${lines.join('\n')}\n`;
}
