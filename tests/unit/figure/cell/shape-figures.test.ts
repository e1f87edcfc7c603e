import { expect, test } from 'vitest';
import { shapeOf, shapeProblem } from '../../../../src/figure/cell/check.ts';
import { controlList, defaults } from '../../../../src/figure/define.ts';
import { figureNames, loadFigure } from '../../../../src/figure/registry.ts';
import { computeFigure, initialState } from '../../../../src/figure/run.ts';
import type { AnyFigure, Computed, Values } from '../../../../src/figure/types.ts';

// An unedited cell must pass the shape check the page applies to edited ones: the shape is taken from the build's
// result at the defaults, and the shipped compute must fit it at other control values and in its partial results.
const figures = await Promise.all(figureNames().map(async (name) => [name, await loadFigure(name)] as const));
const inputs = new Map<AnyFigure, unknown>();
const memo = new Map<string, unknown>();
const run = (fig: AnyFigure, params: Values, progress?: (done: number, partial: () => Computed) => void) => {
  if (fig.prepare && !inputs.has(fig)) inputs.set(fig, JSON.parse(JSON.stringify(fig.prepare((k, make) => (memo.has(k) || memo.set(k, make()), memo.get(k) as never)))));
  return computeFigure(fig, params, { live: true, state: initialState(fig), inputs: inputs.get(fig), memo: new Map(), progress });
};

/** Each control at its ends (each option, the other checkbox value), the rest at the defaults. */
function extremes(fig: AnyFigure): Values[] {
  const base = defaults(fig.controls);
  return controlList(fig.controls).flatMap((c) => {
    const values = c.kind === 'range' ? [c.log ? (c.zero ? 0 : 10 ** c.min) : c.min, c.log ? 10 ** c.max : c.max] : c.kind === 'checkbox' ? [!c.value] : c.options.map((o) => o.value);
    return values.map((v) => ({ ...base, [c.name]: v }));
  });
}

test.each(figures)('%s: the shipped compute fits its own shape, at the defaults, in its partials and (light figures) at every control end', (_name, fig) => {
  const partials: Computed[] = [];
  const shape = shapeOf(run(fig, defaults(fig.controls), (_done, partial) => partials.push(partial())));
  // A partial may lack what is still to come (the page checks partials so), never hold the wrong kind.
  for (const p of partials) expect(shapeProblem(p, shape, 'result', true)).toBeNull();
  // Worker figures are the heavy sweeps: their partials cover the shapes on the way; their ends would cost minutes.
  if (!fig.worker) for (const params of extremes(fig)) expect(shapeProblem(run(fig, params), shape), JSON.stringify(params)).toBeNull();
}, 300_000);
