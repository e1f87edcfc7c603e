import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { stack, table } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { labels } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { meanSe, memoSweep, PLATEAU_SPECS, plateauSummary, SWEEP_EPS, type SweepRow } from '../plateau.ts';

/** Which sweeps (PLATEAU_SPECS keys) each "Compare" option shows. */
const GROUPS = { all: PLATEAU_SPECS.map((p) => p.key), eta: ['erf', 'eta'], scale: ['s005', 'erf', 's15'], act: ['erf', 'tanh'] };

/** Island 3: the same sweep for η and η/2, for s = 0.05, 0.5, 1.5, and for erf against tanh, with each line's seed spread. */
export default defineFigure({
  code: ['chapters/escaping-the-symmetric-subspace/plateau.ts#seedFits', 'chapters/escaping-the-symmetric-subspace/plateau.ts#linearFit'],
  controls: {
    show: { kind: 'select', label: 'Compare', value: 'all', options: [{ value: 'all', label: 'all five sweeps' }, { value: 'eta', label: 'η against η/2' }, { value: 'scale', label: 'init scale s' }, { value: 'act', label: 'erf against tanh' }] },
    seeds: { kind: 'range', label: 'Seeds per ε', min: 2, max: 6, step: 1, value: 6, integer: true },
  },
  // The five sweeps (210 runs), computed once by the build (shared with plateau.csv); live, the controls only refit them.
  prepare: (memo): SweepRow[] => PLATEAU_SPECS.flatMap((p) => memoSweep(memo, p.spec)),
  compute({ show, seeds }, { inputs }) {
    const xs = SWEEP_EPS.map((e) => Math.log(1 / e));
    const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
    const lines = PLATEAU_SPECS.flatMap((p, index) => {
      const s = p.spec;
      const mine = inputs.filter((r) => r.activation === s.activation && r.eta === s.eta && r.init_scale === s.scale && r.seed <= seeds);
      const { fit, means, seeds: spread } = plateauSummary(mine);
      if (!GROUPS[show].includes(p.key) || means.length < 2) return [];
      return [{
        key: p.key, label: p.label, index, runs: mine.length, slope: fit.slope, intercept: fit.intercept, r2: fit.r2,
        /** Mean ± standard error over the seeds' own lines. */
        seedSlope: spread.slope.mean, slopeSe: spread.slope.se, seedOffset: spread.offset.mean, offsetSe: spread.offset.se,
        // Each mean with its standard error over the seeds.
        means: means.map((m) => ({ x: m.x, y: m.mean, se: meanSe(mine.filter((r) => r.eps === m.eps && r.escape_alpha !== null).map((r) => r.escape_alpha!)).se })),
        ends: [x0, x1].map((x) => ({ x, y: fit.intercept + fit.slope * x })),
      }];
    });
    const text = (l: (typeof lines)[number], sep: string) => `${l.label}${sep}slope ${fmt(l.slope)} ± ${fmt(l.slopeSe, 2)}, offset ${fmt(l.intercept)} ± ${fmt(l.offsetSe, 2)}`;
    return {
      rows: inputs,
      x0,
      lines: lines.map((l) => ({ ...l, text: text(l, ' — '), cells: [l.label, fmt(l.slope), fmt(l.slopeSe, 2), fmt(l.intercept), fmt(l.offsetSe, 2)] })),
      alt: `Mean escape α against ln(1/ε), ${seeds} seeds per ε, each line's slope and offset with its standard error over the seeds' own lines: ${lines.map((l) => text(l, ': ')).join('; ')}.`,
    };
  },
  draw({ lines }, document, view) {
    const fitted = lines.flatMap((l) => l.ends.map((p) => ({ key: l.label, ...p })));
    const means = lines.flatMap((l) => l.means.map((m) => ({ key: l.label, ...m })));
    const bars = means.map((m) => ({ key: m.key, x: m.x, y1: m.y - m.se, y2: m.y + m.se }));
    const chart = plot(document, {
      width: view.width, height: view.width < 600 ? 280 : 320, marginLeft: 48, marginRight: 16,
      x: { label: 'ln(1/ε), ε = initial asymmetry', domain: [4, 19] }, y: { label: 'mean escape α (α = steps / N)', grid: true, zero: true },
      color: { domain: lines.map((l) => l.label), range: lines.map((l) => palette[l.index]) },
      ariaLabel: 'Mean escape α against ln(1/ε) for five settings, each mean with its standard error over the seeds',
      marks: [
        Plot.line(fitted, { x: 'x', y: 'y', z: 'key', stroke: 'key', strokeWidth: 2 }),
        Plot.ruleX(bars, { x: 'x', y1: 'y1', y2: 'y2', stroke: 'key', strokeWidth: 1.5 }),
        Plot.dot(means, { x: 'x', y: 'y', stroke: 'key', symbol: 'key', r: 4 }),
        // The three erf lines at η = 0.5 nearly coincide: labels() stacks their names apart, each in its line's ink.
        labels(lines.map((l) => ({ text: l.label, x: l.ends[1].x, y: l.ends[1].y, anchor: 'end' as const, dy: -12, fill: ink(l.index) }))),
      ],
    });
    // Each line's numbers in a table under the chart: too long to sit on a phone's chart, and exact there.
    const numbers = table(document, {
      caption: 'Each line: slope (α per unit of ln(1/ε)) and offset (α), with standard errors over the seeds\' own lines',
      head: ['sweep', 'slope', 's.e.', 'offset', 's.e.'],
      rows: lines.map((l) => l.cells),
      rowHeads: true,
    });
    return stack(document, [chart, numbers]);
  },
});
