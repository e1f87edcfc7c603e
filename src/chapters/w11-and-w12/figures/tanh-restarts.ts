import * as Plot from '@observablehq/plot';
import { curvature, withWeightDecay } from '../../../core/curvature.ts';
import { mlpModel, regressionData } from '../../../core/index.ts';
import { defineFigure } from '../../../figure/define.ts';
import { stack, table } from '../../../figure/dom.ts';
import { fmt, sci } from '../../../figure/format.ts';
import { labels } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { applySymmetry, closestRelabelling, descend, groupRestarts, maxOutputDiff, swapUnits, unitSymmetries, type Converged } from '../units.ts';

const data = regressionData({ n: 32, k: 2, teacher: 'tanh' });
const model = mlpModel(data, { d: 2, activation: 'tanh' });
const L = model.layout;
/** Step size of the full-batch descent: below 2 / (largest Hessian eigenvalue) at every end point (printed). */
const LR = 0.5;
/** A run stops when ‖∇J‖ falls below this… */
const TOL = 1e-8;
/** …or after this many steps, reported as "capped". The slowest default run needs about 60 000. */
const CAP = 100_000;
// Two end points are one minimum when their losses agree to 1e-8 relative and, after the best relabelling,
// their weights agree to 1e-3. With ‖∇J‖ < 1e-8 and the smallest curvature μ printed below (≥ 2e-4 at every
// default end point) a run ends within ‖∇J‖/μ ≈ 5e-5 of its minimum and within ‖∇J‖²/2μ ≈ 1e-12 of its
// loss, so both thresholds leave a wide margin, and both sit far below the gaps between distinct minima.
const LOSS_REL = 1e-8;
const WEIGHT_TOL = 1e-3;
const DECAYS = ['3e-4', '1e-3', '3e-3'] as const;
/** Equivalent copies of a point of a 2-unit tanh net: 2 swaps × 2² sign flips. */
const COPIES = unitSymmetries(L).length;

type View = 'trained' | 'swapped' | 'aligned';

/** Restart `seed` run to the tolerance on J = L + λ‖θ‖², with its curvature: memoised per (seed, λ). */
function run(seed: number, decay: string, memo: <T>(key: string, make: () => T) => T) {
  return memo(`tanh-restarts:run:${seed}:${decay}`, () => {
    const J = withWeightDecay(model, Number(decay));
    const r = descend(J, { seed, lr: LR, tol: TOL, cap: CAP });
    return { ...r, curv: curvature(J, r.params) };
  });
}

