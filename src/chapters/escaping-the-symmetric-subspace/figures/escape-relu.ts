import * as Plot from '@observablehq/plot';
import { logAxis, pow10 } from '../../../figure/axes.ts';
import { defineFigure } from '../../../figure/define.ts';
import { stack, table } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { labels } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { reluSweep, type GapTrace } from '../jobs.ts';
import { linearFit, median, quartiles, RELU_FIT_MAX, RELU_SEEDS, RELU_SPEC, type SweepRow } from '../plateau.ts';

const N = RELU_SPEC.N ?? 40;
// The first split is drawn this factor to the left of its ε, so its bar stands beside the escape's.
const NUDGE = 1.12;
// The palette entries of the gap lines, one per ε.
const LINE_COLOURS = [0, 1, 3, 4];

/** What the sweep says at each ε: quartiles of the escape, of the first split, the split predicted from the angle, the time after it. */
export function reluStats(rows: readonly SweepRow[]) {
  return RELU_SPEC.eps.map((eps) => {
    const at = rows.filter((r) => r.eps === eps);
    const after = at.flatMap((r) => (r.escape_alpha !== null && r.first_split !== null ? [r.escape_alpha - r.first_split] : []));
    return {
      eps,
      escape: quartiles(at.map((r) => r.escape_alpha)),
      split: quartiles(at.map((r) => r.first_split)),
      // A sample splits the two fields with probability θ/π, so the first split waits ~Exp(mean π/(Nθ)) α; median ln 2 times that.
      predictedSplit: median(at.map((r) => (Math.LN2 * Math.PI) / (N * r.split_angle))),
      /** Median θ/ε: the angle is proportional to ε. */
      angleOverEps: median(at.map((r) => r.split_angle / eps)),
      /** Median and longest time from the first split to the escape. */
      afterMedian: after.length ? median(after) : null,
      afterMax: after.length ? Math.max(...after) : null,
    };
  });
}

/** escape α ∝ (1/ε)^p: least squares of ln(median) on ln(1/ε) over the ε ≤ fitMax whose median is known. */
function power(stats: ReturnType<typeof reluStats>, pick: (s: ReturnType<typeof reluStats>[number]) => number | null, fitMax: number): number | null {
  const ok = stats.filter((s) => s.eps <= fitMax * (1 + 1e-9) && pick(s) !== null);
  return ok.length >= 2 ? linearFit(ok.map((s) => Math.log(1 / s.eps)), ok.map((s) => Math.log(pick(s)!))).slope : null;
}

