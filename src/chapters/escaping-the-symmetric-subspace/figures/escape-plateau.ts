import * as Plot from '@observablehq/plot';
import type { FigureModule, Rendered } from '../../../figure/types.ts';
import { palette } from '../../../figure/palette.ts';
import { plateauSummary, SWEEP_EPS, SWEEP_SEEDS, type SweepRow, type SweepSpec } from '../plateau.ts';
import { compute, fmt } from '../client.ts';

/** Island 2: escape α against ln(1/ε), one point per run, the means, their least-squares line and the slope 1/λ. */
const figure: FigureModule = {
  code: ['chapters/escaping-the-symmetric-subspace/plateau.ts#plateauSummary', 'chapters/escaping-the-symmetric-subspace/plateau.ts#growthRate'],
  controls: [
    { kind: 'select', name: 'act', label: 'Activation g', value: 'erf', options: [{ value: 'erf', label: 'erf(z/√2)' }, { value: 'tanh', label: 'tanh' }] },
    { kind: 'range', name: 'eta', label: 'Learning rate η', min: 0.25, max: 1, step: 0.25, value: 0.5 },
    { kind: 'range', name: 'seeds', label: 'Seeds per ε', min: 2, max: 6, step: 1, value: 6, integer: true },
  ],
  async render(params, document, ctx) {
    const spec: SweepSpec = { activation: params.act as 'erf', eta: Number(params.eta), scale: 0.5, eps: SWEEP_EPS, seeds: SWEEP_SEEDS.slice(0, Number(params.seeds)), maxAlpha: 4000 };
    const rows = await compute<SweepRow[]>({ kind: 'sweeps', specs: [spec] }, ctx, (p, d) => ctx.show?.(drawPlateau(document, p, spec, d)));
    return drawPlateau(document, rows, spec, 1);
  },
};
export default figure;

/** Draws one sweep's plateau lengths (also used by the knobs figure's tests). */
export function drawPlateau(document: Document, rows: SweepRow[], spec: SweepSpec, done: number): Rendered {
  const sum = plateauSummary(rows);
  const { slope, intercept, r2 } = sum.fit;
  const xs = SWEEP_EPS.map((e) => Math.log(1 / e));
  const line = [Math.min(...xs), Math.max(...xs)].map((x) => ({ x, y: intercept + slope * x }));
  // The predicted line has slope 1/λ and passes through the centre of the means.
  const cx = sum.means.reduce((a, m) => a + m.x, 0) / Math.max(1, sum.means.length);
  const cy = intercept + slope * cx;
  const pred = sum.predictedSlope === null ? [] : line.map((p) => ({ x: p.x, y: cy + sum.predictedSlope! * (p.x - cx) }));
  const runs = rows.filter((r) => r.escape_alpha !== null).map((r) => ({ x: Math.log(1 / r.eps), y: r.escape_alpha!, seed: r.seed }));
  const fitText = sum.means.length >= 2 ? `least squares: slope ${fmt(slope)} α per unit ln(1/ε), R² = ${r2.toFixed(4)}` : 'not enough ε yet';
  const predText = sum.predictedSlope !== null ? `1/λ from the gap's growth on the plateau: ${fmt(sum.predictedSlope)}` : 'λ not measured yet';
  const node = Plot.plot({
    document, width: 640, height: 300, marginLeft: 56,
    x: { label: 'ln(1/ε)', domain: [4, 19] }, y: { label: 'escape α', grid: true, zero: true },
    ariaLabel: 'Escape α against ln(1/ε)',
    marks: [
      Plot.dot(runs, { x: 'x', y: 'y', r: 2.5, fill: palette[0], fillOpacity: 0.5 }),
      Plot.dot(sum.means, { x: 'x', y: 'mean', r: 5, stroke: palette[1], strokeWidth: 2, symbol: 'diamond' }),
      sum.means.length >= 2 ? Plot.line(line, { x: 'x', y: 'y', stroke: palette[1], strokeWidth: 2 }) : null,
      pred.length ? Plot.line(pred, { x: 'x', y: 'y', stroke: palette[2], strokeWidth: 2, strokeDasharray: '6 4' }) : null,
      Plot.text([fitText], { frameAnchor: 'top-left', dx: 6, dy: 6, text: (d) => d, fill: palette[1] }),
      Plot.text([predText], { frameAnchor: 'top-left', dx: 6, dy: 22, text: (d) => d, fill: palette[2] }),
    ],
  }) as unknown as Element;
  const label = `${spec.activation}, η = ${spec.eta}, s = ${spec.scale}, ${spec.seeds.length} seeds`;
  const status = done < 1 ? `Running the sweep… ${Math.round(done * 100)}% (${rows.length} runs).` : sum.unescaped ? `${sum.unescaped} runs did not escape by α = ${spec.maxAlpha}.` : undefined;
  return {
    node, rows,
    alt: `${label}: escape α against ln(1/ε) for ε = 1e-2 … 1e-8; ${fitText}; ${predText}.`,
    note: status,
  };
}
