import * as Plot from '@observablehq/plot';
import { logAxis } from '../../../figure/axes.ts';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { labels } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { TS_DEFAULTS } from '../teacher-student.ts';
import { DWELL_BAND, FIT_GAP, LEARNED, plateauHeight, SCALE_RULE_LABEL, SCALE_RULES, SCALE_SPEC, scaleOfRule, scaleSummary, scaleSweep, TRACE_STEP, TRACE_SEEDS } from '../scale.ts';

/** The s axis: the grid with room either side. */
const S_DOMAIN = [5e-5, 20] as const;
/** The α axis of the learning times: the slowest median (s = 10) is a few thousand α. */
const ALPHA_DOMAIN = [10, 1e4] as const;
/** The ε_g axis of the traces. */
const EG_DOMAIN = [3e-4, 1] as const;
/** How an s is written in the select and the text: 1e-4 and 3e-4 in exponent form, the rest to 3 digits. */
const sLabel = (s: number) => (s < 1e-3 ? s.toExponential(0) : String(+s.toPrecision(3)));

/** Island 7: random starts w_k = s·z_k at s = 1e-4 … 10: escape α against ln(1/s), the time to learn, and where the variance rules put s. */
export default defineFigure({
  code: ['chapters/escaping-the-symmetric-subspace/scale.ts#scaleRun', 'chapters/escaping-the-symmetric-subspace/scale.ts#scaleOfRule'],
  controls: {
    seeds: { kind: 'range', label: 'Seeds per s', min: 2, max: SCALE_SPEC.seeds.length, step: 1, value: SCALE_SPEC.seeds.length, integer: true },
    show: {
      kind: 'select', label: 'ε_g traces for s', value: String(1e-2),
      options: SCALE_SPEC.scales.map((s) => {
        const rule = SCALE_RULES.find((r) => scaleOfRule(r, SCALE_SPEC.N, SCALE_SPEC.K) === s);
        return { value: String(s), label: rule ? `${sLabel(s)} (${SCALE_RULE_LABEL[rule]})` : sLabel(s) };
      }),
    },
  },
  // 156 runs (12 seeds at each of 13 s, each to ε_g < 1e-3), made once per build (about 2 s); the controls only re-read them.
  prepare: (memo) => scaleSweep(memo, SCALE_SPEC),
  compute({ seeds, show }, { inputs }) {
    const spec = { ...SCALE_SPEC, seeds: SCALE_SPEC.seeds.slice(0, seeds) };
    const rows = inputs.rows.filter((r) => r.seed <= seeds);
    const sum = scaleSummary(rows, spec);
    const { fit, slopeSe, predictedSlope } = sum;
    const fitted = sum.byScale.filter((b) => sum.fitted.includes(b.s));
    const xs = fitted.map((b) => b.x);
    const ends = xs.length ? [Math.min(...xs), Math.max(...xs)] : [];
    const line = ends.map((x) => ({ s: Math.exp(-x), y: fit.intercept + fit.slope * x }));
    // Only the slope is predicted: the dashed line passes through the centre of the fitted runs.
    const cx = xs.reduce((a, x) => a + x, 0) / Math.max(1, xs.length);
    const cy = fit.intercept + fit.slope * cx;
    const predicted = predictedSlope === null ? [] : ends.map((x) => ({ s: Math.exp(-x), y: cy + predictedSlope * (x - cx) }));
    const at = (s: number) => sum.byScale.find((b) => b.s === s)!;
    const rules = Object.fromEntries(SCALE_RULES.map((rule) => {
      const s = scaleOfRule(rule, spec.N, spec.K);
      const b = at(s);
      // The per-weight variance the rule asks for (of w_ki/√N): s²/N.
      return [rule, { rule, label: SCALE_RULE_LABEL[rule], s, variance: (s * s) / spec.N, escape: b.escape.median, learn: b.learn.median, dwell: b.dwell, gap0: b.gap0, escapedAtStart: b.escapedAtStart }];
    })) as Record<(typeof SCALE_RULES)[number], { rule: string; label: string; s: number; variance: number; escape: number | null; learn: number | null; dwell: number | null; gap0: number; escapedAtStart: number }>;
    const chosen = Number(show);
    const lines = inputs.traces.filter((t) => t.scale === chosen && t.seed <= Math.min(seeds, TRACE_SEEDS))
      .flatMap((t) => t.eg.map((eg, i) => ({ seed: `seed ${t.seed}`, alpha: i * TRACE_STEP, eg })));
    const height = plateauHeight(spec.activation, spec.eta);
    const q = (v: number | null) => (v === null ? `> ${spec.maxAlpha}` : fmt(v));
    const measured = `measured: ${fmt(fit.slope)} ± ${slopeSe !== null ? fmt(slopeSe, 2) : '—'} α per unit ln(1/s) (least squares on ${sum.fitRuns} runs at s ≤ ${sLabel(Math.max(...sum.fitted))})`;
    const theory = predictedSlope !== null ? `predicted 1/λ = ${fmt(predictedSlope)}` : 'no prediction';
    const table = sum.byScale.map((b) => `s = ${sLabel(b.s)}: escape ${q(b.escape.median)}, learned ${q(b.learn.median)}, on the plateau ${b.dwell !== null ? fmt(b.dwell) : '—'} α`).join('; ');
    const ruleText = SCALE_RULES.map((r) => `${rules[r].label} s = ${fmt(rules[r].s)}`).join(', ');
    return {
      rows,
      seeds,
      byScale: sum.byScale,
      fit,
      slopeSe,
      predictedSlope,
      /** The α a tenfold smaller s adds, measured and by the ODE: ln(10) times the slopes. */
      perDecade: fit.slope * Math.LN10,
      predictedPerDecade: predictedSlope !== null ? predictedSlope * Math.LN10 : null,
      lambda: sum.lambda,
      /** The largest s in the fit, and the initial gap that bounds it. */
      fitMax: Math.max(...sum.fitted),
      fitGap: FIT_GAP,
      fitRuns: sum.fitRuns,
      rules,
      ruleList: SCALE_RULES.map((r) => rules[r]),
      /** The s with the shortest median time to learn, and the smallest and largest s of the sweep. */
      fastest: sum.fastest,
      smallest: sum.byScale[0],
      largest: sum.byScale[sum.byScale.length - 1],
      learned: LEARNED,
      /** The sweep's setup, for the prose: how many scales, the escape threshold on the gap, the plateau band in per cent. */
      setup: { scales: spec.scales.length, threshold: TS_DEFAULTS.threshold, bandPercent: DWELL_BAND * 100 },
      height,
      chosen,
      line,
      predicted,
      runs: rows.flatMap((r) => (r.escape_alpha === null ? [] : [{ s: r.init_scale, y: r.escape_alpha }])),
      lines,
      measured,
      theory,
      alt: `Random starts w_k = s·z_k, erf, η = ${spec.eta}, N = ${spec.N}, ${seeds} seeds per s: escape α against s on a log axis, ${measured}; ${theory}. Medians: ${table}. The variance rules give ${ruleText}. Below: ε_g of ${Math.min(seeds, TRACE_SEEDS)} runs at s = ${sLabel(chosen)}.`,
    };
  },
  draw(d, document, view) {
    const narrow = view.width < 600;
    const x = logAxis('init scale s of w_k = s·z_k (log scale)', S_DOMAIN);
    // The three rules sit within a factor 1.4 of each other: one rule line each, their names stacked.
    // Named in the top chart only, where the space above the rule lines is empty.
    const ruleMarks = (named: boolean) => [
      Plot.ruleX(d.ruleList, { x: 's', stroke: palette[4], strokeDasharray: '2 3' }),
      named ? labels(d.ruleList.map((r, i) => ({ text: `${r.label} ${fmt(r.s)}`, x: r.s, fy: 0, anchor: 'end' as const, dx: -4, dy: 10 + 14 * i, fill: ink(4) }))) : null,
    ];
    const escape = plot(document, {
      width: view.width, height: narrow ? 260 : 300, marginLeft: 48,
      x, y: { label: 'escape α (gap > 0.3)', grid: true, zero: true },
      ariaLabel: 'Escape α against the init scale s on a log axis, with the measured and the predicted slope and the scales of the variance rules',
      marks: [
        Plot.dot(d.runs, { x: 's', y: 'y', r: 2, fill: palette[0], fillOpacity: 0.4 }),
        Plot.ruleX(d.byScale.filter((b) => b.escape.q1 !== null && b.escape.q3 !== null), { x: 's', y1: (b) => b.escape.q1, y2: (b) => b.escape.q3, stroke: palette[1], strokeWidth: 3 }),
        Plot.dot(d.byScale.filter((b) => b.escape.median !== null), { x: 's', y: (b) => b.escape.median, r: 5, stroke: palette[1], strokeWidth: 2, symbol: 'diamond' }),
        d.line.length ? Plot.line(d.line, { x: 's', y: 'y', stroke: palette[1], strokeWidth: 2 }) : null,
        d.predicted.length ? Plot.line(d.predicted, { x: 's', y: 'y', stroke: palette[2], strokeWidth: 2, strokeDasharray: '6 4' }) : null,
        ...ruleMarks(true),
        labels([
          { text: `solid: ${fmt(d.fit.slope)} α per ln(1/s)`, fx: 0, fy: 1, anchor: 'start', dx: 4, dy: -26, fill: ink(1) },
          ...(d.predicted.length ? [{ text: `dashed: ODE, 1/λ = ${fmt(d.predictedSlope!)}`, fx: 0, fy: 1, anchor: 'start' as const, dx: 4, dy: -10, fill: ink(2) }] : []),
        ]),
      ],
    });
    const kinds = { domain: ['learned (ε_g < 10⁻³)', 'on the plateau'], range: [palette[3], palette[0]] };
    const times = [
      ...d.byScale.filter((b) => b.learn.median !== null).map((b) => ({ s: b.s, kind: kinds.domain[0], mid: b.learn.median!, lo: b.learn.q1, hi: b.learn.q3 })),
      ...d.byScale.filter((b) => b.dwell !== null && b.dwell > 0).map((b) => ({ s: b.s, kind: kinds.domain[1], mid: b.dwell!, lo: null, hi: null })),
    ];
    const learn = plot(document, {
      width: view.width, height: narrow ? 220 : 240, marginLeft: 48,
      x, y: logAxis('α (log scale)', ALPHA_DOMAIN, { grid: true, clamp: true }), color: kinds,
      ariaLabel: 'Median α to learn and median α on the plateau against the init scale s, log–log',
      marks: [
        Plot.ruleX(times.filter((t) => t.lo !== null && t.hi !== null), { x: 's', y1: 'lo', y2: 'hi', stroke: 'kind', strokeWidth: 3 }),
        Plot.line(times, { x: 's', y: 'mid', z: 'kind', stroke: 'kind', strokeWidth: 1.5 }),
        Plot.dot(times, { x: 's', y: 'mid', fill: 'kind', r: 4 }),
        ...ruleMarks(false),
        labels(kinds.domain.map((k, i) => ({ text: i === 0 ? 'α to learn (median, quartiles)' : `α with ε_g within 25% of the plateau`, fx: 0, fy: 0, anchor: 'start' as const, dx: 4, dy: 10 + 16 * i, fill: ink(i === 0 ? 3 : 0) }))),
      ],
    });
    const traces = plot(document, {
      width: view.width, height: narrow ? 200 : 220, marginLeft: 48,
      x: { label: 'α = steps / N', grid: true }, y: logAxis(`ε_g, s = ${sLabel(d.chosen)}`, EG_DOMAIN, { grid: true, clamp: true }),
      ariaLabel: `Generalisation error against α for random starts at s = ${sLabel(d.chosen)}`,
      marks: [
        Plot.line(d.lines, { x: 'alpha', y: 'eg', z: 'seed', stroke: palette[0], strokeOpacity: 0.8 }),
        d.height !== null ? Plot.ruleY([d.height], { stroke: palette[2], strokeDasharray: '6 4' }) : null,
        Plot.ruleY([d.learned], { strokeDasharray: '2 3' }),
        labels([
          ...(d.height !== null ? [{ text: `plateau ε* = ${fmt(d.height)}`, fx: 1, y: d.height, anchor: 'end' as const, dy: -10, fill: ink(2) }] : []),
          // Under its line at the left, where the traces have not come down yet.
          { text: `learned: ε_g < ${fmt(d.learned)}`, fx: 0, y: d.learned, anchor: 'start', dx: 4, dy: 10 },
        ]),
      ],
    });
    return stack(document, [escape, `${d.measured}; ${d.theory}.`, learn, traces]);
  },
});
