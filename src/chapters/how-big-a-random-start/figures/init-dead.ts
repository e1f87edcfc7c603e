import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { labels } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { bornDead, deadAtInput, deadEverywhereBound } from '../dead.ts';

const DEPTH = 50;
/** Inputs per net (standard normal in the plane): "dead" means dead on all of them. */
const INPUTS = 32;
const IN_DIM = 2;

/** Born dead: how often a deep, narrow ReLU net with zero biases starts with a layer that blocks every path. */
export default defineFigure({
  code: ['chapters/how-big-a-random-start/dead.ts#deathLayers', 'chapters/how-big-a-random-start/dead.ts#deadAtInput'],
  controls: {
    n: { kind: 'range', label: 'Width n', min: 1, max: 8, step: 1, value: 4, integer: true },
    draws: { kind: 'range', label: 'Networks drawn', min: 100, max: 2000, step: 100, value: 1000, integer: true },
  },
  worker: true,
  // About 70 ms natively at the defaults and 3.2 s in QuickJS: an edited cell gets ten times that.
  cell: { limit: 35_000 },
  compute({ n, draws }) {
    if (!(Number.isInteger(n) && n >= 1 && n <= 8 && Number.isInteger(draws) && draws >= 100 && draws <= 2000)) {
      return { curves: [], rows: [], at: null, n, draws, alt: 'No run: width or number of draws out of range.', note: `Width must be 1 to 8 and draws 100 to 2000 (got ${n} and ${draws}).` };
    }
    const measured = bornDead(n, DEPTH, draws, INPUTS, IN_DIM, 1);
    const rows = measured.map((m) => ({ ...m, oneExact: deadAtInput(n, m.depth), allLower: deadEverywhereBound(n, m.depth) }));
    const at = rows[DEPTH - 1];
    // Binomial standard error of a frequency from `draws` independent nets.
    const se = (p: number) => Math.sqrt((p * (1 - p)) / draws);
    return {
      n,
      draws,
      rows,
      at: { ...at, oneSe: se(at.one), allSe: se(at.all) },
      curves: [
        ...rows.map((r) => ({ depth: r.depth, p: r.one, series: 'one' })),
        ...rows.map((r) => ({ depth: r.depth, p: r.oneExact, series: 'oneExact' })),
        ...rows.map((r) => ({ depth: r.depth, p: r.all, series: 'all' })),
        ...rows.map((r) => ({ depth: r.depth, p: r.allLower, series: 'allLower' })),
      ],
      alt: `Width ${n}, ${draws} ReLU nets per depth, zero biases: at depth ${DEPTH}, dead at one input in ${fmt(at.one)} of them (exact ${fmt(at.oneExact)}), dead on all ${INPUTS} inputs in ${fmt(at.all)} (lower bound ${fmt(at.allLower)}).`,
    };
  },
  draw(d, document, view) {
    const style = { one: [0, ''], oneExact: [1, '6 4'], all: [2, ''], allLower: [3, '6 4'] } as const;
    const name = { one: 'measured: dead at one input', oneExact: 'exact: 1 − (1 − 2⁻ⁿ)ᴸ', all: `measured: dead on all ${INPUTS} inputs`, allLower: 'lower bound: 1 − (1 − 2^(−n²))^(L−1)' };
    const series = Object.keys(style) as (keyof typeof style)[];
    const last = (s: keyof typeof style) => d.curves.filter((c) => c.series === s).at(-1);
    const chart = plot(document, {
      width: view.width, height: view.width < 600 ? 280 : 300, marginLeft: 48,
      x: { label: 'depth L (hidden layers)', domain: [1, DEPTH] },
      y: { label: 'fraction of networks born dead', domain: [0, 1], grid: true },
      ariaLabel: `Born-dead fraction against depth for width ${d.n}`,
      marks: [
        ...series.map((s) => Plot.line(d.curves.filter((c) => c.series === s), { x: 'depth', y: 'p', stroke: palette[style[s][0]], strokeWidth: 2, strokeDasharray: style[s][1] || undefined })),
        labels(series.filter((s) => last(s)).map((s) => ({ text: name[s], x: DEPTH, y: last(s)!.p, anchor: 'end' as const, dy: s === 'one' || s === 'all' ? -10 : 12, fill: ink(style[s][0]) }))),
      ],
    });
    return stack(document, [chart]);
  },
});
