import * as Plot from '@observablehq/plot';
import { logAxis } from '../../../figure/axes.ts';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { labels } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { RETIE } from '../retie.ts';
import { UNTIED, untiedRun, untiedStarts, type UntiedRun } from '../untied.ts';

/** A weight decay below the threshold, run at every setting for comparison: the sweep puts the threshold near 0.06–0.07. */
const BELOW = 0.04;
const STEPS = { min: 500, max: 10_000 };

/** Counts of each verdict, and the extremes the prose quotes. */
function summary(runs: UntiedRun[]) {
  const count = (v: string) => runs.filter((r) => r.verdict === v).length;
  const nearer = runs.map((r) => Math.min(r.gap, r.flip));
  return {
    tie: count('tie'), flipped: count('flipped tie'), apart: count('apart'), diverged: count('diverged'),
    worstNearer: Math.max(...nearer), bestNearer: Math.min(...nearer), smallestUnit: Math.min(...runs.map((r) => r.smallestUnit)),
  };
}

/** Untied starts trained with weight decay γ: the distance to the nearer of the two ties (unit₂ = unit₁ or unit₂ = −unit₁). */
export default defineFigure({
  code: ['chapters/what-breaks-a-tie/untied.ts#untiedRun', 'chapters/what-breaks-a-tie/untied.ts#flipGap'],
  controls: {
    gamma: { kind: 'range', label: 'Weight decay γ', min: 0, max: 0.15, step: 0.005, value: 0.1 },
    steps: { kind: 'range', label: 'Steps', min: STEPS.min, max: STEPS.max, step: 500, value: 3000 },
  },
  worker: true,
  // Ten runs of 3000 steps: about 0.6 s natively and up to 20 s in QuickJS (the cells test, on a busy machine); ten times that for an edited cell.
  cell: { limit: 200_000 },
  compute({ gamma, steps }, ctx) {
    const n = Math.round(Math.min(STEPS.max, Math.max(STEPS.min, Number.isFinite(steps) ? steps : 3000)));
    const g = Number.isFinite(gamma) ? Math.min(0.15, Math.max(0, gamma)) : 0.1;
    const starts = untiedStarts();
    const runs = starts.map((p, i) => {
      const r = untiedRun(g, p, n);
      ctx.progress((i + 1) / (2 * starts.length), () => ({ lines: [], runs: [], at: summary([r]), below: summary([r]), gamma: g, belowGamma: BELOW, steps: n, lr: RETIE.lr, starts: UNTIED.starts, rows: [], alt: 'Running…', note: 'Running…' }));
      return r;
    });
    const below = ctx.memo(`tie:untied-below:${n}`, () => starts.map((p) => untiedRun(BELOW, p, n)));
    const lines = runs.flatMap((r, i) => r.trace.map((t) => ({ step: t.step, gap: Math.min(t.gap, t.flip), run: `start ${i + 1}`, which: t.gap < t.flip ? 'tie' : 'flipped tie' })).filter((t) => t.gap > 0 && Number.isFinite(t.gap)));
    const at = summary(runs), low = summary(below);
    const bad = [
      steps !== n ? `Steps must be a whole number from ${STEPS.min} to ${STEPS.max}: using ${n}.` : '',
      gamma !== g ? `γ must lie in [0, 0.15]: using ${g}.` : '',
      at.diverged ? `${at.diverged} run(s) diverged; their curves stop where they did.` : '',
    ].filter(Boolean).join(' ');
    return {
      lines, gamma: g, belowGamma: BELOW, steps: n, lr: RETIE.lr, starts: UNTIED.starts, at, below: low,
      runs: runs.map((r, i) => ({ start: i + 1, verdict: r.verdict, gap: r.gap, flip: r.flip, smallestUnit: r.smallestUnit })),
      rows: runs.flatMap((r, i) => [{ gamma: g, start: i + 1, verdict: r.verdict, gap: r.gap, gap_to_flipped: r.flip, smallest_unit: r.smallestUnit }, { gamma: BELOW, start: i + 1, verdict: below[i].verdict, gap: below[i].gap, gap_to_flipped: below[i].flip, smallest_unit: below[i].smallestUnit }]),
      alt: `${UNTIED.starts} untied tanh starts, ${n} steps of η = ${RETIE.lr}. At γ = ${g}: ${at.tie} end on the tie, ${at.flipped} on the sign-flipped tie (unit₂ = −unit₁), ${at.apart} apart; the largest distance to the nearer tie is ${fmt(at.worstNearer, 2)}. At γ = ${BELOW}: ${low.tie + low.flipped} on a tie, ${low.apart} apart, nearest ${fmt(low.bestNearer, 2)}; the smallest unit has size ${fmt(Math.min(at.smallestUnit, low.smallestUnit), 2)}.`,
      note: bad || undefined,
    };
  },
  draw(d, document, view) {
    const runs = [...new Set(d.lines.map((l) => l.run))];
    const ends = runs.map((r) => d.lines.filter((l) => l.run === r).at(-1)!);
    return stack(document, [plot(document, {
      // Room on the right for the last tick's label ("10,000" at the most steps), centred on the frame's edge.
      width: view.width, height: 250, marginLeft: 56, marginRight: 28,
      x: { label: 'gradient-descent step', domain: [0, d.steps] },
      y: { ...logAxis('distance to the nearer tie', [1e-16, 10]), grid: true },
      ariaLabel: 'Distance of each untied run to the nearer tie',
      marks: [
        Plot.ruleY([UNTIED.tieGap], { stroke: 'currentColor', strokeDasharray: '3 3' }),
        ...runs.map((r, i) => Plot.line(d.lines.filter((l) => l.run === r), { x: 'step', y: 'gap', stroke: palette[i % 5], strokeWidth: 1.5 })),
        labels([
          ...ends.map((e, i) => ({ text: `${e.run}: ${e.which}`, x: e.step, y: e.gap, anchor: 'end' as const, dy: -10, fill: ink(i % 5) })),
        ]),
      ],
    }), `γ = ${d.gamma}: ${d.at.tie} on the tie, ${d.at.flipped} on the sign-flipped tie, ${d.at.apart} apart. At γ = ${d.belowGamma}: ${d.below.tie + d.below.flipped} on a tie, ${d.below.apart} apart.`]);
  },
});