/** What the chart shows: the quartiles, the powers fitted from `fitMax` down, and one seed's gap traces. */
function view(rows: SweepRow[], traces: GapTrace[], seed: number, fitMax: number) {
  const stats = reluStats(rows);
  const pEscape = power(stats, (s) => s.escape.median, fitMax);
  const pSplit = power(stats, (s) => s.split.median, fitMax);
  const pPredicted = power(stats, (s) => s.predictedSplit, fitMax);
  // Over all four ε, where at ε = 1e-2 the time after the first split is most of the escape.
  const pAll = power(stats, (s) => s.escape.median, RELU_SPEC.eps[0]);
  // One standard deviation of a fitted power: each ln(median) scatters by medianSpread, and a least-squares slope by
  // that over √Sxx, Sxx = Σ(x − x̄)² of the fitted ln(1/ε).
  const medianSpread = 1 / (Math.LN2 * Math.sqrt(RELU_SEEDS.length));
  const xs = stats.filter((s) => s.eps <= fitMax * (1 + 1e-9)).map((s) => Math.log(1 / s.eps));
  const mx = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  const powerSe = sxx > 0 ? medianSpread / Math.sqrt(sxx) : null;
  const smallest = stats[stats.length - 1];
  // Local exponents between neighbouring decades: how the power approaches its small-ε value.
  const local = stats.slice(1).map((s, i) => {
    const a = stats[i].escape.median, b = s.escape.median;
    return { from: stats[i].eps, to: s.eps, p: a !== null && b !== null ? Math.log(b / a) / Math.log(stats[i].eps / s.eps) : null };
  });
  const q = (v: number | null) => (v === null ? `> ${RELU_SPEC.maxAlpha}` : fmt(v));
  const table = stats.map((s) => `ε = ${s.eps}: escape α median ${q(s.escape.median)} (quartiles ${q(s.escape.q1)}–${q(s.escape.q3)}), first split ${q(s.split.median)}, predicted ${fmt(s.predictedSplit)}`).join('; ');
  const pText = `fitted on ε ≤ ${fitMax}: escape α ∝ (1/ε)^${pEscape !== null ? fmt(pEscape, 2) : '—'}, first split ∝ (1/ε)^${pSplit !== null ? fmt(pSplit, 2) : '—'}`;
  const lines = traces.filter((t) => t.seed === seed).flatMap((t) => t.points.filter(([a]) => a >= 1).map(([alpha, gap]) => ({ eps: `ε = ${t.eps}`, alpha, gap })));
  const runs = rows.flatMap((r) => [
    ...(r.escape_alpha !== null ? [{ eps: r.eps, alpha: r.escape_alpha, what: 'escape' }] : []),
    ...(r.first_split !== null ? [{ eps: r.eps, alpha: r.first_split, what: 'first split' }] : []),
  ]);
  return {
    seed,
    fitMax,
    stats,
    /** The fitted powers p (null with fewer than two known medians in the window). */
    pEscape,
    pSplit,
    pPredicted,
    pAll,
    local,
    /** The relative spread of the median of n exponential times, 1/(ln 2·√n): how far a 12-seed median may sit from its law. */
    medianSpread,
    /** The standard deviation that spread gives a power fitted on the chosen ε (null with one ε). */
    powerSe,
    /** The first split predicted at ε = 1e-6 from the angle per unit ε at the smallest ε: ln 2·π/(N·(θ/ε)·1e-6). */
    predictedAt1e6: (Math.LN2 * Math.PI) / (N * smallest.angleOverEps * 1e-6),
    runs,
    lines,
    /** The ε axis: the sweep's ε with room either side (the first splits sit NUDGE to the left). */
    epsDomain: [Math.min(...RELU_SPEC.eps) / 1.6, Math.max(...RELU_SPEC.eps) * NUDGE * 1.6] as [number, number],
    powerText: pText,
    text: `${table}. ${pText}.`,
    rows,
    alt: `ReLU, η = 0.5, ${RELU_SEEDS.length} seeds per ε, runs capped at α = ${RELU_SPEC.maxAlpha}: ${table}. ${pText}. The gap of seed ${seed} stays flat until the first split, then jumps.`,
  };
}

