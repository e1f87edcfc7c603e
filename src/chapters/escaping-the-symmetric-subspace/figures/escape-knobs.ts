import * as Plot from '@observablehq/plot';
import type { FigureModule, Rendered } from '../../../figure/types.ts';
import { palette } from '../../../figure/palette.ts';
import { PLATEAU_SPECS, plateauSummary, SWEEP_EPS, type SweepRow } from '../plateau.ts';
import { compute, fmt } from '../client.ts';

const GROUPS: Record<string, string[]> = { all: PLATEAU_SPECS.map((p) => p.key), eta: ['erf', 'eta'], scale: ['s005', 'erf', 's15'], act: ['erf', 'tanh'] };

/** The five sweeps' lines: which knob shifts the line (offset) and which tilts it (slope). */
export function knobLines(rows: readonly SweepRow[], seeds: number) {
  return PLATEAU_SPECS.map((p, i) => {
    const s = p.spec;
    const mine = rows.filter((r) => r.activation === s.activation && r.eta === s.eta && r.init_scale === s.scale && r.seed <= seeds);
    return { ...p, colour: palette[i], summary: plateauSummary(mine), runs: mine.length };
  });
}

/** Island 3: the same sweep for η and η/2, for s = 0.05, 0.5, 1.5, and for erf against tanh. */
const figure: FigureModule = {
  code: ['chapters/escaping-the-symmetric-subspace/plateau.ts#sweep', 'chapters/escaping-the-symmetric-subspace/plateau.ts#linearFit'],
  controls: [
    { kind: 'select', name: 'show', label: 'Compare', value: 'all', options: [{ value: 'all', label: 'all five sweeps' }, { value: 'eta', label: 'η against η/2' }, { value: 'scale', label: 'init scale s' }, { value: 'act', label: 'erf against tanh' }] },
    { kind: 'range', name: 'seeds', label: 'Seeds per ε', min: 2, max: 6, step: 1, value: 6, integer: true },
  ],
  async render(params, document, ctx) {
    const st = ctx.state as { rows?: SweepRow[] };
    const draw = (rows: SweepRow[], done: number) => drawKnobs(document, rows, String(params.show), Number(params.seeds), done);
    // Live, the five sweeps (210 runs) are read from dist/data/plateau.csv, which the build computed with the same
    // functions and seeds; the reader's controls refit them. The figure above recomputes its sweep live.
    st.rows ??= ctx.live ? await fetchSweeps(ctx.signal) : await compute<SweepRow[]>({ kind: 'sweeps', specs: PLATEAU_SPECS.map((p) => p.spec) }, ctx);
    return draw(st.rows, 1);
  },
};
export default figure;

/** The build's sweeps from plateau.csv (same origin, under the site's base path). */
async function fetchSweeps(signal?: AbortSignal): Promise<SweepRow[]> {
  const res = await fetch(`${import.meta.env.BASE_URL.replace(/\/?$/, '/')}data/plateau.csv`, { signal });
  if (!res.ok) throw new Error(`could not load the sweeps (HTTP ${res.status})`);
  const [head, ...lines] = (await res.text()).trim().split('\n');
  const cols = head.split(',');
  const num = (v: string) => (v === '' ? null : Number(v));
  return lines.map((line) => {
    const v = Object.fromEntries(line.split(',').map((x, i) => [cols[i], x]));
    return { activation: v.activation as SweepRow['activation'], eta: Number(v.eta), init_scale: Number(v.init_scale), eps: Number(v.eps), seed: Number(v.seed), escape_alpha: num(v.escape_alpha), max_alpha: Number(v.max_alpha), growth: num(v.growth), diverged_alpha: num(v.diverged_alpha) };
  });
}

function drawKnobs(document: Document, rows: SweepRow[], show: string, seeds: number, done: number): Rendered {
  const keys = GROUPS[show] ?? GROUPS.all;
  const lines = knobLines(rows, seeds).filter((l) => keys.includes(l.key) && l.summary.means.length >= 2);
  const xs = SWEEP_EPS.map((e) => Math.log(1 / e));
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const fitted = lines.flatMap((l) => [x0, x1].map((x) => ({ key: l.label, x, y: l.summary.fit.intercept + l.summary.fit.slope * x })));
  const means = lines.flatMap((l) => l.summary.means.map((m) => ({ key: l.label, x: m.x, y: m.mean })));
  const ends = lines.map((l) => ({ key: l.label, x: x1, y: l.summary.fit.intercept + l.summary.fit.slope * x1, text: `${l.label}: slope ${fmt(l.summary.fit.slope)}, offset ${fmt(l.summary.fit.intercept)}` }));
  const colour = { domain: lines.map((l) => l.label), range: lines.map((l) => l.colour) };
  const node = Plot.plot({
    document, width: 640, height: 340, marginLeft: 56, marginRight: 16,
    x: { label: 'ln(1/ε)', domain: [4, 19] }, y: { label: 'mean escape α', grid: true, zero: true }, color: colour,
    ariaLabel: 'Mean escape α against ln(1/ε) for five settings',
    marks: [
      Plot.line(fitted, { x: 'x', y: 'y', z: 'key', stroke: 'key', strokeWidth: 2 }),
      Plot.dot(means, { x: 'x', y: 'y', stroke: 'key', symbol: 'key', r: 4 }),
      // Labels sit at the left end of each line, so lines are told apart without colour.
      Plot.text(lines.map((l) => ({ key: l.label, y: l.summary.fit.intercept + l.summary.fit.slope * x0, text: `${l.label} — slope ${fmt(l.summary.fit.slope)}, offset ${fmt(l.summary.fit.intercept)}` })), { x: x0, y: 'y', text: 'text', textAnchor: 'start', dx: 4, dy: -8, fill: 'key' }),
    ],
  }) as unknown as Element;
  return {
    node, rows,
    alt: `Mean escape α against ln(1/ε), ${seeds} seeds per ε: ${ends.map((e) => e.text).join('; ')}.`,
    note: done < 1 ? `Running the five sweeps… ${Math.round(done * 100)}% (${rows.length} runs).` : undefined,
  };
}
