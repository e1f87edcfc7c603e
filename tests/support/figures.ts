import { parseHTML } from 'linkedom';
import { defaults, fromInput, inputText } from '../../src/island/controls.ts';
import type { FigureModule, Params, Rendered, RenderContext } from '../../src/island/types.ts';

/** A fresh server-side document, as the build hands figures. */
export const serverDocument = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;

/** Renders a figure as the build does: its defaults, with `over` replacing some of them. */
export function draw(fig: FigureModule, over: Params = {}, ctx: RenderContext = { state: {}, live: false }) {
  return fig.render({ ...defaults(fig.controls), ...over }, serverDocument(), ctx);
}

/** Like draw, for figures that render synchronously; fails loudly if one does not. */
export function drawNow(fig: FigureModule, over: Params = {}, state: Record<string, unknown> = {}): Rendered {
  const out = draw(fig, over, { state, live: false });
  if (out instanceof Promise) throw new Error('this figure renders asynchronously: use draw()');
  return out;
}

/**
 * The params one keypress on a control gives, as the browser test moves it: a slider one step
 * (in its own positions, so exponents for log sliders), a toggle flipped, a select's other option,
 * a button pressed.
 */
export function moved(fig: FigureModule, name: string, from: Params = defaults(fig.controls)): Params {
  const c = fig.controls.find((x) => x.name === name);
  if (!c) throw new Error(`no control ${name}`);
  if (c.kind === 'button') return { action: name };
  if (c.kind === 'checkbox') return { [name]: !from[name] };
  if (c.kind === 'select') return { [name]: c.options[c.options[0].value === from[name] ? 1 : 0].value };
  const at = Number(inputText(c, from[name] as number));
  return { [name]: fromInput(c, String(at + c.step <= c.max ? at + c.step : at - c.step), false) };
}