/** Island 4: tied ReLU units keep their gap exactly until a sample splits their fields; the wait grows like 1/ε. */
export default defineFigure({
  code: ['chapters/escaping-the-symmetric-subspace/plateau.ts#unitAngle', 'chapters/escaping-the-symmetric-subspace/plateau.ts#quartiles'],
  controls: {
    fit: { kind: 'select', label: 'Fit the power on', value: '0.001', options: [{ value: '0.01', label: 'all ε (1e-2 … 1e-5)' }, { value: '0.001', label: 'ε ≤ 1e-3' }, { value: '0.0001', label: 'ε ≤ 1e-4' }] },
    seed: { kind: 'range', label: 'Seed of the traces', min: 1, max: RELU_SEEDS.length, step: 1, value: 1, integer: true },
  },
  // The sweep (48 runs, up to 20000 α each: the chapter's costliest) runs once per build; live, the controls only re-read it.
  prepare: (memo) => reluSweep(memo, RELU_SPEC),
  compute({ fit, seed }, { inputs }) {
    return view(inputs.rows, inputs.traces, seed, Number(fit));
  },
  draw(d, document, view) {
    const stats = d.stats;
    const bars = stats.flatMap((s) => [
      { eps: s.eps, what: 'escape', lo: s.escape.q1, mid: s.escape.median, hi: s.escape.q3 ?? RELU_SPEC.maxAlpha },
      { eps: s.eps * NUDGE, what: 'first split', lo: s.split.q1, mid: s.split.median, hi: s.split.q3 ?? RELU_SPEC.maxAlpha },
    ]).filter((b) => b.lo !== null && b.mid !== null);
    const what = { domain: ['escape', 'first split'], range: [palette[0], palette[1]] };
    const alpha: [number, number] = [1, RELU_SPEC.maxAlpha];
    const predicted = stats.map((s) => ({ eps: s.eps * NUDGE, y: s.predictedSplit }));
    // The series are named at the largest ε, where escape and first split are furthest apart.
    const [first, firstPredicted] = [bars.filter((b) => b.eps === stats[0].eps || b.eps === stats[0].eps * NUDGE), predicted[0]];
    const times = plot(document, {
      width: view.width, height: view.width < 600 ? 260 : 300, marginLeft: 56,
      x: logAxis('asymmetry ε (log scale)', d.epsDomain, { reverse: true }), y: logAxis('escape or first split, α = steps / N', alpha, { grid: true, clamp: true }),
      color: what,
      ariaLabel: 'ReLU: escape α and first split against ε on log–log axes, medians with quartiles',
      marks: [
        Plot.dot(d.runs, { x: (r) => (r.what === 'escape' ? r.eps : r.eps * NUDGE), y: 'alpha', stroke: 'what', r: 1.5, strokeOpacity: 0.4 }),
        Plot.ruleX(bars, { x: 'eps', y1: 'lo', y2: 'hi', stroke: 'what', strokeWidth: 2 }),
        Plot.dot(bars, { x: 'eps', y: 'mid', fill: 'what', r: 4, symbol: (b: { what: string }) => (b.what === 'escape' ? 'circle' : 'square') }),
        Plot.line(predicted, { x: 'eps', y: 'y', stroke: palette[2], strokeDasharray: '6 4', strokeWidth: 2 }),
        labels([
          ...first.map((b) => ({ text: b.what === 'escape' ? 'escape (median, quartiles)' : 'first split', x: b.eps, y: b.mid, anchor: 'start' as const, dx: 10, dy: -12, fill: ink(b.what === 'escape' ? 0 : 1) })),
          { text: 'first split predicted, ln 2·π/(Nθ)', x: firstPredicted.eps, y: firstPredicted.y, anchor: 'start', dx: 10, dy: 14, fill: ink(2) },
        ]),
      ],
    });
    const eps = RELU_SPEC.eps.map((e) => `ε = ${e}`);
    const gaps = plot(document, {
      width: view.width, height: view.width < 600 ? 240 : 260, marginLeft: 56,
      x: logAxis('α = steps / N (log scale)', alpha), y: logAxis('symmetry gap max|R₁ₙ − R₂ₙ|', [1e-7, 2], { grid: true, clamp: true }),
      color: { domain: eps, range: LINE_COLOURS.map((i) => palette[i]) },
      ariaLabel: `ReLU symmetry gap against α for seed ${d.seed}, one line per ε`,
      marks: [
        Plot.line(d.lines, { x: 'alpha', y: 'gap', z: 'eps', stroke: 'eps', strokeWidth: 2 }),
        Plot.ruleY([0.3], { strokeDasharray: '2 3' }),
        // Each line is named where it starts, so the ε are told apart without colour.
        labels([
          ...d.lines.filter((l, i) => i === 0 || d.lines[i - 1].eps !== l.eps).map((l) => ({ text: l.eps, x: l.alpha, y: l.gap, anchor: 'start' as const, dx: 4, dy: -9, fill: ink(LINE_COLOURS[eps.indexOf(l.eps)]) })),
          { text: `seed ${d.seed}: flat until the first split`, fx: 1, fy: 1, anchor: 'end', dy: -8 },
          // At the left, where every line is still far below it.
          { text: 'escape threshold 0.3', fx: 0, y: 0.3, anchor: 'start', dx: 4, dy: 10 },
        ]),
      ],
    });
    const q = (v: number | null) => (v === null ? `> ${RELU_SPEC.maxAlpha}` : fmt(v));
    const numbers = table(document, {
      caption: `Escape and first split α, ${RELU_SEEDS.length} seeds per ε`,
      head: ['ε', 'escape median', 'q1', 'q3', 'first split median', 'predicted split'],
      rows: stats.map((s) => [pow10(s.eps), q(s.escape.median), q(s.escape.q1), q(s.escape.q3), q(s.split.median), fmt(s.predictedSplit)]),
      rowHeads: true,
    });
    return stack(document, [times, gaps, numbers, `Powers ${d.powerText}.`]);
  },
});
