import * as Plot from '@observablehq/plot';
import { logAxis, logExtent } from '../../../figure/axes.ts';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { labels } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { escapeClaims } from '../claims.ts';

/** The chapter's claims, each with the number its runs measured: plateau height against η, and the checks in words. */
export default defineFigure({
  code: ['chapters/escaping-the-symmetric-subspace/claims.ts#escapeClaims', 'chapters/escaping-the-symmetric-subspace/overlap-ode.ts#odeJacobian', 'chapters/escaping-the-symmetric-subspace/overlap-ode.ts#tiedFixedPoint'],
  controls: {},
  // Seconds of runs (the five sweeps, the rounding and zero-start runs, the ODE's saddles): made once by the build
  // and shipped as JSON, so a live render (a Retry, a forced redraw) only re-reads them and never runs one.
  prepare: (memo) => {
    const c = escapeClaims(memo);
    // A Float64Array would reach the browser as an object keyed "0", "1", …: ship the saddle points as arrays.
    return { ...c, saddles: c.saddles.map((x) => ({ ...x, point: Array.from(x.point) })) };
  },
  compute(_params, { inputs: c }) {
    const s = c.summaries;
    const pm = (m: { mean: number; se: number }) => `${fmt(m.mean)} ± ${fmt(m.se, 2)}`;
    const zero = c.zeroRun.map((z) => `${z.activation}: equal through α = ${z.identicalThrough} of ${z.alphas}`).join('; ');
    const round = c.rounding.map((r) => `${r.activation}: ${r.firstSplit === null ? `still bitwise tied at all ${r.checks} checks` : `units differ from α = ${r.firstSplit}, ${r.escape !== null ? `escaped at α = ${r.escape}` : `gap ${fmt(r.gapAtEnd)} at α = ${r.checks - 1}`}`}`).join('; ');
    const zs = c.zeroStart.map((z) => `${z.activation}: ${z.moved ? `moves${z.tiedThroughout ? ', tied throughout' : ', and the units come apart'} (ε_g ${fmt(z.egStart)} → ${fmt(z.egEnd)} by α = 50)` : 'stuck (g′(0) = 0)'}`).join('; ');
    const sd = c.saddles.map((x) => `η = ${x.eta}: λ = ${fmt(x.lambda)} (1/λ = ${fmt(1 / x.lambda)})`).join(', ');
    const lines = [
      `ε = 0, same summation order: ${zero} (twice the longest erf or tanh escape measured, α = ${c.longestEscape}).`,
      `ε = 0, unit 2's field summed in reverse order: ${round}.`,
      `Part B from w₁ = w₂ = 0 (second layer fixed at 1): ${zs}.`,
      `Linear in ln(1/ε): R² of the means ${fmt(s.erf.fit.r2, 5)} (erf), ${fmt(s.tanh.fit.r2, 5)} (tanh).`,
      `The ODE's unstable eigenvalue at the tied point: ${sd}.`,
      `Init scale s = 0.05, 0.5, 1.5 (mean ± standard error over six seeds' own lines): slopes ${pm(s.s005.seeds.slope)}, ${pm(s.erf.seeds.slope)}, ${pm(s.s15.seeds.slope)}; offsets ${pm(s.s005.seeds.offset)}, ${pm(s.erf.seeds.offset)}, ${pm(s.s15.seeds.offset)}.`,
      `Halving η: slope ${fmt(s.erf.fit.slope)} → ${fmt(s.eta.fit.slope)}, a factor ${fmt(s.eta.fit.slope / s.erf.fit.slope)}.`,
      `erf against tanh: slopes ${fmt(s.erf.fit.slope)} and ${fmt(s.tanh.fit.slope)}.`,
      `Plateau height as η halves from 1 to ${c.heights[c.heights.length - 1].eta}: ${c.heights.map((h) => fmt(h.height, 4)).join(', ')} → best tied ε* = ${fmt(c.bestClosed.eg, 6)} (closed form; compass search ${fmt(c.best.eg, 6)}).`,
    ];
    return {
      ...c,
      rows: c.heights,
      lines,
      alt: `Plateau height of the ODE's tied fixed point against η: ${c.heights.map((h) => `η = ${h.eta}: ${fmt(h.height, 4)}`).join(', ')}; it approaches the best tied error ε* = ${fmt(c.bestClosed.eg, 5)}. ${lines.join(' ')}`,
    };
  },
  draw({ heights, bestClosed, lines }, document, view) {
    const chart = plot(document, {
      width: view.width, height: view.width < 600 ? 240 : 260, marginLeft: 52,
      // η halves from point to point: on a log axis they stand evenly apart, each with room for its value (the inset: for the first's).
      x: logAxis('learning rate η', logExtent(heights.map((h) => h.eta)), { ticks: heights.map((h) => h.eta), tickFormat: (v: number) => fmt(v), insetLeft: 56, insetRight: 12 }),
      y: { label: 'plateau height ε_g (generalisation error)', grid: true, domain: [0.0095, 0.0225] },
      ariaLabel: 'Plateau height against η, approaching the best tied error',
      marks: [
        Plot.ruleY([bestClosed.eg], { stroke: palette[1], strokeDasharray: '6 4', strokeWidth: 2 }),
        Plot.line(heights, { x: 'eta', y: 'height', stroke: palette[0], strokeWidth: 2 }),
        Plot.dot(heights, { x: 'eta', y: 'height', fill: palette[0], r: 4 }),
        // Each value above-left of its dot, clear of the line rising to the right; ε* under its line, where nothing else is.
        labels([
          { text: `best tied student: ε* = ${fmt(bestClosed.eg, 5)}`, fx: 1, y: bestClosed.eg, anchor: 'end', dy: 14, fill: ink(1) },
          ...heights.map((h) => ({ text: fmt(h.height, 4), x: h.eta, y: h.height, anchor: 'end' as const, dx: -6, dy: -10 })),
        ]),
      ],
    });
    return stack(document, [chart, ...lines]);
  },
});
