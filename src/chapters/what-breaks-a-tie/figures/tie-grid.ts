import * as Plot from '@observablehq/plot';
import { logAxis, logExtent } from '../../../figure/axes.ts';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { labels } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot, valueAt } from '../../../figure/plot.ts';
import { mechanismName, MECHANISMS, runMechanism, SETUP, STARTS, TIE_ACTS, type Mechanism, type Start, type Verdict } from '../mechanisms.ts';
import { checkParams } from '../../../figure/parse.ts';
import { checkSettings, MAX_STEPS, type TieSettings } from '../settings.ts';

/** Short names for the grid's rows; the rows a setting changes carry its value, so moving it changes the chart. */
function rowName(m: Mechanism, set: TieSettings): string {
  const short: Record<Mechanism, string> = {
    gd: 'plain GD', random: 'random init', dropout: `dropout ${set.dropout}`, sgd: 'SGD batch 4', momentum: 'momentum', adam: 'Adam', decay: `decay ${set.decay}`,
    label: `label noise ${set.noise}`, input: `input noise ${set.noise}`, unit32: 'per-unit f32', blocked64: 'blocked f64', blocked32: 'blocked f32',
    pairwise64: 'pairwise f64', pairwise32: 'pairwise f32', shared64: 'shared f64',
  };
  return short[m];
}
const VERDICTS = ['stuck', 'tied', 'broken', 'diverged'] as const;
const COLOURS = [palette[3], palette[1], palette[0], palette[5]];

/** One cell of the grid. */
interface Cell { act: string; start: Start; mech: string; id: Mechanism; verdict: Verdict['verdict']; split: number | null; diverged: number | null; label: string }

/** The grid's controls: the chosen cell, then the settings every run of the grid uses. */
const controls = {
  act: { kind: 'select', label: 'Activation', value: 'tanh', options: TIE_ACTS.map((a) => ({ value: a, label: a })) },
  start: { kind: 'select', label: 'Start', value: 'tied', options: [{ value: 'tied', label: 'identical non-zero units' }, { value: 'zero', label: 'all zero' }] },
  mech: { kind: 'select', label: 'Mechanism', value: 'blocked64', options: MECHANISMS.map((m) => ({ value: m, label: mechanismName(m) })) },
  // Every run of the grid uses these; the defaults are SETUP's, so the page's numbers are the defaults' runs.
  lr: { kind: 'range', label: 'Learning rate η', min: 0.01, max: 2, step: 0.01, value: SETUP.lr },
  steps: { kind: 'range', label: 'Steps', min: 10, max: MAX_STEPS, step: 10, value: SETUP.steps, integer: true },
  dropout: { kind: 'range', label: 'Dropout rate p', min: 0, max: 0.95, step: 0.05, value: SETUP.dropout },
  decay: { kind: 'range', label: 'Weight decay γ', min: 0, max: 0.2, step: 0.005, value: SETUP.decay },
  noise: { kind: 'range', label: 'Label and input noise σ', min: 0, max: 1, step: 0.05, value: SETUP.noise },
} as const;

