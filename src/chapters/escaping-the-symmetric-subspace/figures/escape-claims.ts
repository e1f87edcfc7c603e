import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { escapeClaims } from '../claims.ts';

/** The chapter's claims, each with the number its runs measured: plateau height against η, and the checks in words. */
export default defineFigure({
  code: ['chapters/escaping-the-symmetric-subspace/claims.ts#escapeClaims', 'chapters/escaping-the-symmetric-subspace/overlap-ode.ts#bestTied', 'chapters/escaping-the-symmetric-subspace/overlap-ode.ts#plateauHeight'],
  controls: {},
  compute(_params, ctx) {
    const c = escapeClaims(ctx.memo);
    const s = c.summaries;
    const zero = c.zeroRun.map((z) => `${z.activation}: equal through α = ${z.identicalThrough} of ${z.alphas}`).join('; ');
    const lines = [
      `ε = 0: ${zero} (twice the longest escape measured, α = ${c.longestEscape}).`,
      `Linear in ln(1/ε): R² of the means ${fmt(s.erf.fit.r2, 5)} (erf), ${fmt(s.tanh.fit.r2, 5)} (tanh).`,
      `Init scale s = 0.05, 0.5, 1.5: slopes ${fmt(s.s005.fit.slope)}, ${fmt(s.erf.fit.slope)}, ${fmt(s.s15.fit.slope)}; offsets ${fmt(s.s005.fit.intercept)}, ${fmt(s.erf.fit.intercept)}, ${fmt(s.s15.fit.intercept)}.`,
      `Halving η: slope ${fmt(s.erf.fit.slope)} → ${fmt(s.eta.fit.slope)}, a factor ${fmt(s.eta.fit.slope / s.erf.fit.slope)}.`,
      `erf against tanh: slopes ${fmt(s.erf.fit.slope)} and ${fmt(s.tanh.fit.slope)}.`,
      `Plateau height as η halves from 1 to ${c.heights[c.heights.length - 1].eta}: ${c.heights.map((h) => fmt(h.height, 4)).join(', ')} → best tied ε* = ${fmt(c.best.eg, 6)} at R = ${fmt(c.best.r1, 6)}, Q = ${fmt(2 * c.best.r1 ** 2 + c.best.qPerp, 6)}.`,
    ];
    return {
      ...c,
      rows: c.heights,
      lines,
      alt: `Plateau height of the ODE's tied fixed point against η: ${c.heights.map((h) => `η = ${h.eta}: ${fmt(h.height, 4)}`).join(', ')}; it approaches the best tied error ε* = ${fmt(c.best.eg, 5)}. ${lines.join(' ')}`,
    };
  },
  draw({ heights, best, lines }, document) {
    const chart = plot(document, {
      width: 640, height: 240, marginLeft: 64, x: { label: 'learning rate η', domain: [0, 1.05] }, y: { label: 'plateau height ε_g', grid: true, domain: [0.0105, 0.0215] },
      ariaLabel: 'Plateau height against η, approaching the best tied error',
      marks: [
        Plot.ruleY([best.eg], { stroke: palette[1], strokeDasharray: '6 4', strokeWidth: 2 }),
        Plot.text([`best tied student: ε* = ${fmt(best.eg, 5)}`], { x: 1.0, y: best.eg, text: (d: string) => d, dy: -8, textAnchor: 'end', fill: palette[1] }),
        Plot.line(heights, { x: 'eta', y: 'height', stroke: palette[0], strokeWidth: 2 }),
        Plot.dot(heights, { x: 'eta', y: 'height', fill: palette[0], r: 4 }),
        Plot.text(heights, { x: 'eta', y: 'height', text: (d) => fmt(d.height, 4), dx: 6, dy: -8, textAnchor: 'start' }),
      ],
    });
    return stack(document, [chart, ...lines]);
  },
});
