import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { row, stack, table } from '../../../figure/dom.ts';
import { fmt, sci } from '../../../figure/format.ts';
import { palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { checkParams } from '../../../figure/parse.ts';
import { isOdd, log10Factorial } from '../group.ts';
import { imbalance } from '../kinks.ts';
import { DECAY, FLAT, groupRestarts, restart, RESTART_FIT, RESTART_SETUP, restartModel, restartsNote, SAME_FUNCTION, type RestartAct, type Run } from '../restarts.ts';

/** The figure's controls, also the bounds its compute checks its parameters against. */
const controls = {
  count: { kind: 'range', label: 'Restarts R', min: 2, max: 16, step: 1, value: 8, integer: true },
  M: { kind: 'range', label: 'Hidden units M', min: 2, max: 6, step: 1, value: 4, integer: true },
  act: { kind: 'select', label: 'Activation σ', value: 'tanh', options: [{ value: 'tanh', label: 'tanh' }, { value: 'erf', label: 'erf(z/√2)' }, { value: 'relu', label: 'ReLU' }] },
  seed: { kind: 'range', label: 'First seed', min: 1, max: 100, step: 1, value: 1, integer: true },
  steps: { kind: 'range', label: 'Adam steps before Newton', min: 200, max: 6000, step: 100, value: 3000, integer: true },
} as const;

/** 10^x as text: exact below a million, else a mantissa and a power of ten. */
function bigCount(log10: number): string {
  if (log10 < 6) return String(Math.round(10 ** log10));
  const e = Math.floor(log10);
  return `${(10 ** (log10 - e)).toFixed(2)}×10^${e}`;
}

/** What the charts, the table and the prose show for a list of finished restarts. */
function summarise(M: number, act: RestartAct, seed0: number, runs: Run[]) {
  const { groups, of, matched, copies, apart } = groupRestarts(M, act, runs);
  // Parameter q of each restart, in core's layout: w₁…w_M, b₁…b_M, v₁…v_M, c.
  const params = (p: ArrayLike<number>, i: number) => Array.from(p, (value, q) => ({ restart: seed0 + i, group: of[i] + 1, q, value }));
  const raw = runs.flatMap((r, i) => params(r.params, i));
  const aligned = matched.flatMap((m, i) => params(m.params, i));
  const rows = runs.map((r, i) => ({
    restart: seed0 + i, group: of[i] + 1, J: r.loss, gradNorm: r.gradNorm, steps: r.steps, capped: r.capped, diverged: r.diverged, minEig: r.minEig,
    rawDistance: matched[i].raw, matchedDistance: matched[i].distance, functionGap: matched[i].gap, log10Copies: copies[i].log10,
    kinksOnInputs: r.pinned, imbalance: Math.max(...imbalance(restartModel(M, act).layout, r.params).map(Math.abs)),
  }));
  // The discrete group: 2^M·M! with sign flips (odd σ), M! for ReLU (whose rescalings the decay fixes, below).
  const full = (isOdd(act) ? M * Math.log10(2) : 0) + log10Factorial(M);
  const fewer = copies.filter((c) => c.log10 < full - 1e-9).length;
  const capped = runs.filter((r) => r.capped).length;
  const maxGrad = Math.max(...runs.map((r) => r.gradNorm));
  const sameRaw = Math.max(0, ...rows.filter((r, i) => groups[of[i]].lead !== i).map((r) => r.rawDistance));
  return {
    rows, raw, aligned, M, act, count: runs.length,
    /** The setup the prose quotes: decay, tolerance, the same-function threshold, the training set and the test grid. */
    setup: RESTART_SETUP,
    /** Largest |‖(w_j, b_j)‖ − |v_j|| over every unit of every restart: 0 at a minimum of J for ReLU, no rule for odd σ. */
    maxImbalance: Math.max(...rows.map((r) => r.imbalance)),
    /** Restarts whose minimum holds a ReLU kink exactly on a training input (0 for smooth σ). */
    withKinks: runs.filter((r) => r.pinned > 0).length,
    groups: groups.map((G, g) => ({ group: g + 1, loss: G.loss, restarts: G.members.map((i) => seed0 + i), gap: G.gap, distance: G.distance })),
    groupCount: groups.length,
    maxGrad,
    minEig: Math.min(...runs.map((r) => r.minEig)),
    /** End points whose smallest Hessian eigenvalue is zero to rounding: J is flat there in some direction, not a strict minimum. */
    flat: runs.filter((r) => Math.abs(r.minEig) < FLAT).length,
    /** The largest raw (unmatched) distance between a restart and its group's lead, and the largest after matching. */
    sameRaw,
    sameMatched: Math.max(...groups.map((G) => G.distance)),
    sameGap: Math.max(...groups.map((G) => G.gap)),
    apart: Number.isFinite(apart) ? apart : null,
    fullCopies: bigCount(full), fullLog10: full, fewer,
    /** The group's order as a number (at most 46 080 for the widths offered). */
    copiesNumber: Math.round(10 ** full),
    best: groups[0].loss, worst: groups[groups.length - 1].loss,
    alt: `${runs.length} restarts (seeds ${seed0}–${seed0 + runs.length - 1}) of a ${M}-unit ${act} net on J = L + ${DECAY}‖θ‖², each run to ‖∇J‖ < ${sci(RESTART_FIT.tol, 0)} ` +
      `(largest final ‖∇J‖ ${sci(maxGrad)}, ${capped} short of it). As trained, restarts of one minimum are up to ${fmt(sameRaw)} apart in weights; ` +
      `after the canonical form and matching, ${sci(Math.max(...groups.map((G) => G.distance)))}. They reach ${groups.length} distinct function${groups.length === 1 ? '' : 's'}: ` +
      `${groups.map((G, g) => `M${g + 1} J = ${G.loss.toPrecision(6)} (${G.members.length})`).join('; ')}. Each end point's orbit under the group has ${bigCount(full)} copies of it${fewer ? ` (fewer for ${fewer} runs with coinciding or zero units, whose functions are then also computed by a continuum of other weights)` : ''}.`,
    note: restartsNote(runs),
  };
}

/** R restarts of an M-unit net: raw weights, then canonical and matched; which are one network up to the group. */
export default defineFigure({
  code: ['chapters/many-minima/group.ts#canonical', 'chapters/many-minima/match.ts#matchUnits', 'chapters/many-minima/restarts.ts#groupRestarts'],
  controls,
  worker: true,
  // About 20 s in QuickJS at the defaults (native 0.5 s); an edited cell may run this long, and it reports progress.
  cell: { limit: 200_000 },
  compute({ count, M, act, seed, steps }, ctx) {
    // Out of range (a cell, an address): a message, not a long run or a chart of NaN.
    checkParams(controls, { count, M, act, seed, steps });
    const runs: Run[] = [];
    for (let i = 0; i < count; i++) {
      runs.push(ctx.memo(`minima-restarts:${M}:${act}:${seed + i}:${steps}`, () => restart(M, act, seed + i, steps)));
      ctx.progress((i + 1) / count, () => summarise(M, act, seed, runs));
    }
    return summarise(M, act, seed, runs);
  },
  draw(d, document, view) {
    const narrow = view.width < 600;
    const w = narrow ? view.width : Math.floor((view.width - 16) / 2);
    const colour = (g: number) => palette[(g - 1) % palette.length];
    const all = [...d.raw, ...d.aligned];
    const P = 3 * d.M + 1;
    const sub = (j: number) => String.fromCharCode(0x2080 + j);
    const names = [...['w', 'b', 'v'].flatMap((n) => Array.from({ length: d.M }, (_, j) => `${n}${sub(j + 1)}`)), 'c'];
    const [lo, hi] = [Math.min(...all.map((u) => u.value)), Math.max(...all.map((u) => u.value))];
    const panel = (params: typeof d.raw, title: string) => plot(document, {
      width: w, height: narrow ? 240 : 280, marginLeft: 44, marginRight: 12,
      ariaLabel: `Every restart's parameters, ${title}, one line per restart`,
      x: { label: `parameter (${title})`, domain: [-0.5, P - 0.5], ticks: Array.from({ length: P }, (_, q) => q).filter((q) => !narrow || q % d.M === 0 || q === P - 1), tickFormat: (q: number) => names[q] },
      y: { label: 'value', domain: [lo, hi], grid: true, nice: true },
      marks: [
        Plot.line(params, { x: 'q', y: 'value', z: 'restart', stroke: (u) => colour(u.group), strokeOpacity: 0.6 }),
        Plot.dot(params, { x: 'q', y: 'value', fill: (u) => colour(u.group), r: 2.5, title: (u) => `restart ${u.restart} (M${u.group}): ${names[u.q]} = ${fmt(u.value)}` }),
      ],
    });
    const tbl = table(document, {
      head: ['restart', 'minimum', 'J', 'final ‖∇J‖', 'smallest Hessian eigenvalue', 'distance to its minimum’s first restart: raw', 'after matching', 'function gap', 'copies of this minimum of J (group orbit)'],
      rows: d.rows.map((r) => [`#${r.restart}`, `M${r.group}`, r.J.toPrecision(8), sci(r.gradNorm), sci(r.minEig), fmt(r.rawDistance), sci(r.matchedDistance), sci(r.functionGap), bigCount(r.log10Copies)]),
      rowHeads: true,
    });
    tbl.setAttribute('style', 'font-size: 0.9em; font-variant-numeric: tabular-nums');
    return stack(document, [row(document, [panel(d.raw, 'as trained'), panel(d.aligned, 'canonical, matched')]), tbl,
      `One line per restart through its ${P} parameters, coloured by the minimum it reached (same function to ${sci(SAME_FUNCTION, 0)} on ${d.setup.testN} test points). ` +
      `Left, as trained; right, after ${d.act === 'relu' ? 'balancing every unit (‖(w, b)‖ = |v|, which the decay already makes true at a minimum; largest mismatch ' + sci(d.maxImbalance) + ')' : 'flipping every unit to v > 0'}, sorting, and matching units to the minimum’s first restart by an assignment problem: ` +
      `the lines of one minimum fall on top of each other. Each minimum of a ${d.M}-unit ${d.act} net has ${d.fullCopies} copies under the group (its orbit)` +
      `${d.fewer ? `, fewer for ${d.fewer} restart(s) with zero or coinciding units; those functions are also computed by a continuum of other weights (a zero unit's w and b are free), which are not minima of J` : ''}. ` +
      `Free output weights with weight decay: the decay makes J change along the lines of equal loss that free output weights make, ` +
      (d.flat ? `yet ${d.flat} of the ${d.count} end points are flat in some direction (smallest Hessian eigenvalue zero to rounding: for ReLU a unit split in two, or a dead unit), so they are not strict minima; the others are.` : 'so every end point here is a strict minimum (smallest Hessian eigenvalue in the table).') +
      `${d.withKinks ? ` ${d.withKinks} restart(s) end with a ReLU kink exactly on a training input, where J has no gradient: there ‖∇J‖ is the smallest subgradient and the eigenvalue that of J along the surface that keeps the kink in place.` : ''}`]);
  },
});
