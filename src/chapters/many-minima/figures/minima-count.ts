import * as Plot from '@observablehq/plot';
import { checkParams } from '../../../figure/parse.ts';
import { makeLayout } from '../../../core/layout.ts';
import { makeRng } from '../../../core/random.ts';
import { defineFigure } from '../../../figure/define.ts';
import { stack, table } from '../../../figure/dom.ts';
import { fmt, sci } from '../../../figure/format.ts';
import { labels } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { groupOvertakesGrid, overtakeEstimate, perCopyLog10, sussmannMinimal } from '../count.ts';
import { countByListing, log10Factorial, orbitSize } from '../group.ts';
import { invarianceGaps, RESCALES } from '../invariance.ts';

/** Widths up to which the group is also counted by listing every relabelling (5: 3 840 of them). */
const LIST_UP_TO = 5;
/** Random inputs on which the invariances are measured. */
const INVARIANCE_INPUTS = 50;
/** The widths on the chart. */
const MAX_M = 64;

/** 10^x as text: exact from 1 to a million, else a mantissa and a power of ten (so 10^-50.3 is 5.01×10^-51, not 0). */
function bigCount(log10: number): string {
  if (log10 >= 0 && log10 < 6) return String(Math.round(10 ** log10));
  const e = Math.floor(log10);
  return `${(10 ** (log10 - e)).toFixed(2)}×10^${e}`;
}

/** The figure's controls, also the bounds its compute checks its parameters against. */
const controls = {
  M: { kind: 'range', label: 'Hidden units M', min: 1, max: 64, step: 1, value: 4, integer: true },
  k: { kind: 'range', label: 'Inputs k', min: 1, max: 20, step: 1, value: 1, integer: true },
  G: { kind: 'range', label: 'Grid values per weight', min: 2, max: 100, step: 1, value: 10, integer: true },
  tied: { kind: 'range', label: 'Units equal to unit 1 (besides it)', min: 0, max: 63, step: 1, value: 0, integer: true },
  zero: { kind: 'range', label: 'Units with all weights zero', min: 0, max: 63, step: 1, value: 0, integer: true },
} as const;

