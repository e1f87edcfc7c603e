import type { Control, Value } from './types.ts';

/** The text an <input> holds for a value: log sliders hold the exponent. */
export function inputText(c: Control, value: Value): string {
  if (c.kind === 'range' && c.log && typeof value === 'number') return String(value === 0 && c.zero ? c.min : Math.log10(value));
  return String(value);
}

/** The value an <input>'s text stands for: the inverse of inputText. */
export function fromInput(c: Control, text: string, checked: boolean): Value {
  if (c.kind === 'checkbox') return checked;
  if (c.kind === 'select') return text;
  const x = Number(text);
  if (c.kind === 'range' && c.log && c.zero && x <= c.min) return 0;
  // Log sliders step in exponents; rounding keeps 10 ** -3 from reading as 0.0010000000000000002.
  return c.kind === 'range' && c.log ? Number((10 ** x).toPrecision(12)) : x;
}

/** The text a value takes in the URL query. */
export function urlText(value: Value): string {
  return typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
}

/** A value as the reader reads it next to its slider. */
export function displayValue(c: Control, value: Value): string {
  if (typeof value !== 'number') return String(value);
  const s = Math.abs(value) >= 1e4 || (value !== 0 && Math.abs(value) < 1e-3) ? value.toExponential(1) : String(+value.toPrecision(4));
  return c.kind === 'range' && c.unit ? `${s} ${c.unit}` : s;
}
