import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { cappedRow, sweepRuns, trajectory, type SweepRun, type TrajectoryResult } from '../jobs.ts';
import { linearFit, RELU_SPEC, type SweepRow } from '../plateau.ts';

/** The longest cap: every run is made once to it, and a lower cap reads its prefix. */
const CAP = RELU_SPEC.maxAlpha;

/** What the chart shows at a cap, from runs made to the full CAP (some of them still missing while it streams). */
function view(traces: { eps: number; r: TrajectoryResult }[], runs: SweepRun[], cap: number, seed: number, done: number) {
  const rows: SweepRow[] = runs.map((run) => cappedRow(RELU_SPEC, run, cap));
  const means = RELU_SPEC.eps.map((eps) => {
    const at = rows.filter((r) => r.eps === eps);
    const esc = at.map((r) => r.escape_alpha).filter((a): a is number => a !== null);
    return { eps, mean: esc.length ? esc.reduce((a, b) => a + b, 0) / esc.length : null, escaped: esc.length, of: at.length };
  });
  const ok = means.filter((m) => m.mean !== null && m.escaped === m.of);
  const power = ok.length >= 2 ? linearFit(ok.map((m) => Math.log(1 / m.eps)), ok.map((m) => Math.log(m.mean!))).slope : null;
  // Each trace up to the cap; a log axis has no 0, so exact zeros of the gap are left out.
  const lines = traces.flatMap(({ eps, r }) => r.rows.filter((d) => d.alpha <= cap && d.gap > 0).map((d) => ({ eps: `ε = ${eps}`, alpha: d.alpha, gap: d.gap })));
  const labels = traces.map(({ eps, r }) => ({ eps, escape: r.escape !== null && r.escape <= cap ? r.escape : null }));
  const table = means.map((m) => `ε = ${m.eps}: ${m.of === 0 ? 'not run yet' : m.mean !== null ? `mean escape α ${fmt(m.mean)} over ${m.escaped} of ${m.of} runs` : 'none escaped'}${m.escaped < m.of ? ` (${m.of - m.escaped} not escaped by α = ${cap})` : ''}`).join('; ');
  const powText = power !== null ? `escape α ∝ (1/ε)^${fmt(power, 2)} (least squares on log–log means)` : 'too few escaped runs to fit a power';
  return {
    cap,
    seed,
    lines,
    /** The escape α of each ε's trace by the cap (null: not escaped by it). */
    labels,
    means,
    /** The fitted power p in escape α ∝ (1/ε)^p (null with fewer than two fully escaped ε). */
    power,
    /** The sentence under the chart. */
    text: `${table}. ${powText}.`,
    rows,
    alt: `ReLU, η = 0.5, seed ${seed}: the gap stays flat, then jumps. ${table}. ${powText}.`,
    note: done < 1 ? `Running… ${Math.round(done * 100)}%` : undefined,
  };
}

/** Island 4: tied ReLU units keep their gap exactly until a sample splits their fields; escape grows like a power of 1/ε. */
export default defineFigure({
  code: ['chapters/escaping-the-symmetric-subspace/teacher-student.ts#tsSim', 'chapters/escaping-the-symmetric-subspace/jobs.ts#cappedRow'],
  controls: {
    cap: { kind: 'range', label: 'Run length cap α', min: 500, max: CAP, step: 500, value: CAP, integer: true },
    seed: { kind: 'range', label: 'Seed of the traces', min: 1, max: 6, step: 1, value: 1, integer: true },
  },
  worker: true,
  compute({ cap: asked, seed }, ctx) {
    // Never beyond the runs' own length: a longer cap would claim runs that were never made.
    const cap = Math.min(asked, CAP);
    // The traces of one seed and the sweep are run once, to the full cap; the cap only cuts them.
    const traces: { eps: number; r: TrajectoryResult }[] = [];
    for (const [k, eps] of RELU_SPEC.eps.entries()) {
      const r = ctx.memo(`escape-relu:trace:${seed}:${eps}`, () => trajectory({ activation: 'relu', eps, seed, maxAlpha: CAP }, (d, partial) => {
        const done = (k + d) / (2 * RELU_SPEC.eps.length);
        ctx.progress(done, () => view([...traces, { eps, r: partial() }], [], cap, seed, done));
      }));
      traces.push({ eps, r });
    }
    const runs = ctx.memo('escape-relu:sweep', () => sweepRuns(RELU_SPEC, (d, partial) => ctx.progress(0.5 + d / 2, () => view(traces, partial(), cap, seed, 0.5 + d / 2))));
    return view(traces, runs, cap, seed, 1);
  },
  draw(d, document) {
    const gaps = plot(document, {
      width: 640, height: 260, marginLeft: 56, x: { label: 'α', domain: [0, d.cap] }, y: { type: 'log', label: 'symmetry gap', grid: true, domain: [1e-6, 2] },
      color: { domain: RELU_SPEC.eps.map((e) => `ε = ${e}`), range: [palette[0], palette[1], palette[3]] },
      ariaLabel: 'ReLU symmetry gap against α for three ε',
      marks: [
        Plot.line(d.lines, { x: 'alpha', y: (r) => Math.max(1e-6, r.gap), z: 'eps', stroke: 'eps', strokeWidth: 2 }),
        Plot.ruleY([0.3], { strokeDasharray: '2 3' }),
        Plot.text(d.labels, { x: (t) => t.escape ?? d.cap, y: 1.3, text: (t) => (t.escape !== null ? `ε = ${t.eps}: α ${t.escape}` : `ε = ${t.eps}: not escaped by α = ${d.cap}`), textAnchor: 'end', dy: 0, fill: (t) => `ε = ${t.eps}`, fontSize: 10, dx: -2 }),
      ],
    });
    return stack(document, [gaps, d.text]);
  },
});
