import * as Plot from '@observablehq/plot';
import { checkParams } from '../../../figure/parse.ts';
import { logAxis } from '../../../figure/axes.ts';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { fmt, sci } from '../../../figure/format.ts';
import { labels } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import type { Fit } from '../fit.ts';
import { sweepNet, usable, WIDTHS, widthPairs } from '../sweep.ts';

type Pair = ReturnType<typeof widthPairs>[number];

/** The median of a list (null when empty). */
export function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** The first width from which on every width has pairs and matching lowered every pair's barrier (null if none). */
function lowersFrom(byWidth: { M: number; pairs: number; lowered: number }[]): number | null {
  let from: number | null = null;
  for (const b of byWidth) from = b.pairs > 0 && b.lowered === b.pairs ? (from ?? b.M) : null;
  return from;
}

/** Per width: median barrier before and after matching, and the median loss at the ends, from the pairs done so far. */
function summarise(pairs: Pair[], nets: { M: number; fit: Fit }[], shown: number, act: string, count: number, steps: number) {
  const byWidth = WIDTHS.map((M) => {
    const at = pairs.filter((p) => p.M === M);
    const ends = nets.filter((n) => n.M === M && usable(n.fit));
    return {
      M, pairs: at.length,
      before: median(at.map((p) => p.barrierBefore.mean)), after: median(at.map((p) => p.barrierAfter.mean)),
      // Weight matching minimises the weights' distance, not the barrier: it can raise it, or keep b's order and change nothing.
      raised: at.filter((p) => p.barrierAfter.mean > p.barrierBefore.mean).length,
      lowered: at.filter((p) => p.barrierAfter.mean < p.barrierBefore.mean).length,
      kept: at.filter((p) => p.identity).length,
      endLoss: median(ends.map((n) => n.fit.loss)), gradNorm: median(ends.map((n) => n.fit.gradNorm)),
    };
  });
  const dots = pairs.flatMap((p) => [
    { M: p.M, when: 'before matching', barrier: p.barrierBefore.mean },
    { M: p.M, when: 'after matching', barrier: p.barrierAfter.mean },
  ]);
  const paths = pairs.filter((p) => p.M === shown).flatMap((p) => [
    ...p.before.map((r) => ({ pair: `${p.a}–${p.b} before`, when: 'before', t: r.t, loss: r.loss })),
    ...p.after.map((r) => ({ pair: `${p.a}–${p.b} after`, when: 'after', t: r.t, loss: r.loss })),
  ]);
  const failed = nets.filter((n) => !usable(n.fit)).length;
  const done = byWidth.filter((b) => b.before !== null);
  const text = done.map((b) => `M = ${b.M}: ${fmt(b.before!)} → ${fmt(b.after!)} (end loss ${fmt(b.endLoss!)}; matching raised it in ${b.raised} of ${b.pairs} pairs)`).join('; ');
  return {
    rows: pairs.map((p) => ({ M: p.M, netA: p.a, netB: p.b, lossA: p.lossA, lossB: p.lossB, barrierBefore: p.barrierBefore.mean, barrierAfter: p.barrierAfter.mean,
      chordBefore: p.barrierBefore.chord, chordAfter: p.barrierAfter.chord, matchingKeptOrder: p.identity })),
    byWidth, dots, paths, shown, act,
    /** The median barrier after matching at the widest width over that at the narrowest, and over the widest's before matching. */
    shrink: done.length === WIDTHS.length ? done[done.length - 1].after! / done[0].after! : null,
    shrinkBefore: done.length === WIDTHS.length ? done[done.length - 1].after! / done[done.length - 1].before! : null,
    /** The narrowest width from which on (at it and every wider one) matching lowered the barrier of every pair; null if none. */
    lowersFrom: lowersFrom(byWidth),
    widths: [...WIDTHS], count, steps,
    alt: `${count} ${act} nets per width, trained by full-batch Adam for ${steps} steps, all ${(count * (count - 1)) / 2} pairs per width: ` +
      `median barrier (highest MSE on the straight path minus the mean of its ends), before → after matching units: ${text || 'none yet'}. Below: the paths at M = ${shown}.`,
    note: failed ? `${failed} net(s) diverged or ended with a non-finite loss; pairs with them are left out. Lower the learning rate.` : undefined,
  };
}

/** The figure's controls, also the bounds its compute checks its parameters against. */
const controls = {
  count: { kind: 'range', label: 'Nets per width', min: 2, max: 6, step: 1, value: 4, integer: true },
  act: { kind: 'select', label: 'Activation σ', value: 'relu', options: [{ value: 'relu', label: 'ReLU' }, { value: 'tanh', label: 'tanh' }] },
  steps: { kind: 'range', label: 'Adam steps', min: 100, max: 4000, step: 100, value: 1000, integer: true },
  lr: { kind: 'range', label: 'Adam rate', min: -3, max: 0, step: 0.5, value: 0.01, log: true },
  shown: { kind: 'select', label: 'Paths at width', value: '256', options: WIDTHS.map((M) => ({ value: String(M), label: `M = ${M}` })) },
} as const;

