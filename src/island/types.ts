/** One reader control; `name` is its key in params and in the URL query. */
export type Control =
  | { kind: 'range'; name: string; label: string; min: number; max: number; step: number; value: number; unit?: string; log?: boolean; integer?: boolean }
  | { kind: 'checkbox'; name: string; label: string; value: boolean }
  | { kind: 'select'; name: string; label: string; value: string; options: { value: string; label: string }[] }
  | { kind: 'button'; name: string; label: string };

/** Control values by name; a button press arrives as `action`. */
export type Params = Record<string, number | boolean | string> & { action?: string };

/** Rows of the figure's data, offered for download as CSV. */
export type Rows = Record<string, number | string | boolean | null>[];

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

/**
 * A figure module in src/figures/: its controls and one pure render function
 * that both the build (linkedom) and the browser call.
 */
export interface FigureModule {
  controls: Control[];
  /** Draws the chart for these params; `state` persists between renders in the browser (steppers). */
  render(params: Params, document: Doc, state: Record<string, unknown>): Rendered;
  /** src/lib functions the figure runs, as `file.ts#name`, for "show the code". */
  code?: string[];
}
