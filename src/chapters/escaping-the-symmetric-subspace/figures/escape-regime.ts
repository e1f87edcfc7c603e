import * as Plot from '@observablehq/plot';
import type { FigureModule, Params } from '../../../figure/types.ts';
import { palette } from '../../../figure/palette.ts';
import { ACTIVATIONS, type ActivationName } from '../../../core/activations.ts';
import { REGIME_COLUMNS, regimeCell, regimeRun, TIE_PATTERNS, tieName, type RegimeCell, type ScaleName } from '../regime.ts';
import { stack } from '../client.ts';

const colName = (i: number) => {
  const c = REGIME_COLUMNS[i];
  if (!c.tie) return 'zero';
  const t = c.tie;
  return `${c.scale === 'small' ? 's' : 'n'}·${t.incoming[0]}${t.bias[0]}${t.outgoing[0]}`;
};
const COLOURS = { stuck: palette[3], tied: palette[1], broken: palette[0] };

/** Part A: the regime map (stuck / tied / broken, decided bitwise) and the chosen cell's run. */
const figure: FigureModule = {
  code: ['chapters/escaping-the-symmetric-subspace/regime.ts#classify', 'chapters/escaping-the-symmetric-subspace/regime.ts#regimeRun'],
  controls: [
    { kind: 'select', name: 'act', label: 'Row: activation', value: 'tanh', options: ACTIVATIONS.map((a) => ({ value: a, label: a })) },
    { kind: 'select', name: 'tie', label: 'Tied groups', value: '0', options: TIE_PATTERNS.map((t, i) => ({ value: String(i), label: tieName(t) })) },
    { kind: 'select', name: 'scale', label: 'Init scale', value: 'small', options: [{ value: 'zero', label: 'zero' }, { value: 'small', label: 'small (0.01)' }, { value: 'normal', label: 'normal (0.5)' }] },
    { kind: 'select', name: 'opt', label: 'Optimizer', value: 'gd', options: [{ value: 'gd', label: 'gradient descent' }, { value: 'sgd', label: 'SGD, batch 1' }] },
  ],
  async render(params, document, ctx) {
    const opt = params.opt === 'sgd' ? 'sgd' : 'gd';
    const st = ctx.state as Record<string, RegimeCell[]>;
    let cells = st[opt];
    if (!cells) {
      cells = [];
      for (const a of ACTIVATIONS) for (let i = 0; i < REGIME_COLUMNS.length; i++) {
        cells.push(regimeCell(a, i, opt));
        // Live, yield to the browser every few cells so no task blocks for long.
        if (ctx.live && i % 4 === 3) await new Promise((r) => setTimeout(r, 0));
        if (ctx.signal?.aborted) throw new DOMException('superseded', 'AbortError');
      }
      st[opt] = cells;
    }
    const out = draw(document, params, cells, opt);
    if (ctx.live) pickable(out.node, cells);
    return out;
  },
};
export default figure;

/** Live only: clicking a cell of the map loads it, by setting the selects (the keyboard's way in). */
function pickable(node: Element, cells: RegimeCell[]) {
  const rects = node.querySelector('g[aria-label="cell"]')?.querySelectorAll('rect') ?? [];
  rects.forEach((rect, i) => {
    const cell = cells[i];
    if (!cell) return;
    rect.setAttribute('style', 'cursor: pointer');
    rect.addEventListener('click', () => {
      const form = rect.closest('bs-figure')?.querySelector('form');
      const col = REGIME_COLUMNS[cell.column];
      const set = (name: string, value: string) => {
        const el = form?.querySelector<HTMLSelectElement>(`select[name="${name}"]`);
        if (el) el.value = value;
      };
      set('act', cell.activation);
      set('scale', col.tie ? col.scale : 'zero');
      if (col.tie) set('tie', String(TIE_PATTERNS.indexOf(col.tie)));
      form?.dispatchEvent(new Event('change', { bubbles: true }));
    });
  });
}

