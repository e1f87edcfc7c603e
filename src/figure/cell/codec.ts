// JSON that keeps what a compute may return and JSON would lose: typed arrays, NaN and ±Infinity.
// Both functions are self-contained: the sandbox evaluates their source text too (`encode.toString()`).

/** A value as JSON text, typed arrays and non-finite numbers tagged so that decode restores them. */
export function encode(value: unknown): string {
  // −0 too: JSON writes it as 0, and a sign can matter (1 / −0 is −Infinity).
  const tag = (x: unknown) => (typeof x === 'number' && (!Number.isFinite(x) || Object.is(x, -0)) ? { $number: Object.is(x, -0) ? '-0' : String(x) } : x);
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, x: unknown) {
    const raw = this[key];
    if (ArrayBuffer.isView(raw) && !(raw instanceof DataView)) return { $typed: raw.constructor.name, values: Array.from(raw as unknown as ArrayLike<number>, tag) };
    return tag(x);
  }) ?? 'null';
}

/** The value encode wrote. */
export function decode(text: string): unknown {
  const typed: Record<string, new (values: number[]) => unknown> = { Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array, Uint8ClampedArray };
  return JSON.parse(text, (_key, x: unknown) => {
    const v = x as { $number?: string; $typed?: string; values?: number[] } | null;
    if (v && typeof v === 'object' && typeof v.$number === 'string') return Number(v.$number);
    if (v && typeof v === 'object' && typeof v.$typed === 'string' && Array.isArray(v.values) && typed[v.$typed]) return new typed[v.$typed](v.values);
    return x;
  });
}
