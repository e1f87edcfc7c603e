import type { AnyFigure, Computed, Controls, Figure, FigureSpec, NamedControl, Values } from './types.ts';

/**
 * Declares a figure. `const` keeps select options literal, so params are typed from the controls:
 * `params.act` is `'erf' | 'tanh'`, `params.eta` a number, with no lookups or casts.
 */
export function defineFigure<const C extends Controls, D extends Computed, S = undefined, A extends string = never, I = undefined>(
  spec: FigureSpec<C, D, S, A, I>,
): Figure<C, D, S, A, I> {
  return { ...spec, kind: 'figure' };
}

/** True for what defineFigure returns: how the registry tells a figure from any other module. */
export function isFigure(value: unknown): value is AnyFigure {
  const f = value as Partial<AnyFigure> | null;
  return !!f && f.kind === 'figure' && typeof f.compute === 'function' && typeof f.draw === 'function' && typeof f.controls === 'object';
}

/** The controls in declaration order, each with its name: what the page serialises. */
export function controlList(controls: Controls): NamedControl[] {
  return Object.entries(controls).map(([name, c]) => ({ ...c, name }));
}

/** The buttons in declaration order. */
export function actionList(fig: AnyFigure): { name: string; label: string }[] {
  return Object.entries(fig.actions ?? {}).map(([name, a]) => ({ name, label: (a as { label: string }).label }));
}

/** The default params of a control set. */
export function defaults(controls: Controls): Values {
  return Object.fromEntries(Object.entries(controls).map(([name, c]) => [name, c.value]));
}
