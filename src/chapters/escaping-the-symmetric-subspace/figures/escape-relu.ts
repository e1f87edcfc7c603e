import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { pow10 } from '../../../figure/axes.ts';
import { palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { reluSweep, type GapTrace } from '../jobs.ts';
import { linearFit, median, quartiles, RELU_FIT_MAX, RELU_SEEDS, RELU_SPEC, type SweepRow } from '../plateau.ts';

const N = RELU_SPEC.N ?? 40;

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
  draw(d, document) {
    const stats = d.stats;
    const bars = stats.flatMap((s) => [
      { eps: s.eps, what: 'escape', lo: s.escape.q1, mid: s.escape.median, hi: s.escape.q3 ?? RELU_SPEC.maxAlpha },
      { eps: s.eps * 1.12, what: 'first split', lo: s.split.q1, mid: s.split.median, hi: s.split.q3 ?? RELU_SPEC.maxAlpha },
    ]).filter((b) => b.lo !== null && b.mid !== null);
    const what = { domain: ['escape', 'first split'], range: [palette[0], palette[1]] };
    const times = plot(document, {
      width: 640, height: 280, marginLeft: 56,
      x: { type: 'log', label: 'ε', reverse: true, ticks: [...RELU_SPEC.eps], tickFormat: pow10 }, y: { type: 'log', label: 'α', grid: true, tickFormat: pow10 },
      color: what,
      ariaLabel: 'ReLU: escape α and first split against ε on log–log axes, medians with quartiles',
      marks: [
        Plot.dot(d.runs, { x: (r) => (r.what === 'escape' ? r.eps : r.eps * 1.12), y: 'alpha', stroke: 'what', r: 1.5, strokeOpacity: 0.4 }),
        Plot.ruleX(bars, { x: 'eps', y1: 'lo', y2: 'hi', stroke: 'what', strokeWidth: 2 }),
        Plot.dot(bars, { x: 'eps', y: 'mid', fill: 'what', r: 4, symbol: (b: { what: string }) => (b.what === 'escape' ? 'circle' : 'square') }),
        Plot.line(stats.map((s) => ({ eps: s.eps * 1.12, y: s.predictedSplit })), { x: 'eps', y: 'y', stroke: palette[2], strokeDasharray: '6 4', strokeWidth: 2 }),
        Plot.text([`circles: escape (medians, quartile bars); squares: first split; dashed: first split predicted, ln 2 · π/(Nθ)`], { frameAnchor: 'top-left', dx: 6, dy: 6, text: (t) => t }),
        Plot.text([`fitted on ε ≤ ${d.fitMax}: escape ∝ (1/ε)^${d.pEscape !== null ? fmt(d.pEscape, 2) : '—'}, first split ∝ (1/ε)^${d.pSplit !== null ? fmt(d.pSplit, 2) : '—'}`], { frameAnchor: 'top-left', dx: 6, dy: 22, text: (t) => t }),
      ],
    });
    const gaps = plot(document, {
      width: 640, height: 240, marginLeft: 56, x: { type: 'log', label: 'α', domain: [1, RELU_SPEC.maxAlpha], tickFormat: pow10 }, y: { type: 'log', label: 'symmetry gap', grid: true, domain: [1e-7, 2], tickFormat: pow10 },
      color: { domain: RELU_SPEC.eps.map((e) => `ε = ${e}`), range: [palette[0], palette[1], palette[3], palette[4]] },
      ariaLabel: `ReLU symmetry gap against α for seed ${d.seed}, one line per ε`,
      marks: [
        Plot.line(d.lines, { x: 'alpha', y: (r) => Math.max(1e-7, r.gap), z: 'eps', stroke: 'eps', strokeWidth: 2 }),
        Plot.ruleY([0.3], { strokeDasharray: '2 3' }),
        // Each line is named where it starts, so the ε are told apart without colour.
        Plot.text(d.lines.filter((l, i) => i === 0 || d.lines[i - 1].eps !== l.eps), { x: 'alpha', y: 'gap', text: 'eps', fill: 'eps', textAnchor: 'start', dx: 4, dy: -7 }),
        Plot.text([`seed ${d.seed}: each line is flat until the first split`], { frameAnchor: 'bottom-left', dx: 6, dy: -6, text: (t) => t }),
      ],
    });
    return stack(document, [times, gaps, d.text]);
  },
});
