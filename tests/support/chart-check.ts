// What the overlap, size and contrast tests look for in every drawn chart: run inside the page.
import type { Page } from 'playwright-core';

/** One thing wrong with a chart as displayed. */
export interface ChartProblem {
  figure: string;
  kind: 'overlap' | 'outside' | 'small' | 'contrast';
  detail: string;
}

/** Displayed text below this is too small to read (the floor, in CSS px). */
export const MIN_FONT_PX = 11;
/** WCAG AA for text. */
export const MIN_CONTRAST = 4.5;
// Glyph boxes include the font's ascent and descent: stacked tick labels touch by a pixel or so without
// any ink overlapping; more than this is two texts printed on each other.
export const SLACK_PX = 1.5;

/** Every problem in the visible charts under `selector` (each figure's .chart, or the `inner` svgs), as displayed now. */
export function chartProblems(page: Page, selector = 'bs-figure', inner = '.chart svg'): Promise<ChartProblem[]> {
  return page.evaluate(
    ({ selector, inner, MIN_FONT_PX, MIN_CONTRAST, SLACK_PX }) => {
      const out: { figure: string; kind: 'overlap' | 'outside' | 'small' | 'contrast'; detail: string }[] = [];
      const rgb = (s: string): [number, number, number, number] | null => {
        const m = s.match(/rgba?\(([^)]+)\)/);
        if (!m) return null;
        const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
        return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
      };
      const lum = (c: number[]) => {
        const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
      };
      const bg = rgb(getComputedStyle(document.body).backgroundColor) ?? [255, 255, 255, 1];
      for (const host of document.querySelectorAll<HTMLElement>(selector)) {
        const figure = host.dataset.id ?? (host.id || host.className);
        for (const svg of host.querySelectorAll<SVGSVGElement>(inner)) {
          const sbox = svg.getBoundingClientRect();
          if (sbox.width === 0 || sbox.height === 0) continue;
          const texts = [...svg.querySelectorAll<SVGTextElement>('text')].filter((t) => (t.textContent ?? '').trim() !== '' && t.getBoundingClientRect().width > 0);
          const boxes = texts.map((t) => t.getBoundingClientRect());
          const name = (i: number) => JSON.stringify((texts[i].textContent ?? '').trim().slice(0, 40));
          const scale = svg.getScreenCTM()?.a ?? 1;
          texts.forEach((t, i) => {
            const b = boxes[i];
            if (b.left < sbox.left - 1 || b.right > sbox.right + 1 || b.top < sbox.top - 1 || b.bottom > sbox.bottom + 1) {
              out.push({ figure, kind: 'outside', detail: `${name(i)} leaves its chart` });
            }
            const style = getComputedStyle(t);
            const px = parseFloat(style.fontSize) * scale;
            if (px < MIN_FONT_PX - 0.05) out.push({ figure, kind: 'small', detail: `${name(i)} shows at ${px.toFixed(1)} px` });
            const fill = rgb(style.fill);
            if (fill) {
              let alpha = fill[3] * Number(style.fillOpacity || 1);
              for (let el: Element | null = t; el && el !== host; el = el.parentElement) alpha *= Number(getComputedStyle(el).opacity || 1);
              const shown = fill.slice(0, 3).map((v, k) => v * alpha + bg[k] * (1 - alpha));
              const [a, c] = [lum(shown), lum(bg)];
              const ratio = (Math.max(a, c) + 0.05) / (Math.min(a, c) + 0.05);
              if (ratio < MIN_CONTRAST) out.push({ figure, kind: 'contrast', detail: `${name(i)} is ${ratio.toFixed(2)} : 1 (${style.fill})` });
            }
            for (let j = 0; j < i; j++) {
              const o = boxes[j];
              const w = Math.min(b.right, o.right) - Math.max(b.left, o.left);
              const h = Math.min(b.bottom, o.bottom) - Math.max(b.top, o.top);
              if (w > SLACK_PX && h > SLACK_PX) out.push({ figure, kind: 'overlap', detail: `${name(j)} and ${name(i)} overlap by ${w.toFixed(0)}×${h.toFixed(0)} px` });
            }
          });
        }
      }
      return out;
    },
    { selector, inner, MIN_FONT_PX, MIN_CONTRAST, SLACK_PX },
  );
}
