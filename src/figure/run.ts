import { accessible } from './accessible.ts';
import { WIDE } from './sizes.ts';
import type { AnyFigure, ComputeContext, Computed, Values, View } from './types.ts';

/** A cache for compute's memo: one per build, one per figure (or worker) live. */
export type Memo = Map<string, unknown>;

/** The memo function over a cache. */
export const memoIn = (cache: Memo) => <T>(key: string, make: () => T): T => {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key) as T;
};

/** Everything compute may be handed; progress defaults to nothing (build time, tests). */
export interface RunOptions {
  live: boolean;
  state?: unknown;
  inputs?: unknown;
  memo: Memo;
  progress?: ComputeContext<unknown, unknown>['progress'];
}

/** The figure's initial state (undefined for figures without one). */
export const initialState = (fig: AnyFigure): unknown => fig.state?.();

/** Runs a figure's compute: the same call at build time, live, in the worker and in the tests. */
export function computeFigure(fig: AnyFigure, params: Values, o: RunOptions): Computed {
  const data = fig.compute(params, {
    live: o.live,
    state: o.state === undefined ? initialState(fig) : o.state,
    inputs: o.inputs,
    memo: memoIn(o.memo),
    progress: o.progress ?? (() => undefined),
  });
  if (!data || typeof data !== 'object' || !Array.isArray(data.rows) || typeof data.alt !== 'string') {
    throw new Error('compute must return an object with rows (an array) and alt (a string)');
  }
  return data;
}

/** A view for build time and tests: no interaction, drawn at `width` (wide by default), at `step` for a timeline. */
export const staticView = (width: number = WIDE, step?: number): View<Values, string> => ({ live: false, width, step, act: () => undefined, set: () => undefined });

/** Draws computed data and makes the chart accessible; throws naming what draw returned when it is not an Element. */
export function drawFigure(fig: AnyFigure, data: Computed, document: Document, view: View<Values, string> = staticView()): Element {
  const node = fig.draw(data, document, view) as unknown;
  const el = node as Element | null;
  if (!el || typeof el !== 'object' || typeof el.tagName !== 'string') {
    throw new Error(`draw must return an Element (got ${el === null ? 'null' : typeof node})`);
  }
  return accessible(el, data.alt);
}
