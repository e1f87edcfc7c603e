/** One reader control; `name` is its key in params and in the URL query. */
export type Control =
  /** A slider. With `log`, min/max/step are powers of ten and `value` is the real value; with `zero` too, the far left is exactly 0. */
  | { kind: 'range'; name: string; label: string; min: number; max: number; step: number; value: number; unit?: string; log?: boolean; zero?: boolean; integer?: boolean }
  | { kind: 'checkbox'; name: string; label: string; value: boolean }
  | { kind: 'select'; name: string; label: string; value: string; options: { value: string; label: string }[] }
  | { kind: 'button'; name: string; label: string };

/** Control values by name; a button press arrives as `action`. */
export type Params = Record<string, number | boolean | string> & { action?: string };

/** Rows of the figure's data, offered for download as CSV. */
export type Rows = readonly object[];

/** What a figure draws: a node (SVG or a div of them), a text alternative, its data. */
export interface Rendered {
  node: Element;
  /** A sentence or two describing what the chart shows, with the numbers that matter. */
  alt: string;
  rows: Rows;
  /** A note for the reader (a diverged run, a clamped value); shown, never silently dropped. */
  note?: string;
}

/** What a DOM implementation must offer Plot: the browser's document or linkedom's. */
export type Doc = Document;

/** What a render call gets besides params and document. */
export interface RenderContext {
  /** Persists between renders of one figure in the browser (e.g. a stepper's position); fresh at build time. */
  state: Record<string, unknown>;
  /** False at build time, true in the browser. */
  live: boolean;
  /** Aborted when newer input supersedes this render (long computations should stop). */
  signal?: AbortSignal;
  /** Shows an intermediate result while a long computation runs (progress). */
  show?(partial: Rendered): void;
  /** Asks for a fresh render with the current params, e.g. after the reader clicked the chart to add a point. */
  update?(): void;
}

/**
 * A figure module in src/figures/: its controls and one render function
 * that both the build (linkedom) and the browser call.
 */
export interface FigureModule {
  controls: Control[];
  /** Draws the chart for these params; may be async (the build awaits it, the browser shows progress). */
  render(params: Params, document: Doc, context: RenderContext): Rendered | Promise<Rendered>;
  /** src/lib functions the figure runs, as `file.ts#name`, for "show the code". */
  code?: string[];
}
