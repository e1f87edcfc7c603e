import * as Plot from '@observablehq/plot';
import type { FigureModule } from '../../../figure/types.ts';
import { palette } from '../../../figure/palette.ts';
import type { TrajectoryResult } from '../jobs.ts';
import { linearFit, RELU_SPEC, type SweepRow } from '../plateau.ts';
import { compute, fmt, stack } from '../client.ts';

/** Island 4: tied ReLU units keep their gap exactly until a sample splits their fields; escape grows like a power of 1/ε. */
const figure: FigureModule = {
  code: ['chapters/escaping-the-symmetric-subspace/teacher-student.ts#tsSim'],
  controls: [
    { kind: 'range', name: 'cap', label: 'Run length cap α', min: 500, max: 3000, step: 500, value: 3000, integer: true },
    { kind: 'range', name: 'seed', label: 'Seed of the traces', min: 1, max: 6, step: 1, value: 1, integer: true },
  ],
  async render(params, document, ctx) {
    const cap = Number(params.cap);
    const seed = Number(params.seed);
    const spec = { ...RELU_SPEC, maxAlpha: cap };
    const traces: { eps: number; r: TrajectoryResult }[] = [];
    for (const eps of RELU_SPEC.eps) {
      const r = await compute<TrajectoryResult>({ kind: 'trajectory', config: { activation: 'relu', eps, seed, maxAlpha: cap } }, ctx);
      traces.push({ eps, r });
    }
    const rows = await compute<SweepRow[]>({ kind: 'sweeps', specs: [spec] }, ctx);
    const means = RELU_SPEC.eps.map((eps) => {
      const esc = rows.filter((r) => r.eps === eps && r.escape_alpha !== null).map((r) => r.escape_alpha!);
      return { eps, mean: esc.length ? esc.reduce((a, b) => a + b, 0) / esc.length : null, escaped: esc.length, of: rows.filter((r) => r.eps === eps).length };
    });
    const ok = means.filter((m) => m.mean !== null && m.escaped === m.of);
    const power = ok.length >= 2 ? linearFit(ok.map((m) => Math.log(1 / m.eps)), ok.map((m) => Math.log(m.mean!))).slope : null;
    const lines = traces.flatMap(({ eps, r }) => r.rows.filter((d) => d.gap > 0).map((d) => ({ eps: `ε = ${eps}`, alpha: d.alpha, gap: d.gap })));
    const gaps = Plot.plot({
      document, width: 640, height: 260, marginLeft: 56, x: { label: 'α', domain: [0, cap] }, y: { type: 'log', label: 'symmetry gap', grid: true, domain: [1e-6, 2] },
      color: { domain: RELU_SPEC.eps.map((e) => `ε = ${e}`), range: [palette[0], palette[1], palette[3]] },
      ariaLabel: 'ReLU symmetry gap against α for three ε',
      marks: [
        Plot.line(lines, { x: 'alpha', y: (d) => Math.max(1e-6, d.gap), z: 'eps', stroke: 'eps', strokeWidth: 2 }),
        Plot.ruleY([0.3], { strokeDasharray: '2 3' }),
        Plot.text(traces, { x: (t) => t.r.escape ?? cap, y: 1.3, text: (t) => (t.r.escape !== null ? `ε = ${t.eps}: α ${t.r.escape}` : `ε = ${t.eps}: not escaped by α = ${cap}`), textAnchor: 'end', dy: 0, fill: (t) => `ε = ${t.eps}`, fontSize: 10, dx: -2 }),
      ],
    }) as unknown as Element;
    const table = means.map((m) => `ε = ${m.eps}: ${m.mean !== null ? `mean escape α ${fmt(m.mean)} over ${m.escaped} of ${m.of} runs` : 'none escaped'}${m.escaped < m.of ? ` (${m.of - m.escaped} not escaped by α = ${cap})` : ''}`).join('; ');
    const powText = power !== null ? `escape α ∝ (1/ε)^${fmt(power, 2)} (least squares on log–log means)` : 'too few escaped runs to fit a power';
    return {
      node: stack(document, [gaps, `${table}. ${powText}.`]),
      rows,
      alt: `ReLU, η = 0.5, seed ${seed}: the gap stays flat, then jumps. ${table}. ${powText}.`,
    };
  },
};
export default figure;
