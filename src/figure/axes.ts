// One axis language: log axes ticked at powers of ten written 10⁻⁵, minor ticks only where they read.
import { fmt } from './format.ts';

const SUP: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/** A power of ten as 10ⁿ with a superscript exponent (10⁻⁵, 10⁰, 10³); any other number as fmt writes it. */
export function pow10(v: number): string {
  const n = Math.log10(v);
  if (!Number.isFinite(n)) return fmt(v);
  const k = Math.round(n);
  return Math.abs(n - k) < 1e-9 ? `10${String(k).replace(/./g, (c) => SUP[c] ?? c)}` : fmt(v);
}

/**
 * Tick values for a log axis over [lo, hi]: the powers of ten inside it, thinned to at most `most`; when
 * fewer than two powers fall inside (a span under a decade or so), 1, 2 and 5 times them as well.
 */
export function logTicks(lo: number, hi: number, most = 6): number[] {
  const [a, b] = [Math.min(lo, hi), Math.max(lo, hi)];
  if (!(a > 0) || !Number.isFinite(b)) return [];
  const first = Math.ceil(Math.log10(a) - 1e-9);
  const last = Math.floor(Math.log10(b) + 1e-9);
  const powers: number[] = [];
  const every = Math.max(1, Math.ceil((last - first + 1) / most));
  for (let k = first; k <= last; k += every) powers.push(Number(`1e${k}`));
  if (powers.length >= 2) return powers;
  const out: number[] = [];
  for (let k = first - 1; k <= last; k++) for (const m of [1, 2, 5]) out.push(m * Number(`1e${k}`));
  return out.filter((v) => v >= a * (1 - 1e-9) && v <= b * (1 + 1e-9));
}

/** How a tick reads on a log axis: 10ⁿ where every tick is a power of ten, plain numbers where 2s and 5s join them. */
export const logFormat = (ticks: readonly number[]) => (ticks.every((t) => /^10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+$/.test(pow10(t))) ? pow10 : (v: number) => fmt(v));

/** Plot scale options for a log axis over a known domain: its ticks, their format, the label naming the unit. */
export function logAxis(label: string, domain: readonly [number, number], extra: Record<string, unknown> = {}) {
  const ticks = logTicks(domain[0], domain[1]);
  return { type: 'log' as const, label, domain: [...domain], ticks, tickFormat: logFormat(ticks), ...extra };
}

/** The smallest and largest positive finite values, for a log domain read off the data. */
export function logExtent(values: Iterable<number>, fallback: readonly [number, number] = [1e-3, 1]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) if (v > 0 && Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  return lo <= hi ? [lo, hi === lo ? lo * 10 : hi] : [fallback[0], fallback[1]];
}
