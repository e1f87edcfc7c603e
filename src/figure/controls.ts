import type { Control, Value } from './types.ts';

/** A control's value from text (a URL query value); an error naming the control when it is not acceptable. */
export function parseValue(c: Control, text: string): { value: Value } | { error: string } {
  if (c.kind === 'checkbox') {
    if (text === '1' || text === 'true' || text === 'on') return { value: true };
    if (text === '0' || text === 'false' || text === '') return { value: false };
    return { error: `${c.label}: "${text.slice(0, 20)}" is not on or off` };
  }
  if (c.kind === 'select') {
    return c.options.some((o) => o.value === text) ? { value: text } : { error: `${c.label}: "${text.slice(0, 20)}" is not one of ${c.options.map((o) => o.value).join(', ')}` };
  }
  if (!/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(text.trim())) return { error: `${c.label}: "${text.slice(0, 20)}" is not a number` };
  const x = Number(text);
  if (!Number.isFinite(x)) return { error: `${c.label}: "${text.slice(0, 20)}" is not a finite number` };
  if (x === 0 && c.log && c.zero) return { value: 0 };
  const [lo, hi] = c.log ? [10 ** c.min, 10 ** c.max] : [c.min, c.max];
  // Judged in the slider's own positions (exponents for a log slider), so the slack never scales with
  // the range: 1e-14 on a slider from 1e-13 is outside it, not rounded onto its "exactly 0" end.
  const at = c.log ? (x > 0 ? Math.log10(x) : Number.NaN) : x;
  // A millionth of a step: what decimal steps and log10 lose in binary, far below any step a reader makes.
  const slack = 1e-6 * c.step;
  if (!(at >= c.min - slack && at <= c.max + slack)) return { error: `${c.label}: ${x} is outside [${lo}, ${hi}]` };
  if (c.integer && !Number.isInteger(x)) return { error: `${c.label}: ${x} is not a whole number` };
  // On a log slider with `zero`, the far-left position stands for exactly 0: no other value sits there.
  if (c.log && c.zero && at < c.min + c.step / 2) return { error: `${c.label}: ${x} is below the smallest non-zero position ${10 ** (c.min + c.step)} (use 0 for exactly 0)` };
  const k = (at - c.min) / c.step;
  if (Math.abs(k - Math.round(k)) > 1e-6) return { error: `${c.label}: ${x} is not one of the slider's positions` };
  return { value: Math.min(hi, Math.max(lo, x)) };
}

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
