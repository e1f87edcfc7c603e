import * as Plot from '@observablehq/plot';
import { ACTIVATIONS, type ActivationName } from '../../../core/activations.ts';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { labels } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot, valueAt } from '../../../figure/plot.ts';
import { classify, REGIME_COLUMNS, regimeGrid, regimeGridKey, regimeRun, TIE_PATTERNS, tieName, type Classified, type RegimeCell } from '../regime.ts';

/** A column's short name on the map's x axis, e.g. "s·ttr" (small scale; W, b tied, V random). */
const colName = (i: number) => {
  const c = REGIME_COLUMNS[i];
  if (!c.tie) return 'zero';
  const t = c.tie;
  return `${c.scale === 'small' ? 's' : 'n'}·${t.incoming[0]}${t.bias[0]}${t.outgoing[0]}`;
};
const COLUMN_NAMES = REGIME_COLUMNS.map((_, i) => colName(i));
const COLOURS = { stuck: palette[3], tied: palette[1], broken: palette[0] };
/** The tie select's values: the index of the pattern in TIE_PATTERNS. */
const TIE_KEYS = ['0', '1', '2', '3', '4', '5', '6', '7'] as const;
const REGIMES = ['stuck', 'tied', 'broken'] as const;
/** Below this width the map turns on its side (starts down, activations across). */
const NARROW_BELOW = 600;
/** The key under the map: the column codes and cell words, too long for an axis label on a phone. */
const KEY = 'Starts: zero = every parameter 0; otherwise the init scale (s = small 0.01, n = normal 0.5), then W, b, V each t = tied or r = random (s·ttr: small, W and b tied, V random). Cells: stuck, tied, split@k = the units\' features W, b first differ at step k, V only = they differ in V alone.';

/** One cell of the map as drawn and downloaded. */
interface MapCell { activation: ActivationName; start: string; regime: RegimeCell['regime']; label: string }
const mapCell = (c: RegimeCell): MapCell => ({ activation: c.activation, start: colName(c.column), regime: c.regime, label: c.label });

