// Per figure, in Node at its defaults: compute ms and draw ms (median of several runs), and the data's JSON size.
import { defaults } from '../../src/figure/define.ts';
import { globSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { isFigure } from '../../src/figure/define.ts';
import { FIGURE_GLOB, figureNameOf } from '../../src/figure/names.ts';
import { computeFigure, drawFigure, memoIn, type Memo } from '../../src/figure/run.ts';
import { serverDocument } from '../support/figures.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Rows for the bench table: what the build pays per figure, split into its two halves. */
export async function benchFigures(runs = 5): Promise<Record<string, string | number>[]> {
  const rows = [];
  const shared: Memo = new Map();
  // Plain Node has no import.meta.glob: read the registry's pattern from disk instead.
  for (const path of globSync(FIGURE_GLOB).sort()) {
    const name = figureNameOf(path);
    const fig = (await import(pathToFileURL(path).href)).default;
    if (!isFigure(fig)) throw new Error(`${path} is not a figure`);
    const inputs = fig.prepare?.(memoIn(shared));
    const params = defaults(fig.controls);
    const c: number[] = [];
    const d: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      // A fresh memo each time: the cost a reader's first input pays for this figure (prepared data aside).
      let t = performance.now();
      const data = computeFigure(fig, params, { live: true, inputs, memo: new Map() });
      c.push(performance.now() - t);
      t = performance.now();
      drawFigure(fig, data, serverDocument());
      d.push(performance.now() - t);
      bytes = JSON.stringify(data).length;
    }
    rows.push({ figure: name, 'compute ms': +median(c).toFixed(2), 'draw ms (linkedom)': +median(d).toFixed(2), 'data KB': +(bytes / 1024).toFixed(1), worker: fig.worker ? 'yes' : '' });
  }
  return rows;
}