/** The measured summary of a list of finished restarts: what the charts, the table and the sentence show. */
function summarise(runs: (Converged & { curv: { min: number; max: number } })[], decay: string, view: View, noDecay: Converged) {
  const { groups, of, relabel } = groupRestarts(L, runs, { lossRel: LOSS_REL, weightTol: WEIGHT_TOL });
  // Restarts grouped by loss alone: equal to the groups above when equal loss means the same minimum.
  const lossReps: number[] = [];
  for (const r of runs) if (!lossReps.some((l) => Math.abs(r.loss - l) <= LOSS_REL * Math.abs(l))) lossReps.push(r.loss);
  const lossClasses = lossReps.length;
  const shown = runs.map((r, i) => (view === 'swapped' ? swapUnits(L, r.params, 0, 1) : view === 'aligned' ? applySymmetry(L, r.params, relabel[i]) : r.params));
  // The smallest distance between end points of different groups, after the best relabelling.
  let minGap: number | null = null;
  for (let a = 0; a < runs.length; a++) for (let b = a + 1; b < runs.length; b++) {
    if (of[a] === of[b]) continue;
    const d = closestRelabelling(L, runs[a].params, runs[b].params).distance;
    minGap = minGap === null ? d : Math.min(minGap, d);
  }
  // Relabelling changes the function only by the rounding of reordered sums.
  let relabelOut = 0;
  for (const r of runs) for (const g of unitSymmetries(L)) relabelOut = Math.max(relabelOut, maxOutputDiff(model, r.params, applySymmetry(L, r.params, g)));
  const lossRows = runs.map((r, i) => ({
    restart: r.seed, group: of[i] + 1, loss: r.loss, gradNorm: r.gradNorm, steps: r.steps, capped: r.capped, minEig: r.curv.min, maxEig: r.curv.max,
  }));
  const unitRows = shown.flatMap((p, i) => [0, 1].map((j) => ({ restart: runs[i].seed, group: of[i] + 1, unit: j + 1, w1: p[L.iW + j], w2: p[L.iW + L.d + j] })));
  const groupRows = groups.map((G, gi) => ({
    group: gi + 1,
    loss: G.loss,
    restarts: G.members.map((i) => runs[i].seed),
    spread: G.spread,
    maxGrad: Math.max(...G.members.map((i) => runs[i].gradNorm)),
    maxSteps: Math.max(...G.members.map((i) => runs[i].steps)),
    minEig: Math.min(...G.members.map((i) => runs[i].curv.min)),
    maxEig: Math.max(...G.members.map((i) => runs[i].curv.max)),
  }));
  // The loss chart's y range: the losses with a margin, so the dots and their labels clear the frame.
  const [lo, hi] = [Math.min(...runs.map((r) => r.loss)), Math.max(...runs.map((r) => r.loss))];
  const pad = Math.max(hi - lo, hi * 0.1) * 0.15;
  const capped = runs.filter((r) => r.capped).length;
  const diverged = runs.filter((r) => r.diverged).length;
  const count = runs.length;
  const maxGrad = Math.max(...runs.map((r) => r.gradNorm));
  const groupText = groupRows.map((G) => `J = ${G.loss.toPrecision(6)} (restart${G.restarts.length > 1 ? 's' : ''} ${G.restarts.join(', ')})`).join('; ');
  return {
    rows: lossRows.map((r) => ({ ...r, lambda: Number(decay) })),
    lossRows,
    unitRows,
    groupRows,
    lossDomain: [Math.max(0, lo - pad), hi + pad],
    view,
    decay: Number(decay),
    lr: LR,
    tolerance: TOL,
    cap: CAP,
    copies: COPIES,
    groupCount: groups.length,
    lossClasses,
    maxGrad,
    maxSteps: Math.max(...runs.map((r) => r.steps)),
    minEig: Math.min(...runs.map((r) => r.curv.min)),
    maxEig: Math.max(...runs.map((r) => r.curv.max)),
    best: groupRows[0].loss,
    worst: groupRows[groupRows.length - 1].loss,
    maxSpread: Math.max(...groupRows.map((G) => G.spread)),
    // Near a minimum ∇J ≈ H(θ − θ*), so ‖θ − θ*‖ ≤ ‖∇J‖ / μ_min < TOL / μ_min: how close every end point is to its minimum.
    endBound: TOL / Math.min(...runs.map((r) => r.curv.min)),
    // null until two restarts in different groups are done (a partial result may have none).
    minGap,
    relabelOut,
    noDecay: { seed: noDecay.seed, steps: noDecay.steps, gradNorm: noDecay.gradNorm, capped: noDecay.capped },
    alt: `${count} restarts of full-batch gradient descent (η = ${LR}) on the squared loss plus weight decay λ = ${decay}, each run until ‖∇J‖ < ${sci(TOL, 0)} ` +
      `(cap ${CAP} steps; ${capped} capped; largest final ‖∇J‖ ${sci(maxGrad)}). They end at ${groups.length} distinct minim${groups.length === 1 ? 'um' : 'a'}: ${groupText}. ` +
      `Within a group the end points agree to ${sci(Math.max(...groupRows.map((G) => G.spread)))} in weights after swapping or sign-flipping units` +
      `${minGap === null ? '' : `; distinct minima are at least ${fmt(minGap)} apart`}. Smallest Hessian eigenvalue at any end point ${sci(Math.min(...runs.map((r) => r.curv.min)))} > 0: each is a minimum.` +
      `${view === 'swapped' ? ' Hidden units shown swapped.' : view === 'aligned' ? ' Units shown relabelled towards the first restart of their group.' : ''}`,
    note: capped || diverged
      ? `${capped ? `${capped} restart(s) reached the cap of ${CAP} steps with ‖∇J‖ still ≥ ${sci(TOL, 0)}: their loss is not final. ` : ''}` +
        `${diverged ? `${diverged} restart(s) diverged; their last finite state is shown.` : ''}`.trim()
      : undefined,
  };
}

