// The widths charts are drawn at. A chart drawn at the width it is shown at keeps its text at the size
// it was set in; one drawn at 640 px and shown at 330 px on a phone halves it.

/** Drawn for phones: a 390 px viewport shows the figure full bleed with 12 px padding, a 366 px box. */
export const NARROW = 360;

/** Drawn for wide screens: the figure's outset column is 960 px, less padding and border (934 px). */
export const WIDE = 928;

/** Below this viewport width the page shows the narrow drawing (global.css holds the same number). */
export const BREAKPOINT = 640;

/** Text in charts, in CSS px: at least 11 as shown, with room for a chart shown a little narrower than drawn. */
export const FONT = 12;

/** The width a live chart is drawn at, from its box: whole pixels, never narrower than a small phone's. */
export const liveWidth = (box: number): number => Math.max(280, Math.min(WIDE, Math.floor(box)));