/** The grid: every activation × start × mechanism, each verdict read off its own run; and the chosen cell's run. */
export default defineFigure({
  code: ['chapters/what-breaks-a-tie/mechanisms.ts#runMechanism', 'chapters/what-breaks-a-tie/mechanisms.ts#shareUnits', 'chapters/what-breaks-a-tie/sums.ts#sumBlocked'],
  controls,
  worker: true,
  // 120 runs of 300 steps: about 1.2 s natively and 20 s in QuickJS (the cells test; 43 s on a loaded machine). The Steps
  // slider goes to 1000, 3.3 times the work: about 70 s, and the limit leaves over five times that for a slow machine.
  cell: { limit: 400_000 },
  compute({ act, start, mech, lr, steps, dropout, decay, noise }, ctx) {
    const total = TIE_ACTS.length * STARTS.length * MECHANISMS.length;
    const where = `${act}, ${start === 'tied' ? 'identical non-zero start' : 'all-zero start'}`;
    // A value no control could produce (a notebook cell, a hand-made call) is refused by the rule an address is read with.
    checkParams(controls, { act, start, mech, lr, steps, dropout, decay, noise });
    const set = checkSettings({ lr, steps, dropout, decay, noise }, SETUP);
    const run = runMechanism(act, start, mech, set);
    const series = run.gap.map((gap, step) => ({ step, gap })).filter((r) => r.gap > 0);
    const what = `${where}, ${mechanismName(mech, set)}`;
    const says = run.verdict === 'stuck' ? 'stuck: no unit parameter ever changed'
      : run.verdict === 'tied' ? `moves but stays tied: the units were equal bit for bit at all ${run.steps + 1} states`
      : run.verdict === 'broken' ? `broken: the units first differ at step ${run.split}`
      : `diverged: the loss or a parameter overflowed at step ${run.diverged}${run.split !== null ? `, after the units split at step ${run.split}` : ''}`;
    // Settings that turn a mechanism into plain gradient descent, said where the reader looks.
    const plain = (mech === 'dropout' && set.dropout === 0) ? ' With p = 0 no unit is ever dropped and every mask is 1: this is plain gradient descent.'
      : (mech === 'decay' && set.decay === 0) ? ' With γ = 0 there is no decay: this is plain gradient descent.'
      : ((mech === 'label' || mech === 'input') && set.noise === 0) ? ' With σ = 0 there is no noise: this is plain gradient descent.' : '';
    const shared = mech === 'shared64' ? ' The two units are one parameter: its gradient is the sum g₁ + g₂ of its two uses, so at a tie it steps about twice as far as plain gradient descent moves either unit.' : '';
    const view = (cells: Cell[], done: number) => {
      const counts = { stuck: 0, tied: 0, broken: 0, diverged: 0 };
      const splitAt: Record<string, number> = {};
      for (const c of cells) {
        counts[c.verdict]++;
        if (c.verdict === 'broken') splitAt[`${c.act}_${c.start}_${c.id}`] = c.split!;
      }
      const sharedTied = cells.filter((c) => c.id === 'shared64' && c.start === 'tied');
      const notes = [
        done < 1 ? `Running the grid… ${cells.length} of ${total} runs.` : '',
        run.diverged !== null ? `The chosen run diverged at step ${run.diverged} (η = ${set.lr}): the chart stops there; a smaller η keeps it finite.` : '',
        done === 1 && counts.diverged > 0 ? `${counts.diverged} of ${total} runs diverged at these settings.` : '',
      ].filter(Boolean);
      return {
        cells, counts, splitAt, shared: { tied: sharedTied.filter((c) => c.verdict === 'tied').length, of: sharedTied.length }, series, chosen: { act, start, mech: rowName(mech, set) }, rowNames: MECHANISMS.map((m) => rowName(m, set)), steps: run.steps,
        total, mechanisms: MECHANISMS.length, setup: set,
        text: `Chosen: ${what} — ${says}.${plain}${shared}`,
        rows: cells.map(({ act: a, start: s, mech: m, verdict, split, diverged }) => ({ activation: a, start: s, mechanism: m, verdict, split_step: split ?? '', diverged_step: diverged ?? '' })),
        alt: `Verdicts of ${cells.length} runs (${counts.stuck} stuck, ${counts.tied} tied bit for bit, ${counts.broken} broken, ${counts.diverged} diverged). ${what}: ${says}.`,
        note: notes.length ? notes.join(' ') : undefined,
      };
    };
    const cells = ctx.memo(`tie:grid:${set.lr}:${set.steps}:${set.dropout}:${set.decay}:${set.noise}`, () => {
      const out: Cell[] = [];
      for (const a of TIE_ACTS) for (const s of STARTS) for (const m of MECHANISMS) {
        const r = runMechanism(a, s, m, set);
        const label = r.verdict === 'broken' ? `split ${r.split}` : r.verdict === 'diverged' ? `div. ${r.diverged}` : r.verdict;
        out.push({ act: a, start: s, mech: rowName(m, set), id: m, verdict: r.verdict, split: r.split, diverged: r.diverged, label });
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
        width: view.width, height: 60 + 22 * d.rowNames.length, marginLeft: 112, marginRight: 8, padding: 0.05,
        x: { domain: [...TIE_ACTS], label: s === 'tied' ? 'activation (identical non-zero start)' : 'activation (all-zero start)' },
        y: { domain: d.rowNames, label: 'mechanism', labelAnchor: 'top' },
        color: { domain: [...VERDICTS], range: COLOURS },
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
          const mech = MECHANISMS[d.rowNames.indexOf(String(valueAt(g, event, 'y')))];
          if (act && mech) view.set({ act, start: s, mech });
        };
      }
      return g;
    });
    const [lo, hi] = logExtent(d.series.map((r) => r.gap), [1e-17, 1]);
    const last = d.series.at(-1);
    const run = plot(document, {
      width: view.width, height: 220, marginLeft: 56,
      x: { label: 'gradient-descent step', domain: [0, Math.max(1, d.steps)] },
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
