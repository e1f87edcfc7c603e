import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ink, inkDark, inkLight, inkOf, palette } from '../../../src/figure/palette.ts';

const css = readFileSync('src/layouts/global.css', 'utf8');
const lum = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: string, b: string) => {
  const [x, y] = [lum(a), lum(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
};
/** The light and dark values global.css gives a custom property, as `--name: light-dark(#light, #dark)`. */
const prop = (name: string) => {
  const m = css.match(new RegExp(`--${name}:\\s*light-dark\\((#[0-9a-f]{6}),\\s*(#[0-9a-f]{6})\\)`));
  if (!m) throw new Error(`global.css gives --${name} no light-dark() pair`);
  return { light: m[1], dark: m[2] };
};

describe('series inks', () => {
  it('give every series a text colour at WCAG AA (4.5 : 1) on the page, in both themes', () => {
    const { light, dark } = prop('bg');
    expect(inkLight).toHaveLength(palette.length);
    for (const c of inkLight) expect(contrast(c, light)).toBeGreaterThanOrEqual(4.5);
    for (const c of inkDark) expect(contrast(c, dark)).toBeGreaterThanOrEqual(4.5);
    // A standalone SVG is drawn on white with the light inks.
    for (const c of inkLight) expect(contrast(c, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
  it('are the values global.css gives --ink-i in each theme', () => {
    inkLight.forEach((c, i) => expect(prop(`ink-${i}`).light).toBe(c));
    inkDark.forEach((c, i) => expect(prop(`ink-${i}`).dark).toBe(c));
  });
  it('are named by series index or by the line colour they go with', () => {
    expect(ink(2)).toBe('var(--ink-2)');
    expect(inkOf(palette[3])).toBe('var(--ink-3)');
    expect(inkOf('#123456')).toBe('currentColor');
  });
});