function draw(document: Document, params: Params, cells: RegimeCell[], opt: 'gd' | 'sgd') {
  const act = params.act as ActivationName;
  const scale = params.scale as ScaleName;
  const tie = Number(params.tie);
  const column = scale === 'zero' ? 0 : REGIME_COLUMNS.findIndex((c) => c.scale === scale && c.tie === TIE_PATTERNS[tie]);
  const chosen = cells.find((c) => c.activation === act && c.column === column)!;
  const data = cells.map((c) => ({ ...c, col: colName(c.column), chosen: c === chosen }));
  const grid = Plot.plot({
    document, width: 640, height: 200, marginLeft: 64, marginBottom: 40, padding: 0.06,
    x: { domain: REGIME_COLUMNS.map((_, i) => colName(i)), label: 'start (s/n = small/normal scale; t/r = W, b, V tied/random)', tickRotate: -40 },
    y: { domain: [...ACTIVATIONS], label: null },
    color: { domain: ['stuck', 'tied', 'broken'], range: [COLOURS.stuck, COLOURS.tied, COLOURS.broken] },
    ariaLabel: 'Regime map: activation against start',
    marks: [
      Plot.cell(data, { x: 'col', y: 'activation', fill: 'regime', fillOpacity: 0.35 }),
      Plot.cell(data.filter((d) => d.chosen), { x: 'col', y: 'activation', stroke: 'currentColor', strokeWidth: 2.5 }),
      Plot.text(data, { x: 'col', y: 'activation', text: 'label', fontSize: 8 }),
    ],
  }) as unknown as Element;
  const col = REGIME_COLUMNS[column];
  const t = regimeRun(act, col.tie ?? TIE_PATTERNS[0], col.scale, opt);
  const rows = Array.from({ length: t.rows }, (_, s) => ({ step: s, loss: Math.max(1e-12, t.loss[s]), gapIn: t.gapIn[s], gapOut: t.gapOut[s] }));
  const run = Plot.plot({
    document, width: 640, height: 200, marginLeft: 56, x: { label: 'step' }, y: { label: 'loss (solid) · unit gaps (dashed)', grid: true },
    ariaLabel: 'Chosen cell: loss and gaps between units',
    marks: [
      Plot.line(rows, { x: 'step', y: 'loss', stroke: palette[0], strokeWidth: 2 }),
      Plot.line(rows, { x: 'step', y: 'gapIn', stroke: palette[1], strokeDasharray: '6 4', strokeWidth: 2 }),
      Plot.line(rows, { x: 'step', y: 'gapOut', stroke: palette[2], strokeDasharray: '2 3', strokeWidth: 2 }),
      Plot.text(rows.slice(-1), { x: 'step', y: 'gapIn', text: () => 'gap in (W, b)', textAnchor: 'end', dy: -8, fill: palette[1] }),
      Plot.text(rows.slice(-1), { x: 'step', y: 'gapOut', text: () => 'gap out (V)', textAnchor: 'end', dy: 10, fill: palette[2] }),
    ],
  }) as unknown as Element;
  const what = `${act}, ${scale === 'zero' ? 'all-zero start' : `${scale} scale, ${tieName(TIE_PATTERNS[tie])}`}, ${opt}`;
  const verdict = chosen.regime === 'stuck' ? 'stuck: no weight of any hidden unit ever changed (only the output bias moved)'
    : chosen.regime === 'tied' ? `moves but stays symmetric: the units were bitwise equal at all ${chosen.steps + 1} states`
    : chosen.featuresDiffer === null ? 'broken: the units differ, but only in their outgoing weights' : `broken: the units' features (W, b) first differ at step ${chosen.featuresDiffer}`;
  const node = stack(document, [grid, `Chosen: ${what} — ${verdict}.`, run]);
  const counts = ['stuck', 'tied', 'broken'].map((r) => `${cells.filter((c) => c.regime === r).length} ${r}`).join(', ');
  return { node, rows: cells.map((c) => ({ activation: c.activation, start: colName(c.column), regime: c.regime, label: c.label })), alt: `Regime map (${opt}): ${counts}. ${what}: ${verdict}.` };
}