/** N seeded restarts run to a gradient tolerance: which reach the same minimum (up to swaps and sign flips) and which do not. */
export default defineFigure({
  code: ['chapters/w11-and-w12/units.ts#descend', 'core/curvature.ts#withWeightDecay', 'chapters/w11-and-w12/units.ts#groupRestarts',
    'chapters/w11-and-w12/units.ts#applySymmetry'],
  controls: {
    count: { kind: 'range', label: 'Restarts N', min: 2, max: 16, step: 1, value: 8, integer: true },
    decay: { kind: 'select', label: 'Weight decay λ', value: '3e-4', options: DECAYS.map((v) => ({ value: v, label: `λ = ${v}` })) },
    view: { kind: 'select', label: 'Show the units', value: 'trained', options: [
      { value: 'trained', label: 'as trained' },
      { value: 'swapped', label: 'with units 1 and 2 swapped' },
      { value: 'aligned', label: 'relabelled (swap, sign flips) towards their group’s first restart' }] },
  },
  worker: true,
  // An edited cell may run this long in the sandbox: about 35 s in QuickJS on a dev machine (native 0.9 s); it streams progress.
  cell: { limit: 180_000 },
  compute({ count, decay, view }, ctx) {
    // Gradient descent on the loss without decay, restart 1, same η and cap: the reference for "does not settle".
    const noDecay = ctx.memo('tanh-restarts:no-decay', () => descend(model, { seed: 1, lr: LR, tol: TOL, cap: CAP }));
    const runs: ReturnType<typeof run>[] = [];
    for (let seed = 1; seed <= count; seed++) {
      // Each restart is memoised per (seed, λ): adding a restart or changing the view trains nothing new.
      runs.push(run(seed, decay, ctx.memo));
      ctx.progress(seed / count, () => summarise(runs, decay, view as View, noDecay));
    }
    return summarise(runs, decay, view as View, noDecay);
  },
  draw({ lossRows, unitRows, groupRows, lossDomain, view, decay, tolerance, cap, maxGrad, minGap, relabelOut, copies }, document, { width }) {
    const colour = (g: number) => palette[(g - 1) % palette.length];
    const text = (g: number) => ink((g - 1) % palette.length);
    const narrow = width < 600;
    const seeds = lossRows.map((r) => r.restart);
    // One label per minimum, at its loss, in an empty column right of the last restart (a label on every
    // point was unreadable at 16 restarts, and one beside a point can hide the next): 32 px of columns.
    const [marginLeft, marginRight] = [64, 16];
    const spare = (32 * seeds.length) / (width - marginLeft - marginRight - 32);
    const top = plot(document, {
      width, height: narrow ? 220 : 240, marginLeft, marginRight,
      ariaLabel: `Final penalised loss of ${lossRows.length} restarts, coloured by the minimum each reached`,
      // Linear, not a point scale, so that labels() can place by value; on a phone every other seed is ticked
      // once there are too many for the width.
      x: { label: 'restart (seed of the random start)', domain: [0.5, seeds.length + 0.5 + spare], ticks: narrow && seeds.length > 10 ? seeds.filter((s) => s % 2 === 1) : seeds, tickFormat: 'd' },
      y: { label: `final J = L + ${decay}·‖θ‖² (squared error)`, grid: true, domain: lossDomain },
      marks: [
        Plot.dot(lossRows, { x: 'restart', y: 'loss', fill: (r) => colour(r.group), r: 5, title: (r) => `restart ${r.restart}: M${r.group}, J = ${r.loss.toPrecision(8)}` }),
        labels(groupRows.map((G) => ({ text: `M${G.group}`, x: seeds.length + 0.5 + spare / 2, y: G.loss, anchor: 'middle', fill: text(G.group) }))),
      ],
    });
    const firstUnit = groupRows.map((G) => ({ group: G.group, unit: unitRows.find((u) => u.restart === G.restarts[0] && u.unit === 1)! }));
    // A label near the right edge goes left of its point, where it has room.
    const [left, right] = [Math.min(...unitRows.map((u) => u.w1)), Math.max(...unitRows.map((u) => u.w1))];
    const side = (w: number) => (w > right - 0.15 * (right - left) ? { anchor: 'end' as const, dx: -9 } : { anchor: 'start' as const, dx: 9 });
    const bottom = plot(document, {
      width, height: narrow ? 300 : 340, marginLeft: 56, marginRight: 16,
      ariaLabel: 'Incoming weights of hidden units 1 and 2 at the end of every restart',
      x: { label: 'weight W₁ⱼ from input 1 to unit j', grid: true, inset: 10 }, y: { label: 'weight W₂ⱼ from input 2 to unit j', grid: true, inset: 10 },
      symbol: { domain: [1, 2], range: ['circle', 'triangle'] },
      marks: [
        Plot.link(lossRows.map((_, i) => i), { x1: (i) => unitRows[2 * i].w1, y1: (i) => unitRows[2 * i].w2,
          x2: (i) => unitRows[2 * i + 1].w1, y2: (i) => unitRows[2 * i + 1].w2, strokeOpacity: 0.25 }),
        Plot.dot(unitRows, { x: 'w1', y: 'w2', symbol: 'unit', stroke: (r) => colour(r.group), r: 5, strokeWidth: 1.5,
          title: (r) => `restart ${r.restart}, unit ${r.unit} (M${r.group})` }),
        labels(firstUnit.map(({ group, unit }) => ({ text: `M${group}`, x: unit.w1, y: unit.w2, ...side(unit.w1), fill: text(group) }))),
      ],
    });
    const tbl = table(document, {
      head: ['minimum', 'J at the end', 'restarts', 'steps (most)', 'final ‖∇J‖ (largest)', 'Hessian eigenvalues', 'spread after relabelling'],
      rows: groupRows.map((G) => [`M${G.group}`, G.loss.toPrecision(8), G.restarts.map((r) => `#${r}`).join(', '), G.maxSteps, sci(G.maxGrad),
        `${sci(G.minEig)} … ${fmt(G.maxEig)}`, G.spread === 0 ? '—' : sci(G.spread)]),
      rowHeads: true,
    });
    tbl.setAttribute('style', 'font-size: 0.9em; font-variant-numeric: tabular-nums');
    const shownAs = view === 'swapped' ? 'Units are shown swapped: the points trade symbols, the losses do not move. '
      : view === 'aligned' ? 'Each restart is shown relabelled (units swapped and/or sign-flipped) towards the first restart of its group: the points of one group land on top of each other. '
        : '';
    return stack(document, [top, tbl, bottom,
      `Every run stopped with ‖∇J‖ below ${sci(tolerance, 0)} (cap ${cap} steps; largest final ‖∇J‖ ${sci(maxGrad)}). ` +
      `Restarts are grouped as one minimum when their losses agree to 1e-8 relative and their weights to 1e-3 after the best of the ${copies} relabellings; ` +
      `${minGap === null ? 'all reached the same minimum' : `different minima are at least ${fmt(minGap)} apart`}. Circles are unit 1, triangles unit 2, colours the minimum (labelled at its first restart's unit 1); a thin line joins the two units of one restart. ` +
      `${shownAs}Relabelling changes the network's outputs by at most ${sci(relabelOut)} (rounding).`]);
  },
});
