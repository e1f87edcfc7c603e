// Apart from controls.ts: only the address, the build, scripts and hand-called computes check values, so the first-load script need not carry it.
import type { Control, Value } from './types.ts';

/** A control's value from text (a URL query value); an error naming the control when it is not acceptable. */
export function parseValue(c: Control, text: string): { value: Value } | { error: string } {
  if (c.kind === 'checkbox') {
    if (text === '1' || text === 'true' || text === 'on') return { value: true };
    if (text === '0' || text === 'false' || text === '') return { value: false };
    return { error: `${c.label}: "${text.slice(0, 20)}" is not on or off` };
  }
  if (c.kind === 'select') {
    const problem = valueProblem(c, text);
    return problem ? { error: problem } : { value: text };
  }
  if (!/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(text.trim())) return { error: `${c.label}: "${text.slice(0, 20)}" is not a number` };
  const x = Number(text);
  const problem = valueProblem(c, x);
  if (problem) return { error: problem };
  const [lo, hi] = c.log ? [10 ** c.min, 10 ** c.max] : [c.min, c.max];
  return { value: x === 0 && c.log && c.zero ? 0 : Math.min(hi, Math.max(lo, x)) };
}

/** What is wrong with a value for control c, naming the control; null when the control could have produced it. */
export function valueProblem(c: Control, v: unknown): string | null {
  if (c.kind === 'checkbox') return typeof v === 'boolean' ? null : `${c.label}: ${String(v).slice(0, 20)} is not on or off`;
  if (c.kind === 'select') return c.options.some((o) => o.value === v) ? null : `${c.label}: "${String(v).slice(0, 20)}" is not one of ${c.options.map((o) => o.value).join(', ')}`;
  if (typeof v !== 'number' || !Number.isFinite(v)) return `${c.label}: "${String(v).slice(0, 20)}" is not a finite number`;
  if (v === 0 && c.log && c.zero) return null;
  const [lo, hi] = c.log ? [10 ** c.min, 10 ** c.max] : [c.min, c.max];
  // Judged in the slider's own positions (exponents for a log slider), so the slack never scales with
  // the range: 1e-14 on a slider from 1e-13 is outside it, not rounded onto its "exactly 0" end.
  const at = c.log ? (v > 0 ? Math.log10(v) : Number.NaN) : v;
  // A millionth of a step: what decimal steps and log10 lose in binary, far below any step a reader makes.
  const slack = 1e-6 * c.step;
  if (!(at >= c.min - slack && at <= c.max + slack)) return `${c.label}: ${v} is outside [${lo}, ${hi}]`;
  if (c.integer && !Number.isInteger(v)) return `${c.label}: ${v} is not a whole number`;
  // On a log slider with `zero`, the far-left position stands for exactly 0: no other value sits there.
  if (c.log && c.zero && at < c.min + c.step / 2) return `${c.label}: ${v} is below the smallest non-zero position ${10 ** (c.min + c.step)} (use 0 for exactly 0)`;
  const k = (at - c.min) / c.step;
  if (Math.abs(k - Math.round(k)) > 1e-6) return `${c.label}: ${v} is not one of the slider's positions`;
  return null;
}

/**
 * Throws a RangeError naming the first parameter the figure's controls could not have produced, by the rules a
 * URL value is read with: for a compute called by hand or from a notebook cell, where no control stands guard.
 */
export function checkParams(controls: Readonly<Record<string, Control>>, params: Readonly<Record<string, unknown>>): void {
  for (const [name, c] of Object.entries(controls)) {
    const problem = valueProblem(c, params[name]);
    if (problem) throw new RangeError(problem);
  }
}
