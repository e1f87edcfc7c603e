// The figure contract: typed controls, a pure serialisable compute, a draw that only draws.

/** A slider. With `log`, min/max/step are powers of ten and `value` is the real value; with `zero` too, the far left is exactly 0. */
export interface RangeControl {
  readonly kind: 'range';
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly value: number;
  readonly unit?: string;
  readonly log?: boolean;
  readonly zero?: boolean;
  readonly integer?: boolean;
}

/** A toggle. */
export interface CheckboxControl {
  readonly kind: 'checkbox';
  readonly label: string;
  readonly value: boolean;
}

/** One option of a select: the value the figure reads, the text the reader sees. */
export interface SelectOption<V extends string = string> {
  readonly value: V;
  readonly label: string;
}

/** A drop-down list; its value type is the union of its options' values. */
export interface SelectControl<V extends string = string> {
  readonly kind: 'select';
  readonly label: string;
  readonly value: V;
  readonly options: readonly SelectOption<V>[];
}

/** One reader control. */
export type Control = RangeControl | CheckboxControl | SelectControl;

/** A figure's controls, keyed by name: the name is the key in params and in the URL query. */
export type Controls = { readonly [name: string]: Control };

/** The value a control gives: a number, a boolean, or one of its options' values. */
export type ValueOf<C extends Control> = C extends SelectControl ? C['options'][number]['value'] : C extends CheckboxControl ? boolean : number;

/** The params a figure's compute receives, typed from its controls. */
export type ParamsOf<C extends Controls> = { -readonly [K in keyof C]: ValueOf<C[K]> };

/** A value of any control. */
export type Value = number | boolean | string;

/** Control values by name, untyped: what the URL, the form and the tests hand around. */
export type Values = Record<string, Value>;

/** A control with its name, as the page serialises it for the browser. */
export type NamedControl = Control & { readonly name: string };

/** Rows of the figure's data, offered for download as CSV. */
export type Rows = readonly object[];

/** What every compute returns besides the data its draw needs. */
export interface Computed {
  /** The figure's data as rows, for the CSV download. */
  readonly rows: Rows;
  /** A sentence or two describing what the chart shows, with the numbers that matter. */
  readonly alt: string;
  /** A note for the reader (a diverged run, a refused press); shown, never silently dropped. */
  readonly note?: string;
}

/** A button and what pressing it does to the figure's state: a new state, or a note saying why not. */
export interface Action<S, P> {
  readonly label: string;
  apply(state: S, params: P, payload?: unknown): S | string;
}

/** What compute gets besides params. Everything here is the same at build time, live, and in a worker. */
export interface ComputeContext<S, I> {
  /** False at build time, true in the browser. */
  readonly live: boolean;
  /** The figure's state: its initial value at build time, changed only by actions live. */
  readonly state: S;
  /** What the figure's prepare computed at build time (live, fetched from the build). */
  readonly inputs: I;
  /** A cache for work that does not depend on every param; shared by the whole build, per figure live. */
  memo<T>(key: string, make: () => T): T;
  /**
   * Reports progress in [0, 1]; `partial` is called only when a partial result will be drawn, and
   * must return what compute returns. (Typed loosely: naming D here would stop TS inferring it.)
   */
  progress(done: number, partial: () => Computed): void;
}

/** Where draw draws and what it may do besides: live only, it can press an action or set controls (e.g. on a click). */
export interface View<P, A extends string> {
  readonly live: boolean;
  /** The chart's width in CSS px: draw at this width so text shows at the size it was set (see sizes.ts). */
  readonly width: number;
  /** For a figure with a timeline: the step to show, from 0 to its last; undefined shows the end. */
  readonly step?: number;
  act(name: A, payload?: unknown): void;
  set(values: Partial<P>): void;
}

/** A figure whose run unfolds over time: Play, Pause and Step walk draw's `view.step` from 0 to `steps(data)`. */
export interface Timeline<D> {
  /** The last step of the run in data (e.g. rows.length − 1). */
  steps(data: D): number;
  /** What a step is called in the counter, e.g. "step" or "α". */
  readonly unit?: string;
}

/** A figure as an author writes it. */
export interface FigureSpec<C extends Controls, D extends Computed, S, A extends string, I> {
  readonly controls: C;
  /** Buttons, in order; each changes the state that compute reads. */
  readonly actions?: { readonly [K in A]: Action<S, ParamsOf<C>> };
  /** The initial state (for figures with actions). */
  readonly state?: () => S;
  /** Declarations the figure runs, as `path/from/src.ts#name`, shown under it by "show the code". */
  readonly code?: readonly string[];
  /** Play / Pause / Step over the run compute returned; draw reads `view.step`. */
  readonly timeline?: Timeline<D>;
  /** Heavy compute: run it in a Web Worker in the browser, streaming partial results. */
  readonly worker?: boolean;
  /**
   * An edited cell's time limit in the page's sandbox, in ms (2 s when absent): a compute that honestly runs
   * longer there (QuickJS is 5–70× slower than native) declares it, and should report progress.
   */
  readonly cell?: { readonly limit: number };
  /** Build-time only: data too costly to recompute live; its JSON ships beside the page. */
  prepare?(memo: ComputeContext<S, undefined>['memo']): I;
  /** All the numerics: pure, and its result survives structuredClone. */
  compute(params: ParamsOf<C>, ctx: ComputeContext<S, I>): D;
  /** Draws the data into an Element (SVG, or a div of charts, text and tables); computes nothing. */
  draw(data: D, document: Document, view: View<ParamsOf<C>, A>): Element;
}

/** A figure as the machinery sees it: the spec, branded by defineFigure. */
export interface Figure<C extends Controls = Controls, D extends Computed = Computed, S = unknown, A extends string = string, I = unknown>
  extends FigureSpec<C, D, S, A, I> {
  readonly kind: 'figure';
}

/** Any figure, whatever its types: what the registry, the build and the element handle. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFigure = Figure<any, any, any, any, any>;
