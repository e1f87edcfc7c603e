/**
 * Series colours for charts: mid-tones that read on the light and the dark background alike,
 * so a chart drawn once at build time needs no redraw when the theme changes. Text uses currentColor.
 */
export const palette = ['#4e79a7', '#e8772e', '#59a14f', '#d1495b', '#9b6fb0', '#9c755f', '#3fa7a3', '#c9a227'] as const;

/** The colour for "identical start" and "random start" (and similar pairs) across every chapter. */
export const pair = { identical: palette[1], random: palette[0] } as const;
