// Number formats shared by every figure: one look for numbers in labels, notes and tables.

/** A number to `digits` significant digits; tiny or huge ones in exponent form; a true minus sign; '—' when not finite. */
export function fmt(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  const a = Math.abs(x);
  const s = a < 1e-3 || a >= 1e5 ? a.toExponential(digits - 1) : String(+a.toPrecision(digits));
  return x < 0 ? `−${s}` : s;
}

/** A number in exponent form with `digits` digits after the point, e.g. 1.5e-8. */
export const sci = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toExponential(digits) : '—');
