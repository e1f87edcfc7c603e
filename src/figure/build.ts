import { parseHTML } from 'linkedom';
import { urlText } from './controls.ts';
import { parseValue } from './parse.ts';
import { controlList, defaults } from './define.ts';
import { toCsv, toSvg } from './export.ts';
import { figurePath, loadFigure } from './registry.ts';
import { computeFigure, drawFigure, memoIn, staticView, type Memo } from './run.ts';
import { NARROW, WIDE } from './sizes.ts';
import type { AnyFigure, Computed } from './types.ts';

/** A figure drawn at its defaults, as the page, the CSV and the SVG downloads all need it. */
export interface BuiltFigure {
  fig: AnyFigure;
  data: Computed;
  /** The chart drawn for wide screens and for phones, each in its wrapper (CSS shows one by viewport width). */
  html: string;
  csv: string;
  svg: string;
  /** What prepare computed, as JSON for the browser; undefined when the figure has no prepare. */
  inputs?: string;
}

// One cache for the whole build: figures and the /data endpoints share costly runs (keys name their maker).
const cache: Memo = new Map();

/** The build's memo, for pages and endpoints that need the same runs as a figure. */
export const buildMemo = memoIn(cache);

const built = new Map<string, Promise<BuiltFigure>>();

/** Computes and draws a figure at its default controls with a server-side document (once per build). */
export function renderAtBuild(name: string): Promise<BuiltFigure> {
  let hit = built.get(name);
  if (!hit) {
    hit = loadFigure(name).then((fig) => {
      // A default the reader could not set (outside min/max, off the step, not an option) is the author's mistake.
      for (const c of controlList(fig.controls)) {
        const judged = parseValue(c, urlText(c.value));
        if ('error' in judged) throw new Error(`control "${c.name}": its default ${JSON.stringify(c.value)} is not a value the control offers (${judged.error})`);
      }
      const inputs = fig.prepare?.(buildMemo);
      const data = computeFigure(fig, defaults(fig.controls), { live: false, inputs, memo: cache });
      const { document } = parseHTML('<!doctype html><html><body></body></html>');
      const doc = document as unknown as Document;
      const node = drawFigure(fig, data, doc, staticView(WIDE));
      const narrow = drawFigure(fig, data, doc, staticView(NARROW));
      const html = `<div class="chart-wide">${node.outerHTML}</div><div class="chart-narrow">${narrow.outerHTML}</div>`;
      return { fig, data, html, csv: toCsv(data.rows), svg: toSvg(node, doc), inputs: inputs === undefined ? undefined : JSON.stringify(inputs) };
    }).catch((error: Error) => {
      // An author's mistake fails the build naming the figure's file, not a frame deep in the framework.
      const path = figurePath(name);
      throw path && !error.message.startsWith(path) ? new Error(`${path}: ${error.message}`, { cause: error }) : error;
    });
    built.set(name, hit);
  }
  return hit;
}