/** Part A: the regime map (stuck / tied / broken, decided bitwise) and the chosen cell's run. */
export default defineFigure({
  code: ['chapters/escaping-the-symmetric-subspace/regime.ts#classify', 'chapters/escaping-the-symmetric-subspace/regime.ts#regimeRun'],
  controls: {
    act: { kind: 'select', label: 'Row: activation', value: 'tanh', options: ACTIVATIONS.map((a) => ({ value: a, label: a })) },
    tie: { kind: 'select', label: 'Tied groups', value: '0', options: TIE_KEYS.map((k, i) => ({ value: k, label: tieName(TIE_PATTERNS[i]) })) },
    scale: { kind: 'select', label: 'Init scale', value: 'small', options: [{ value: 'zero', label: 'zero' }, { value: 'small', label: 'small (0.01)' }, { value: 'normal', label: 'normal (0.5)' }] },
    opt: { kind: 'select', label: 'Optimizer', value: 'gd', options: [{ value: 'gd', label: 'gradient descent' }, { value: 'sgd', label: 'SGD, batch 1' }] },
  },
  worker: true,
  // An edited cell may run this long in the sandbox: about 4 s in QuickJS (native 0.14 s); it streams progress.
  cell: { limit: 60_000 },
  compute({ act, tie, scale, opt }, ctx) {
    const pattern = TIE_PATTERNS[TIE_KEYS.indexOf(tie)];
    const column = scale === 'zero' ? 0 : REGIME_COLUMNS.findIndex((c) => c.scale === scale && c.tie === pattern);
    // The chosen cell first (its run is drawn below the map), then the map, once per optimizer.
    const t = regimeRun(act, REGIME_COLUMNS[column].tie ?? TIE_PATTERNS[0], REGIME_COLUMNS[column].scale, opt);
    const chosen: Classified = classify(t);
    const run = Array.from({ length: t.rows }, (_, s) => ({ step: s, loss: Math.max(1e-12, t.loss[s]), gapIn: t.gapIn[s], gapOut: t.gapOut[s] }));
    const what = `${act}, ${scale === 'zero' ? 'all-zero start' : `${scale} scale, ${tieName(pattern)}`}, ${opt}`;
    const verdict = chosen.regime === 'stuck' ? 'stuck: no weight of any hidden unit ever changed (only the output bias moved)'
      : chosen.regime === 'tied' ? `moves but stays symmetric: the units were bitwise equal at all ${chosen.steps + 1} states`
      : chosen.featuresDiffer === null ? 'broken: the units differ, but only in their outgoing weights' : `broken: the units' features (W, b) first differ at step ${chosen.featuresDiffer}`;
    const view = (cells: MapCell[], done: number) => {
      const counts = { stuck: 0, tied: 0, broken: 0 };
      for (const c of cells) counts[c.regime]++;
      return {
        cells,
        opt,
        chosen: { activation: act, start: COLUMN_NAMES[column], ...chosen },
        run,
        counts,
        /** The sentence between the map and the run. */
        text: `Chosen: ${what} — ${verdict}.`,
        rows: cells,
        alt: `Regime map (${opt}): ${REGIMES.map((r) => `${counts[r]} ${r}`).join(', ')}. ${what}: ${verdict}.`,
        note: done < 1 ? `Running the map… ${cells.length} of ${ACTIVATIONS.length * REGIME_COLUMNS.length} cells.` : undefined,
      };
    };
    // The map through the memo under one key per optimizer (the build's /data/regime.csv reads the same runs).
    const cells = ctx.memo(regimeGridKey(opt), () => regimeGrid(opt, (sofar, done) => ctx.progress(done, () => view(sofar.map(mapCell), done))));
    return view(cells.map(mapCell), 1);
  },
  draw(d, document, view) {
    // On a phone the 17 starts run down the page and the five activations across it, so every cell's word fits at 12 px.
    const narrow = view.width < NARROW_BELOW;
    const starts = { domain: COLUMN_NAMES, label: narrow ? 'start (scale·W b V)' : 'start: init scale (s = small, n = normal), then W, b, V each t = tied or r = random' };
    const acts = { domain: [...ACTIVATIONS], label: 'hidden-unit activation' };
    const [x, y] = narrow ? (['activation', 'start'] as const) : (['start', 'activation'] as const);
    const grid = plot(document, {
      width: view.width, height: narrow ? 70 + 22 * COLUMN_NAMES.length : 70 + 34 * ACTIVATIONS.length,
      marginLeft: narrow ? 52 : 64, marginRight: 8, padding: 0.06,
      x: narrow ? acts : starts, y: { ...(narrow ? starts : acts), labelAnchor: 'top' },
      color: { domain: [...REGIMES], range: [COLOURS.stuck, COLOURS.tied, COLOURS.broken] },
      ariaLabel: 'Regime map: activation against start',
      marks: [
        Plot.cell(d.cells, { x, y, fill: 'regime', fillOpacity: 0.35 }),
        Plot.cell([d.chosen], { x, y, stroke: 'currentColor', strokeWidth: 2.5 }),
        // The cells' values, centred in their cells like a table's (not labels to move apart): the layout gives each room.
        Plot.text(d.cells, { x, y, text: 'label' }),
      ],
    });
    if (view.live) {
      // Clicking a cell loads it, by setting the selects (the keyboard's way in).
      grid.style.cursor = 'pointer';
      grid.onclick = (event) => {
        const [a, b] = [valueAt(grid, event, 'x'), valueAt(grid, event, 'y')];
        const [start, act] = narrow ? [b, ACTIVATIONS.find((v) => v === a)] : [a, ACTIVATIONS.find((v) => v === b)];
        const i = COLUMN_NAMES.findIndex((c) => c === start);
        if (i < 0 || !act) return; // between cells, or outside the map
        const col = REGIME_COLUMNS[i];
        view.set(col.tie ? { act, scale: col.scale, tie: TIE_KEYS[TIE_PATTERNS.indexOf(col.tie)] } : { act, scale: 'zero' });
      };
    }
    const last = d.run[d.run.length - 1];
    const run = plot(document, {
      width: view.width, height: narrow ? 220 : 240, marginLeft: 48,
      x: { label: d.opt === 'gd' ? 'gradient-descent step' : 'SGD step (batch 1)' },
      y: { label: 'mean squared error · distance between units', grid: true },
      ariaLabel: 'Chosen cell: loss and gaps between units',
      marks: [
        Plot.line(d.run, { x: 'step', y: 'loss', stroke: palette[0], strokeWidth: 2 }),
        Plot.line(d.run, { x: 'step', y: 'gapIn', stroke: palette[1], strokeDasharray: '6 4', strokeWidth: 2 }),
        Plot.line(d.run, { x: 'step', y: 'gapOut', stroke: palette[2], strokeDasharray: '2 3', strokeWidth: 2 }),
        labels([
          { text: 'loss', x: last.step, y: last.loss, anchor: 'end', dy: -10, fill: ink(0) },
          { text: 'gap in (W, b)', x: last.step, y: last.gapIn, anchor: 'end', dy: -10, fill: ink(1) },
          { text: 'gap out (V)', x: last.step, y: last.gapOut, anchor: 'end', dy: 10, fill: ink(2) },
        ]),
      ],
    });
    // Only a live chart answers clicks (the build's drawing is static until the first live render).
    return stack(document, [grid, view.live ? `${KEY} Click a cell to load its run.` : KEY, d.text, run]);
  },
});