/** How many relabellings (the group orbit) a network's weights have, and how many points a grid search over the weights would visit. */
export default defineFigure({
  code: ['chapters/many-minima/group.ts#orbitSize', 'chapters/many-minima/group.ts#countByListing', 'chapters/many-minima/count.ts#groupOvertakesGrid'],
  controls,
  compute({ M, k, G, tied, zero }) {
    // Out of range (a cell, an address): a message, not a long run or a chart of NaN.
    checkParams(controls, { M, k, G, tied, zero });
    // A random net with `tied` copies of unit 1 and `zero` dead units (each clipped so they fit in M).
    const t = Math.min(tied, M - 1);
    const z = Math.min(zero, M - 1 - t);
    const L = makeLayout(k, M, 1, true);
    const rng = makeRng(3);
    const p = Float64Array.from({ length: L.size }, rng.normal);
    for (let j = 1; j <= t + z; j++) for (const at of [...Array.from({ length: k }, (_, i) => i * M), L.ib, L.iW2]) p[at + j] = j <= t ? p[at] : 0;
    const odd = orbitSize(L, p, 'tanh');
    const even = orbitSize(L, p, 'relu');
    const listed = M <= LIST_UP_TO ? { tanh: countByListing(L, p, 'tanh'), relu: countByListing(L, p, 'relu') } : null;
    const P = L.size;
    const gridLog10 = P * Math.log10(G);
    const curve = Array.from({ length: MAX_M }, (_, i) => i + 1).flatMap((m) => [
      { M: m, what: '2^M·M! (tanh: permutations and sign flips)', log10: m * Math.log10(2) + log10Factorial(m) },
      { M: m, what: 'M! (ReLU: permutations, then a continuum of rescalings)', log10: log10Factorial(m) },
      { M: m, what: `grid points ${G}^P`, log10: (m * (k + 2) + 1) * Math.log10(G) },
    ]);
    const clipped = t !== tied || z !== zero;
    const overtake = groupOvertakesGrid(k, G);
    // The exact per-copy count of the chart at this M (the same as gridLog10 − the generic orbit's log10).
    const genericPerCopy = perCopyLog10(M, k, G);
    const invariance = invarianceGaps(L, p, INVARIANCE_INPUTS, 11);
    return {
      rows: curve,
      curve, M, k, G, P,
      tanhLog10: odd.log10, reluLog10: even.log10, tanh: bigCount(odd.log10), relu: bigCount(even.log10),
      generic: bigCount(M * Math.log10(2) + log10Factorial(M)),
      genericLog10: M * Math.log10(2) + log10Factorial(M),
      /** Largest output change over INVARIANCE_INPUTS random inputs under a random permutation, sign flips (tanh), and ReLU rescaling by 3 and by 4. */
      invariance, invarianceInputs: INVARIANCE_INPUTS, rescaleBy: [...RESCALES],
      /** The widths up to which every relabelling is also listed. */
      listUpTo: LIST_UP_TO,
      listed,
      grid: bigCount(gridLog10), gridLog10,
      /** log₁₀ of the grid points per copy of this point in its orbit (tanh); negative when the orbit outnumbers the grid. */
      perCopyLog10: gridLog10 - odd.log10,
      genericPerCopy,
      /** The width from which 2^M·M! outnumbers G^P at these k and G, and Stirling's estimate (e/2)·G^(k+2) of it. */
      overtake, overtakeEstimate: overtakeEstimate(k, G),
      /** Sussmann's conditions (no zero v or w, no two units with equal (w, b) up to sign): then the orbit is every weight vector with the function. */
      minimal: sussmannMinimal(L, p),
      alt: `A ${M}-unit net with ${k} input(s) has P = ${P} parameters. With ${t} unit(s) equal to unit 1 and ${z} zero unit(s), its orbit has ${bigCount(odd.log10)} distinct relabellings ` +
        `under permutations and sign flips (tanh) and ${bigCount(even.log10)} under permutations alone (ReLU, before rescaling)${listed ? `; listing every relabelling gives ${listed.tanh} and ${listed.relu}` : ''}. ` +
        `${sussmannMinimal(L, p) ? 'It is minimal, so for tanh these are all the weight vectors with its function. ' : 'It is not minimal, so the weight vectors with its function form a continuum, of which the orbit is a finite part. '}` +
        `Relabelling this net changes its outputs by at most ${sci(invariance.perm)} (a permutation), ${sci(invariance.flip)} (sign flips, tanh), ${sci(invariance.rescale3)} and ${sci(invariance.rescale4)} (ReLU rescaling by 3 and by 4). A grid of ${G} values per weight has ${bigCount(gridLog10)} points. The chart shows log₁₀ of these counts for M = 1 to ${MAX_M}; 2^M·M! outnumbers the grid from M = ${overtake} on.`,
      note: clipped ? `Only ${M - 1} units besides unit 1 exist: ${t} equal to it and ${z} zero are used.` : undefined,
    };
  },
  draw(d, document, view) {
    const whats = [...new Set(d.curve.map((r) => r.what))];
    const end = (w: string) => d.curve.filter((r) => r.what === w).at(-1)!;
    const chart = plot(document, {
      width: view.width, height: view.width < 600 ? 240 : 280, marginLeft: 56, marginRight: 16,
      ariaLabel: 'log10 of the order of the group of relabellings and of the number of grid points against width',
      x: { label: 'hidden units M', domain: [1, MAX_M] },
      y: { label: 'log₁₀ count', grid: true },
      marks: [
        ...whats.map((w, i) => Plot.line(d.curve.filter((r) => r.what === w), { x: 'M', y: 'log10', stroke: palette[i], strokeWidth: 2, strokeDasharray: i === 2 ? '6 4' : undefined })),
        Plot.ruleX([d.M], { strokeOpacity: 0.3 }),
        // Where 2^M·M! first outnumbers the grid, when that happens on the chart.
        d.overtake <= MAX_M ? Plot.dot([{ M: d.overtake, log10: d.curve.find((r) => r.M === d.overtake && r.what.startsWith('2^M'))!.log10 }], { x: 'M', y: 'log10', r: 5, fill: palette[0], stroke: 'white' }) : null,
        labels(whats.map((w, i) => ({ text: w, x: MAX_M, y: end(w).log10, anchor: 'end' as const, dy: -10, fill: ink(i) }))),
      ],
    });
    const tbl = table(document, {
      head: ['quantity', 'count'],
      caption: `Counting the copies of one minimum, M = ${d.M}`,
      rows: [
        ['parameters P = M(k + 2) + 1', d.P],
        ['distinct relabellings (group orbit), tanh', d.tanh + (d.listed ? ` (listed: ${d.listed.tanh})` : '')],
        ['… ReLU, before rescaling', d.relu + (d.listed ? ` (listed: ${d.listed.relu})` : '')],
        ['all weight vectors with this function, tanh', d.minimal ? `${d.tanh}: minimal net, the orbit is all (Sussmann)` : 'a continuum: the net is not minimal'],
        [`grid points, ${d.G} values per weight`, d.grid],
        ['grid points per copy in the orbit (tanh)', bigCount(d.perCopyLog10)],
      ],
      rowHeads: true,
    });
    const per = d.perCopyLog10 >= 0
      ? `the grid has 10^${fmt(d.perCopyLog10)} points per copy in the orbit`
      : `the orbit outnumbers the grid, 10^${fmt(-d.perCopyLog10)} copies per grid point, which still does not put a copy on a grid point: that depends on the grid's spacing against the size of each basin`;
    const cross = `2^M·M! outnumbers ${d.G}^P from M = ${d.overtake} on${d.overtake <= MAX_M ? ' (the dot)' : ''}; Stirling's estimate (e/2)·${d.G}^${d.k + 2} gives ${fmt(d.overtakeEstimate, 4)}`;
    return stack(document, [chart, tbl, `With no equal and no zero units the tanh orbit has 2^M·M! = ${d.generic} points at M = ${d.M}. Here ${per}. ` +
      `The grid grows like ${d.G}^(M(k+2)), the group like 2^M·M! ≈ (2M/e)^M, faster than any exponential, so the group wins in the end: ${cross}.`]);
  },
});
