// What a cell must return before the figure's own draw sees it.

/** Where in a result the first NaN or ±Infinity sits (`rows[3].loss`), or null when every number is finite. */
export function nonFinite(value: unknown, path = 'result'): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path} is ${value}`;
  if (ArrayBuffer.isView(value)) {
    const values = value as unknown as ArrayLike<number>;
    for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return `${path}[${i}] is ${values[i]}`;
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = nonFinite(value[i], `${path}[${i}]`);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const hit = nonFinite(v, /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`);
      if (hit) return hit;
    }
  }
  return null;
}

/** Why a cell's result cannot be drawn (the shape every compute returns, then finite numbers), or null when it can. */
export function resultProblem(value: unknown): string | null {
  const v = value as { rows?: unknown; alt?: unknown } | null;
  if (!v || typeof v !== 'object' || Array.isArray(v)) return `compute must return an object with rows and alt; it returned ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}`;
  if (!Array.isArray(v.rows)) return 'compute must return rows, an array of objects (the CSV download)';
  if (typeof v.alt !== 'string') return 'compute must return alt, a string describing the chart';
  const bad = nonFinite(value);
  return bad ? `${bad}: a chart cannot show it` : null;
}