/** The loss barrier on the straight line between two trained nets, before and after matching their units, against width. */
export default defineFigure({
  code: ['chapters/many-minima/barrier.ts#barrier', 'chapters/many-minima/barrier.ts#barrierPair', 'chapters/many-minima/match.ts#matchUnits'],
  controls,
  worker: true,
  // About 90 s in QuickJS at the defaults (native about 0.7 s: QuickJS has no JIT for the training loops); it reports progress after every net.
  cell: { limit: 600_000 },
  compute({ count, act, steps, lr, shown }, ctx) {
    // Out of range (a cell, an address): a message, not a long run or a chart of NaN.
    checkParams(controls, { count, act, steps, lr, shown });
    const nets: { M: number; seed: number; fit: Fit }[] = [];
    const pairs: Pair[] = [];
    const total = WIDTHS.length * count;
    for (const M of WIDTHS) {
      const here: typeof nets = [];
      for (let seed = 1; seed <= count; seed++) {
        const fit = ctx.memo(`minima-barrier:${act}:${M}:${seed}:${steps}:${lr}`, () => sweepNet(M, act, seed, steps, lr));
        here.push({ M, seed, fit });
        nets.push({ M, seed, fit });
        ctx.progress(nets.length / total, () => summarise(pairs, nets, Number(shown), act, count, steps));
      }
      // Memoised too: choosing which width's paths to draw retrains and rematches nothing.
      pairs.push(...ctx.memo(`minima-barrier:pairs:${act}:${M}:${count}:${steps}:${lr}`, () => widthPairs(M, act, here)));
    }
    return summarise(pairs, nets, Number(shown), act, count, steps);
  },
  draw(d, document, view) {
    const narrow = view.width < 600;
    const pos = d.dots.filter((r) => r.barrier > 0);
    const lo = Math.min(1e-3, ...pos.map((r) => r.barrier));
    const hi = Math.max(1, ...pos.map((r) => r.barrier));
    const colour = (when: string) => (when.startsWith('before') ? palette[1] : palette[0]);
    const top = plot(document, {
      width: view.width, height: narrow ? 260 : 300, marginLeft: 56, marginRight: 16,
      ariaLabel: 'Barrier on the straight path between two nets against width, before and after matching units',
      // Log₂ M on a linear axis: Plot's log axis leaves the 64 tick without its text.
      x: { label: 'hidden units M (log scale)', domain: [Math.log2(WIDTHS[0]), Math.log2(WIDTHS[WIDTHS.length - 1])], ticks: WIDTHS.map(Math.log2), tickFormat: (v: number) => String(2 ** v), inset: 16 },
      y: logAxis('barrier (MSE above the ends’ mean)', [lo, hi], { grid: true }),
      marks: [
        // Before a little left of its width, after a little right, so the two sets of dots stay apart.
        Plot.dot(pos, { x: (r) => Math.log2(r.M) + (r.when.startsWith('before') ? -0.06 : 0.06), y: 'barrier', stroke: (r) => colour(r.when), r: 3.5 }),
        ...(['before', 'after'] as const).map((w) => Plot.line(d.byWidth.filter((b) => b[w] !== null && b[w]! > 0), { x: (b) => Math.log2(b.M), y: w, stroke: colour(w), strokeWidth: 2 })),
        labels([
          // Bottom left: below the narrow nets' barriers, which are the largest after matching.
          { text: 'before matching (median)', fx: 0, fy: 1, anchor: 'start', dx: 4, dy: -26, fill: ink(1) },
          { text: 'after matching (median)', fx: 0, fy: 1, anchor: 'start', dx: 4, dy: -8, fill: ink(0) },
        ]),
      ],
    });
    const finite = d.paths.filter((r) => Number.isFinite(r.loss) && r.loss > 0);
    const bottom = plot(document, {
      width: view.width, height: narrow ? 220 : 240, marginLeft: 56, marginRight: 16,
      ariaLabel: `Training loss along the straight path between pairs of ${d.shown}-unit nets`,
      x: { label: `t: (1 − t)·θ_A + t·θ_B, M = ${d.shown}`, domain: [0, 1] },
      y: logAxis('training MSE', [Math.min(...finite.map((r) => r.loss), 1e-4), Math.max(...finite.map((r) => r.loss), 1)], { grid: true }),
      marks: [Plot.line(finite, { x: 't', y: 'loss', z: 'pair', stroke: (r) => colour(r.when), strokeOpacity: 0.8 })],
    });
    const table = d.byWidth.map((b) => `M = ${b.M}: ${b.before === null ? '—' : fmt(b.before)} → ${b.after === null ? '—' : fmt(b.after)}, raised in ${b.raised} and unchanged in ${b.kept} of ${b.pairs} pairs, ends at ${b.endLoss === null ? '—' : fmt(b.endLoss)} (‖∇L‖ ${b.gradNorm === null ? '—' : sci(b.gradNorm)})`).join('; ');
    return stack(document, [top, bottom, `Median barrier before → after matching; the pairs where matching raised the barrier, and where it kept the order (unchanged); the median training loss and gradient norm at the ends: ${table}. ` +
      'Matching minimises the distance between the weights, not the barrier, so it need not lower it.']);
  },
});
