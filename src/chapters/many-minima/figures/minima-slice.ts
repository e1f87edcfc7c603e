import * as Plot from '@observablehq/plot';
import { checkParams } from '../../../figure/parse.ts';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { fmt, sci } from '../../../figure/format.ts';
import { labels } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { functionGap } from '../fit.ts';
import { sliceSetup, slicePlane } from '../slice.ts';

/** Grid points per side: 41² losses of a 40-example, 2-unit net take a few ms. */
const GRID = 41;

/** The figure's controls, also the bounds its compute checks its parameters against. */
const controls = {
  seed: { kind: 'range', label: 'Trained minimum (seed of its start)', min: 1, max: 12, step: 1, value: 1, integer: true },
  offset: { kind: 'range', label: 'Move the slice along a mirror-even direction (× ‖θ − θₛ‖)', min: -0.5, max: 0.5, step: 0.05, value: 0 },
  span: { kind: 'range', label: 'Zoom out', min: 1.2, max: 3, step: 0.1, value: 1.5 },
} as const;

/** The loss on the plane through a trained 2-unit minimum, its mirror copy (units swapped) and the tied saddle. */
export default defineFigure({
  code: ['chapters/many-minima/slice.ts#slicePlane', 'chapters/many-minima/slice.ts#tiedPoint'],
  controls,
  // A cold compute trains a one- and a two-unit net (native 40–110 ms, about 1.4 s in QuickJS): an edited cell may take this long.
  cell: { limit: 15_000 },
  compute({ seed, offset, span }, ctx) {
    // Out of range (a cell, an address): a message, not a long run or a chart of NaN.
    checkParams(controls, { seed, offset, span });
    const s = ctx.memo(`minima-slice:${seed}`, () => sliceSetup(seed));
    const pl = slicePlane(s, { offset, span, n: GRID });
    const finite = pl.values.filter(Number.isFinite);
    // Six digits are plenty for contours, and they keep mirror points equal in engines whose tanh or log rounds differently.
    const log = pl.values.map((v) => (Number.isFinite(v) ? +Math.log10(v).toPrecision(6) : NaN));
    const dropped = pl.values.length - finite.length;
    const minEig = s.eigenvalues[6];
    const zeroEig = s.eigenvalues[5];
    const copyGap = functionGap(2, 'tanh', s.min.params, s.mirror);
    // The arrow along the unstable direction, drawn a fifth of the way to the copies.
    const arrowLen = 0.2 * Math.hypot(pl.alpha, pl.beta) / Math.max(1e-12, Math.hypot(pl.unstable.x, pl.unstable.y));
    const rows = pl.values.map((loss, i) => ({ x: -pl.x1 + (2 * pl.x1 * (i % GRID)) / (GRID - 1), y: pl.y2 - ((pl.y2 - pl.y1) * Math.floor(i / GRID)) / (GRID - 1), loss }));
    return {
      rows,
      log,
      grid: GRID,
      box: { x1: -pl.x1, x2: pl.x1, y1: pl.y1, y2: pl.y2 },
      copies: [{ x: pl.alpha, y: pl.beta, name: 'θ (trained)' }, { x: -pl.alpha, y: pl.beta, name: 'πθ (units swapped)' }],
      offset,
      arrow: { x: pl.unstable.x * arrowLen, y: pl.unstable.y * arrowLen },
      /** How much of the unstable eigenvector lies in the plane (1 = all of it). */
      unstableInPlane: Math.hypot(pl.unstable.x, pl.unstable.y),
      lineInPlane: Math.hypot(pl.line.x, pl.line.y),
      minLoss: s.min.loss,
      minGrad: s.min.gradNorm,
      /** The smallest Hessian eigenvalue at θ: positive at a strict minimum. */
      thetaEig: s.minEigTheta,
      tiedLoss: s.tiedLoss,
      tiedGrad: s.tiedGrad,
      minEig,
      zeroEig,
      lineCurvature: s.lineCurvature,
      copyGap,
      alt: `Loss (log scale) on the plane through a trained two-unit tanh minimum θ (loss ${fmt(s.min.loss, 4)}, ‖∇L‖ ${sci(s.min.gradNorm)}, smallest Hessian eigenvalue ${sci(s.minEigTheta)}), its mirror copy πθ with the units swapped ` +
        `(same function to ${sci(copyGap)}) and the tied critical point θₛ (loss ${fmt(s.tiedLoss, 4)}, ‖∇L‖ ${sci(s.tiedGrad)}) on the mirror line x = 0. ` +
        `The Hessian at θₛ has smallest eigenvalue ${sci(minEig)} (a saddle) and one of ${sci(zeroEig)} along the line of critical points v₁ + v₂ = const; ` +
        `${fmt(Math.hypot(pl.unstable.x, pl.unstable.y))} of the unstable direction lies in this plane.${offset !== 0 ? ` The plane is moved ${offset} × ‖θ − θₛ‖ off the three points.` : ''}`,
      note: [dropped ? `${dropped} grid points had a non-finite loss and are left blank.` : '',
        s.minEigTheta > 0 ? '' : `θ is not a strict minimum here (smallest Hessian eigenvalue ${sci(s.minEigTheta)}).`].filter(Boolean).join(' ') || undefined,
    };
  },
  draw(d, document, view) {
    const narrow = view.width < 600;
    const height = narrow ? 320 : 420;
    const onPlane = d.offset === 0;
    const chart = plot(document, {
      width: view.width, height, marginLeft: 56, marginRight: 16,
      ariaLabel: 'Contours of the log loss on a plane through two mirror copies of a minimum and the tied saddle between them',
      x: { label: 'across the mirror (swap-odd direction e₁)', domain: [d.box.x1, d.box.x2] },
      y: { label: 'along the mirror (swap-even direction e₂)', domain: [d.box.y1, d.box.y2] },
      color: { type: 'linear', scheme: 'viridis', label: 'log₁₀ loss', legend: false },
      marks: [
        Plot.contour(d.log, { width: d.grid, height: d.grid, x1: d.box.x1, x2: d.box.x2, y1: d.box.y2, y2: d.box.y1, fill: (v: number) => v, thresholds: 18, stroke: 'currentColor', strokeOpacity: 0.15 }),
        Plot.ruleX([0], { stroke: 'currentColor', strokeDasharray: '6 4', strokeWidth: 1.5 }),
        onPlane ? Plot.arrow([d.arrow], { x1: 0, y1: 0, x2: 'x', y2: 'y', stroke: palette[3], strokeWidth: 2.5 }) : null,
        onPlane ? Plot.dot([{ x: 0, y: 0 }], { x: 'x', y: 'y', r: 6, fill: palette[3], stroke: 'white' }) : null,
        onPlane ? Plot.dot(d.copies, { x: 'x', y: 'y', r: 6, fill: 'white', stroke: 'black', strokeWidth: 2 }) : null,
        labels([
          { text: 'mirror: tied units', x: 0, fy: 0, anchor: 'start', dx: 6, dy: 10 },
          ...(onPlane ? [
            { text: 'θₛ saddle', x: 0, y: 0, anchor: 'end' as const, dx: -10, dy: 14, fill: ink(3) },
            ...d.copies.map((c) => ({ text: c.name, x: c.x, y: c.y, anchor: c.x > 0 ? 'end' as const : 'start' as const, dx: c.x > 0 ? -10 : 10, dy: -14 })),
          ] : []),
        ]),
      ],
    });
    return stack(document, [chart,
      `Colour: log₁₀ of the mean squared error, light is high. ${onPlane ? 'White dots: the two copies; red: the tied saddle and its unstable direction (the part of it in this plane).' : 'The plane no longer holds the copies or the saddle; it stays symmetric about the mirror.'} ` +
      `Both copies compute the same function to ${sci(d.copyGap)}; at the saddle the Hessian's eigenvalues include ${sci(d.minEig)} (downhill, across the mirror) and ${sci(d.zeroEig)} (the flat line v₁ + v₂ = const).`]);
  },
});
