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

/** What a result holds, as its shipped compute returned it: a kind per key, arrays by their first element. */
export type Shape = 'number' | 'string' | 'boolean' | 'any' | { array: Shape } | { object: Record<string, Shape> };

/** Two shapes as one: a key or element kind the shipped data does not always give says nothing (any). */
function merge(a: Shape, b: Shape): Shape {
  if (a === b) return a;
  if (typeof a === 'string' || typeof b === 'string') return 'any';
  if ('array' in a && 'array' in b) return { array: merge(a.array, b.array) };
  if ('object' in a && 'object' in b) {
    const keys = new Set([...Object.keys(a.object), ...Object.keys(b.object)]);
    return { object: Object.fromEntries([...keys].map((k) => [k, k in a.object && k in b.object ? merge(a.object[k], b.object[k]) : 'any'])) };
  }
  return 'any';
}

/**
 * The shape of a value, arrays over all their elements (a column that is '' in one row and a number in the next
 * says nothing); null, undefined and empty arrays say nothing (any): an optional note, a gap not yet measured.
 */
export function shapeOf(value: unknown): Shape {
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return typeof value as 'number' | 'string' | 'boolean';
  if (ArrayBuffer.isView(value)) return { array: 'number' };
  if (Array.isArray(value)) return value.length ? { array: value.map(shapeOf).reduce(merge) } : 'any';
  if (value && typeof value === 'object') return { object: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v)])) };
  return 'any';
}

const kindOf = (v: unknown) => (Array.isArray(v) || ArrayBuffer.isView(v) ? 'an array' : v === null ? 'null' : v === undefined ? 'missing' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);
const wanted = (s: Shape) => (typeof s === 'string' ? `a ${s}` : 'array' in s ? 'an array' : 'an object');

/**
 * Where a cell's result differs from the shape the figure's draw reads (extra keys are fine), or null. A `partial`
 * result (a sweep on its way) may lack what is still to come; what it has must be of the right kind.
 */
export function shapeProblem(value: unknown, shape: Shape, path = 'result', partial = false): string | null {
  // A string may be optional (a note, a label); a number, an array or an object gone missing would reach the chart as NaN or nothing.
  if (shape === 'any' || value === null || (value === undefined && (shape === 'string' || partial))) return null;
  const got = kindOf(value);
  if (got !== wanted(shape)) return `${path} is ${got}, but the figure's draw reads ${wanted(shape)} there (as the shipped compute returns)`;
  if (typeof shape === 'string') return null;
  if ('array' in shape) {
    const items = value as ArrayLike<unknown>;
    for (let i = 0; i < items.length; i++) {
      const hit = shapeProblem(items[i], shape.array, `${path}[${i}]`, partial);
      if (hit) return hit;
    }
    return null;
  }
  for (const [k, s] of Object.entries(shape.object)) {
    const hit = shapeProblem((value as Record<string, unknown>)[k], s, `${path}.${k}`, partial);
    if (hit) return hit;
  }
  return null;
}
