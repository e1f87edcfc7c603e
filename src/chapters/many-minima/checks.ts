import { ConfigError } from '../../core/errors.ts';

/** What checkControls needs of a figure's control: range sliders carry their bounds, selects their options. */
type Limit = { kind: string; label: string; min?: number; max?: number; integer?: boolean; log?: boolean; options?: readonly { value: string }[] };

/**
 * Throws a ConfigError naming the first parameter a figure's controls could not have produced: outside a
 * slider's [min, max] (exponents for a log slider), not whole where it must be, or not one of a select's options.
 * A notebook cell or a hand-made call can pass anything; this keeps such values from a long run or a NaN on a chart.
 */
export function checkControls(controls: Record<string, Limit>, params: Record<string, unknown>): void {
  for (const [name, c] of Object.entries(controls)) {
    const v = params[name];
    if (c.options) {
      if (!c.options.some((o) => o.value === v)) throw new ConfigError(c.label, `must be one of ${c.options.map((o) => o.value).join(', ')}`, v);
      continue;
    }
    if (c.min === undefined || c.max === undefined) continue;
    const [lo, hi] = c.log ? [10 ** c.min, 10 ** c.max] : [c.min, c.max];
    // A millionth of the range: what decimal steps lose in binary, far below any step of a slider.
    const slack = 1e-6 * (hi - lo);
    if (typeof v !== 'number' || !(v >= lo - slack && v <= hi + slack)) throw new ConfigError(c.label, `must be in [${lo}, ${hi}]`, v);
    if (c.integer && !Number.isInteger(v)) throw new ConfigError(c.label, 'must be a whole number', v);
  }
}
