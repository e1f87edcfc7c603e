import { parseHTML } from 'linkedom';
import { defaults } from '../../src/figure/define.ts';
import { fromInput, inputText } from '../../src/figure/controls.ts';
import { computeFigure, drawFigure, initialState, type Memo } from '../../src/figure/run.ts';
import type { AnyFigure, Computed, Values } from '../../src/figure/types.ts';

/** A fresh server-side document, as the build hands figures. */
export const serverDocument = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;

// One memo per test file, as one per build: figures that share costly runs compute them once.
const memo: Memo = new Map();
const inputs = new Map<AnyFigure, unknown>();

/** What compute returns for the figure's defaults with `over` replacing some, as the build computes it. */
export function compute<D extends Computed = Computed & Record<string, unknown>>(fig: AnyFigure, over: Values = {}, state: unknown = initialState(fig), progress?: (done: number) => void, fresh = false): D {
  if (fig.prepare && !inputs.has(fig)) inputs.set(fig, fig.prepare((key: string, make: () => unknown) => (memo.has(key) ? memo.get(key) : (memo.set(key, make()), memo.get(key))) as never));
  // `fresh`: a memo of its own, so a compute that memoises its long run still runs (and reports) it.
  return computeFigure(fig, { ...defaults(fig.controls), ...over }, { live: false, state, inputs: inputs.get(fig), memo: fresh ? new Map() : memo, progress }) as D;
}

/** Computes and draws as the build does: the data and the chart's markup. */
export function render<D extends Computed = Computed & Record<string, unknown>>(fig: AnyFigure, over: Values = {}, state?: unknown): { data: D; html: string } {
  const data = compute<D>(fig, over, state);
  return { data, html: drawFigure(fig, data, serverDocument()).outerHTML };
}

/** The state after pressing an action (apply's note, when it refused, comes back instead). */
export function press(fig: AnyFigure, name: string, state: unknown = initialState(fig), over: Values = {}, payload?: unknown): unknown {
  const action = fig.actions?.[name];
  if (!action) throw new Error(`no action ${name}`);
  return action.apply(state, { ...defaults(fig.controls), ...over }, payload);
}

/**
 * The params one keypress on a control gives, as the browser test moves it: a slider one step
 * (in its own positions, so exponents for log sliders), a toggle flipped, a select's other option.
 */
export function moved(fig: AnyFigure, name: string, from: Values = defaults(fig.controls)): Values {
  const c = fig.controls[name];
  if (!c) throw new Error(`no control ${name}`);
  if (c.kind === 'checkbox') return { [name]: !from[name] };
  if (c.kind === 'select') return { [name]: c.options[c.options[0].value === from[name] ? 1 : 0].value };
  const at = Number(inputText(c, from[name] as number));
  return { [name]: fromInput(c, String(at + c.step <= c.max ? at + c.step : at - c.step), false) };
}

/** Every number anywhere in a value (arrays, typed arrays, objects), for finiteness checks. */
export function numbersIn(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (ArrayBuffer.isView(value)) {
    const a = value as unknown as ArrayLike<number>;
    for (let i = 0; i < a.length; i++) out.push(a[i]);
  }
  else if (value && typeof value === 'object') for (const v of Object.values(value)) numbersIn(v, out);
  return out;
}
