import * as Plot from '@observablehq/plot';
import { logAxis, logExtent } from '../../../figure/axes.ts';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { labels } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot, valueAt } from '../../../figure/plot.ts';
import { MECHANISM_NAMES, MECHANISMS, runMechanism, SETUP, STARTS, TIE_ACTS, type Mechanism, type Start } from '../mechanisms.ts';

/** Short names for the grid's rows. */
const SHORT: Record<Mechanism, string> = {
  gd: 'plain GD', random: 'random init', dropout: 'dropout', sgd: 'SGD batch 4', momentum: 'momentum', adam: 'Adam', decay: 'weight decay', label: 'label noise',
  input: 'input noise', unit32: 'per-unit f32', blocked64: 'blocked f64', blocked32: 'blocked f32', pairwise64: 'pairwise f64', pairwise32: 'pairwise f32',
};
const ROWS = MECHANISMS.map((m) => SHORT[m]);
const COLOURS = { stuck: palette[3], tied: palette[1], broken: palette[0] };

/** One cell of the grid. */
interface Cell { act: string; start: Start; mech: string; id: Mechanism; verdict: 'stuck' | 'tied' | 'broken'; split: number | null; label: string }

/** The grid: every activation × start × mechanism, each verdict read off its own run; and the chosen cell's run. */
export default defineFigure({
  code: ['chapters/what-breaks-a-tie/mechanisms.ts#runMechanism', 'chapters/what-breaks-a-tie/sums.ts#sumBlocked'],
  controls: {
    act: { kind: 'select', label: 'Activation', value: 'tanh', options: TIE_ACTS.map((a) => ({ value: a, label: a })) },
    start: { kind: 'select', label: 'Start', value: 'tied', options: [{ value: 'tied', label: 'identical non-zero units' }, { value: 'zero', label: 'all zero' }] },
    mech: { kind: 'select', label: 'Mechanism', value: 'blocked64', options: MECHANISMS.map((m) => ({ value: m, label: MECHANISM_NAMES[m] })) },
  },
  worker: true,
  // 112 runs of 300 steps: about 0.9 s natively and 19 s in QuickJS (measured by the cells test); ten times that for an edited cell.
  cell: { limit: 200_000 },
  compute({ act, start, mech }, ctx) {
    const run = runMechanism(act, start, mech);
    const series = run.gap.map((gap, step) => ({ step, gap })).filter((r) => r.gap > 0);
    const what = `${act}, ${start === 'tied' ? 'identical non-zero start' : 'all-zero start'}, ${MECHANISM_NAMES[mech]}`;
    const says = run.verdict === 'stuck' ? 'stuck: no unit parameter ever changed' : run.verdict === 'tied' ? `moves but stays tied: the units were equal bit for bit at all ${run.steps + 1} states` : `broken: the units first differ at step ${run.split}`;
    const total = TIE_ACTS.length * STARTS.length * MECHANISMS.length;
    const view = (cells: Cell[], done: number) => {
      const counts = { stuck: 0, tied: 0, broken: 0 };
      const splitAt: Record<string, number> = {};
      for (const c of cells) {
        counts[c.verdict]++;
        if (c.split !== null) splitAt[`${c.act}_${c.start}_${c.id}`] = c.split;
      }
      return {
        cells, counts, splitAt, series, chosen: { act, start, mech: SHORT[mech] }, steps: run.steps,
        total, mechanisms: MECHANISMS.length, setup: { steps: SETUP.steps, lr: SETUP.lr },
        text: `Chosen: ${what} — ${says}.`,
        rows: cells.map(({ act: a, start: s, mech: m, verdict, split }) => ({ activation: a, start: s, mechanism: m, verdict, split_step: split ?? '' })),
        alt: `Verdicts of ${cells.length} runs (${counts.stuck} stuck, ${counts.tied} tied bit for bit, ${counts.broken} broken). ${what}: ${says}.`,
        note: done < 1 ? `Running the grid… ${cells.length} of ${total} runs.` : run.diverged !== null ? `The chosen run diverged at step ${run.diverged}.` : undefined,
      };
    };
    const cells = ctx.memo('tie:grid', () => {
      const out: Cell[] = [];
      for (const a of TIE_ACTS) for (const s of STARTS) for (const m of MECHANISMS) {
        const r = runMechanism(a, s, m);
        out.push({ act: a, start: s, mech: SHORT[m], id: m, verdict: r.verdict, split: r.split, label: r.verdict === 'broken' ? `split ${r.split}` : r.verdict });
        ctx.progress(out.length / total, () => view(out.slice(), out.length / total));
      }
      return out;
    });
    return view(cells, 1);
  },
  draw(d, document, view) {
    const grids = STARTS.map((s) => {
      const cells = d.cells.filter((c) => c.start === s);
      const g = plot(document, {
        width: view.width, height: 60 + 22 * ROWS.length, marginLeft: 92, marginRight: 8, padding: 0.05,
        x: { domain: [...TIE_ACTS], label: s === 'tied' ? 'activation (identical non-zero start)' : 'activation (all-zero start)' },
        y: { domain: ROWS, label: 'mechanism', labelAnchor: 'top' },
        color: { domain: ['stuck', 'tied', 'broken'], range: [COLOURS.stuck, COLOURS.tied, COLOURS.broken] },
        ariaLabel: `Verdicts from the ${s} start`,
        marks: [
          Plot.cell(cells, { x: 'act', y: 'mech', fill: 'verdict', fillOpacity: 0.35 }),
          Plot.cell(d.chosen.start === s ? [d.chosen] : [], { x: 'act', y: 'mech', stroke: 'currentColor', strokeWidth: 2.5 }),
          // Each cell's verdict, centred like a table's entry (the bands give each room; not labels to move apart).
          Plot.text(cells, { x: 'act', y: 'mech', text: 'label' }),
        ],
      });
      if (view.live) {
        g.style.cursor = 'pointer';
        g.onclick = (event) => {
          const act = TIE_ACTS.find((a) => a === valueAt(g, event, 'x'));
          const mech = MECHANISMS.find((m) => SHORT[m] === valueAt(g, event, 'y'));
          if (act && mech) view.set({ act, start: s, mech });
        };
      }
      return g;
    });
    const [lo, hi] = logExtent(d.series.map((r) => r.gap), [1e-17, 1]);
    const last = d.series.at(-1);
    const run = plot(document, {
      width: view.width, height: 220, marginLeft: 56,
      x: { label: 'gradient-descent step', domain: [0, d.steps] },
      y: { ...logAxis('gap between the units', [Math.min(lo, 1e-17), Math.max(hi, 1e-15)]), grid: true },
      ariaLabel: 'Chosen cell: the gap between the two units',
      marks: [
        Plot.line(d.series, { x: 'step', y: 'gap', stroke: palette[0], strokeWidth: 2 }),
        labels(last ? [{ text: 'gap', x: last.step, y: last.gap, anchor: 'end', dy: -10, fill: ink(0) }] : [{ text: 'gap exactly 0 throughout: nothing to draw on a log axis', fx: 0.5, fy: 0.5, anchor: 'middle' }]),
      ],
    });
    return stack(document, [...grids, view.live ? 'Click a cell to load its run.' : null, d.text, run]);
  },
});
