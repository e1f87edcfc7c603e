import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { stack, table } from '../../../figure/dom.ts';
import { labels } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { RULE_LABEL, type Rule } from '../rules.ts';
import { seedCounts, TRAIN_DEFAULTS as D0 } from '../training.ts';

/** Seeds 1…SEEDS, each drawing its own weights, data and batches. */
const SEEDS = 20;
/** The settings swept: init-train's defaults, and the variations the text makes claims about. */
const SETTINGS = [
  { key: 'defaults', what: 'defaults', over: {}, rules: ['lecun', 'glorot', 'he', 'free'] },
  { key: 'big', what: 'σ² = 10', over: { sigma2: 10 }, rules: ['free'] },
  { key: 'relu3', what: 'σ² = 3', over: { sigma2: 3 }, rules: ['free'] },
  { key: 'shallow', what: `L = ${D0.L / 2}`, over: { L: D0.L / 2 }, rules: ['lecun'] },
  { key: 'tanhBig', what: 'tanh, σ² = 10', over: { act: 'tanh', sigma2: 10 }, rules: ['free'] },
] as const;

/** Outcomes over 20 seeds of init-train's runs: which rules train, stay on a plateau, or diverge, counted not picked. */
export default defineFigure({
  code: ['chapters/how-big-a-random-start/training.ts#seedCounts'],
  controls: {},
  // About 150 training runs of 800 steps (tens of seconds): made once by the build and shipped as JSON.
  prepare: (memo) => memo('init-seeds', () => SETTINGS.map((s) => ({
    key: s.key,
    what: s.what,
    counts: seedCounts({ ...D0, ...s.over }, s.rules as readonly Rule[], SEEDS),
  }))),
  compute(_params, { inputs }) {
    const by = Object.fromEntries(inputs.map((s) => [s.key, Object.fromEntries(s.counts.map((c) => [c.rule, c]))]));
    const rows = inputs.flatMap((s) => s.counts.map((c) => ({ setting: s.what, rule: c.rule, trains: c.trains, plateau: c.plateau, diverges: c.diverges })));
    // Short, for a phone's margin: a rule alone at the defaults, a setting alone for the free rule.
    const name = (r: { setting: string; rule: Rule }) => {
      const rule = RULE_LABEL[r.rule].split(' ')[0];
      if (r.rule === 'free') return r.setting === 'defaults' ? `σ² = ${D0.sigma2}` : r.setting;
      return r.setting === 'defaults' ? rule : `${r.setting}: ${rule}`;
    };
    return {
      seeds: SEEDS,
      /** The defaults the sweep varies (init-train's), for the prose. */
      spec: { ...D0, shallow: D0.L / 2 },
      /** Counts per setting and rule, e.g. by.defaults.lecun.trains. */
      by,
      rows,
      bars: rows.flatMap((r) => (['trains', 'plateau', 'diverges'] as const).map((o) => ({ name: name(r), outcome: o, count: r[o] }))),
      table: rows.map((r) => [name(r), String(r.trains), String(r.plateau), String(r.diverges)]),
      alt: `Outcomes over seeds 1 to ${SEEDS} (${D0.L} hidden ${D0.act} layers of ${D0.n} units, rate ${D0.lr}, ${D0.steps} steps, unless stated): ${rows.map((r) => `${name(r)} trains ${r.trains}, plateau ${r.plateau}, diverges ${r.diverges}`).join('; ')}.`,
    };
  },
  draw(d, document, view) {
    const outcomes = ['trains', 'plateau', 'diverges'] as const;
    const names = [...new Set(d.bars.map((b) => b.name))];
    const chart = plot(document, {
      width: view.width, height: 80 + 26 * names.length, marginLeft: 120,
      x: { label: `runs out of ${d.seeds} seeds`, domain: [0, d.seeds], grid: true },
      y: { label: 'setting', domain: names },
      color: { domain: [...outcomes], range: [palette[2], palette[0], palette[3]] },
      ariaLabel: 'Stacked counts of runs that train, stay on a plateau or diverge, per setting and rule',
      marks: [
        Plot.barX(d.bars, Plot.stackX({ y: 'name', x: 'count', fill: 'outcome', order: [...outcomes] })),
        labels(outcomes.map((o, i) => ({ text: o === 'plateau' ? 'still on plateau' : o, fx: (i + 0.5) / 3, fy: 0, anchor: 'middle' as const, dy: -12, fill: ink([2, 0, 3][i]) }))),
      ],
    });
    return stack(document, [chart, table(document, { caption: `Outcomes over seeds 1–${d.seeds}`, head: ['setting (defaults unless stated; σ²: the free rule)', 'trains', 'still on plateau', 'diverges'], rows: d.table, rowHeads: true })]);
  },
});
