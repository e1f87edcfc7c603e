// Apart from controls.ts: only the address, the build and scripts parse values, so the first-load script need not carry it.
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
