/**
 * Series colours for lines and marks: mid-tones that read on the light and the dark background alike,
 * so a chart drawn once at build time needs no redraw when the theme changes.
 */
export const palette = ['#4e79a7', '#e8772e', '#59a14f', '#d1495b', '#9b6fb0', '#9c755f', '#3fa7a3', '#c9a227'] as const;

/** The colour for "identical start" and "random start" (and similar pairs) across every chapter. */
export const pair = { identical: palette[1], random: palette[0] } as const;

// Text in a series colour needs 4.5 : 1 against the page, which mid-tones miss on one background or
// the other: each series has a darker ink for the light theme and a lighter one for the dark theme.

/** Text ink per series on the light background (global.css --ink-i holds the same values). */
export const inkLight = ['#4a739f', '#ae5923', '#457c3d', '#c24455', '#876199', '#8b6855', '#2e7a77', '#876d1a'] as const;

/** Text ink per series on the dark background (global.css, dark theme). */
export const inkDark = ['#6188b1', '#e8772e', '#59a14f', '#d65d6d', '#9f75b3', '#a27d69', '#3fa7a3', '#c9a227'] as const;

/** The text colour of series i, as the CSS variable the page's theme sets; 'currentColor' outside the palette. */
export const ink = (i: number): string => (i >= 0 && i < palette.length ? `var(--ink-${i})` : 'currentColor');

/** The ink of a palette colour (a text label in the same colour as its line). */
export const inkOf = (colour: string): string => ink(palette.indexOf(colour as (typeof palette)[number]));
