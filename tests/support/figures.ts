import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { defaults, fromInput, inputText } from '../../src/figure/controls.ts';
import type { FigureModule, Params, Rendered, RenderContext } from '../../src/figure/types.ts';

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

/**
 * The contract every figure keeps, as tests: at its defaults it draws SVG with no NaN, a measured
 * text alternative (longer than a label), data rows and no warning; each control changes the chart.
 */
export function figureContract(name: string, fig: FigureModule) {
  describe(name, () => {
    it('draws finite SVG charts with a measured alt text and data rows', async () => {
      const out = await draw(fig);
      const html = out.node.outerHTML;
      expect(html).toMatch(/<svg/);
      expect(html).not.toMatch(/NaN|Infinity/);
      expect(out.alt.length).toBeGreaterThan(60);
      expect(out.note).toBeUndefined();
      expect(out.rows.length).toBeGreaterThan(0);
    });
    for (const c of fig.controls) {
      it(`moving "${c.label}" changes the chart`, async () => {
        const before = (await draw(fig)).node.outerHTML;
        expect((await draw(fig, moved(fig, c.name))).node.outerHTML).not.toBe(before);
      });
    }
  });
}
