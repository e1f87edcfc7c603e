import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { sci } from '../../../figure/format.ts';
import { logAxis, logExtent } from '../../../figure/axes.ts';
import { labels } from '../../../figure/labels.ts';
import { network } from '../../../figure/network.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { row, stack, table } from '../../../figure/dom.ts';
import { train } from '../../../core/train.ts';
import { questionData, questionModel } from '../question.ts';

const GROUPS = ['W', 'b', 'W₂', 'b₂'] as const;
type Group = (typeof GROUPS)[number];
// Hidden units: enough to see that they stay tied, few enough to read.
const D = 4;
// At most this many points per line: a light SVG, the same picture.
const MAX_POINTS = 300;
// The groups' series colours: clear of palette 0, 1 and 2, which the network drawing uses for weight signs and the tie.
const COLOURS = [4, 5, 6, 7];
const NET_W = 220;
const SUB = '₁₂₃₄₅₆₇₈₉';

/** The question's network f = σ(σ(XW + b)W₂ + b₂) from all-zero weights: which parameter groups move, and do the units stay tied? */
export default defineFigure({
  code: ['chapters/identical-twins/question.ts#questionModel'],
  controls: {
    act: {
      kind: 'select', label: 'Activation σ (both layers)', value: 'sigmoid',
      options: [
        { value: 'sigmoid', label: 'sigmoid (σ(0) = ½)' },
        { value: 'tanh', label: 'tanh (σ(0) = 0)' },
        { value: 'identity', label: 'identity (σ(0) = 0)' },
      ],
    },
    biases: { kind: 'checkbox', label: 'Biases b and b₂', value: true },
    lr: { kind: 'range', label: 'Learning rate η', min: 0.05, max: 0.5, step: 0.05, value: 0.25 },
    steps: { kind: 'range', label: 'Steps', min: 50, max: 1000, step: 50, value: 200, integer: true },
  },
  compute({ act, biases, lr, steps }) {
    const data = questionData();
    const model = questionModel(data, { d: D, activation: act, biases });
    const L = model.layout;
    const run = train(model, { init: { kind: 'zero' }, lr, steps });
    const ranges: Record<Group, [number, number] | null> = {
      W: [L.iW, L.iW + L.k * L.d],
      b: biases ? [L.ib, L.ib + L.d] : null,
      'W₂': [L.iW2, L.iW2 + L.d * L.m],
      'b₂': biases ? [L.ib2, L.ib2 + L.m] : null,
    };
    const present = GROUPS.filter((g) => ranges[g] !== null);
    const largest = (g: Group, s: number) => {
      const [a, z] = ranges[g]!;
      let best = 0;
      for (let q = a; q < z; q++) best = Math.max(best, Math.abs(run.params[s * run.nParams + q]));
      return best;
    };
    const series = present.map((g) => Float64Array.from({ length: run.rows }, (_, s) => largest(g, s)));
    /** Per group: the first step at which some entry is non-zero (null: exactly 0 throughout), and its final largest |entry|. */
    const groups = present.map((g, i) => {
      const first = series[i].findIndex((v) => v !== 0);
      return { group: g, firstStep: first < 0 ? null : first, final: series[i][run.rows - 1] };
    });
    const moving = groups.filter((g) => g.firstStep !== null);
    const still = groups.filter((g) => g.firstStep === null);
    const tiedSteps = run.gapIn.filter((g, s) => g === 0 && run.gapOut[s] === 0).length;
    const tied = tiedSteps === run.rows;
    const stride = Math.ceil(run.rows / MAX_POINTS);
    const rows = present.flatMap((g, i) =>
      Array.from(series[i], (v, s) => ({ group: g, step: s, largest: v })).filter((r) => r.step % stride === 0 || r.step === run.rows - 1),
    );
    // The only mover of an identity net with biases is b₂, and its path has a closed form:
    // b₂ ← b₂ − η·2(b₂ − ȳ) gives b₂(t) = ȳ (1 − (1 − 2η)^t), and the loss tends to the variance of y.
    const n = data.n;
    const mean = data.Y.reduce((s, y) => s + y, 0) / n;
    const variance = data.Y.reduce((s, y) => s + (y - mean) ** 2, 0) / n;
    let closedFormGap = 0;
    if (act === 'identity' && biases) {
      for (let s = 0; s < run.rows; s++) {
        closedFormGap = Math.max(closedFormGap, Math.abs(run.params[s * run.nParams + L.ib2] - mean * (1 - (1 - 2 * lr) ** s)));
      }
    }
    const loss0 = run.loss[0];
    const lossEnd = run.loss[run.rows - 1];
    const name = (gs: typeof groups) => gs.map((g) => g.group).join(', ');
    const story =
      (moving.length === 0
        ? `No parameter ever moves: every one stays exactly 0 for all ${run.rows - 1} steps.`
        : `${moving.map((g) => `${g.group} moves from step ${g.firstStep}`).join(', ')}` +
          (still.length ? `; ${name(still)} stay${still.length === 1 ? 's' : ''} exactly 0 at all ${run.rows} recorded steps.` : '.')) +
      ` The ${D} hidden units are ${tied ? `tied exactly (largest gap 0 at every one of ${run.rows} steps)` : `tied at ${tiedSteps} of ${run.rows} steps`}.`;
    const drawnAll = rows.filter((r) => r.largest > 0).map((r) => r.largest);
    return {
      rows,
      /** Each group's largest |entry| at every step (the lines' exact heads while the timeline plays). */
      series,
      present,
      /** The run's parameters at every step and where each group sits, for the network drawing. */
      params: run.params,
      layout: L,
      /** The log axis over the whole run, so it stays put while the timeline plays; the widest |w| drawn. */
      yDomain: logExtent(drawnAll),
      netScale: Math.max(...series.filter((_, i) => present[i] === 'W' || present[i] === 'W₂').map((v) => Math.max(...v))),
      groups,
      act,
      biases,
      steps,
      /** Steps (of run.rows) at which every pair of units is bitwise equal. */
      tiedSteps,
      recorded: run.rows,
      tied,
      loss0,
      lossEnd,
      /** Mean and variance of the targets: the best constant fit is b₂ = ȳ, with loss var(y). */
      mean,
      variance,
      /** Identity with biases: largest |b₂(t) − ȳ(1 − (1 − 2η)^t)| over the run (0 otherwise). */
      closedFormGap,
      lr,
      alt: `The question's network σ(σ(XW + b)W₂ + b₂) with σ = ${act}, ${biases ? 'with' : 'without'} biases, from all-zero weights, ${run.rows - 1} steps. ${story} Loss ${loss0.toPrecision(4)} → ${lossEnd.toPrecision(4)}.`,
      note: run.diverged ? `${run.diverged.message}: lower the learning rate.` : undefined,
    };
  },
  timeline: { steps: (data) => data.recorded - 1, unit: 'step' },
  draw({ rows, series, present, params, layout: L, yDomain, netScale, groups, steps, lr, tied, tiedSteps, recorded }, document, view) {
    const at = view.step ?? recorded - 1;
    const wide = view.width >= 600;
    const colour = (g: string) => COLOURS[GROUPS.indexOf(g as Group)];
    // The thinned rows before the step shown, then each group's exact value at it; 0 has no place on a log axis.
    const drawn = [...rows.filter((r) => r.step < at), ...present.map((g, i) => ({ group: g, step: at, largest: series[i][at] }))].filter((r) => r.largest > 0);
    const heads = present.map((g, i) => ({ g, v: series[i][at] })).filter((h) => h.v > 0);
    // Labels lead the lines' heads while they run, and sit back over the lines near the right edge.
    const ahead = at > 0.6 * (recorded - 1) ? { anchor: 'end' as const, dx: -4 } : { anchor: 'start' as const, dx: 4 };
    const empty = drawn.length === 0 ? (at === recorded - 1 ? 'every parameter stays exactly 0: nothing to draw on a log axis' : `every parameter is still exactly 0 at step ${at}`) : '';
    const chart = plot(document, {
      width: wide ? view.width - NET_W - 16 : view.width, height: wide ? 260 : 230, marginLeft: 48, marginRight: 24,
      ariaLabel: 'largest |entry| of each parameter group over training, log scale',
      // The run's η on the axis: a frozen start draws the same nothing for every η, and the chart should still say which.
      x: { label: `gradient-descent step (η = ${lr})`, domain: [0, steps] },
      y: logAxis('largest |entry| of the group (0 not drawn)', yDomain, { grid: true }),
      color: { domain: GROUPS, range: GROUPS.map((g) => palette[colour(g)]) },
      marks: [
        Plot.line(drawn, { x: 'step', y: 'largest', z: 'group', stroke: 'group', strokeWidth: 2 }),
        labels([
          ...heads.map((h) => ({ text: h.g, x: at, y: h.v, ...ahead, dy: -8, fill: ink(colour(h.g)) })),
          ...(empty ? [{ text: empty, fx: 0.5, fy: 0.5, anchor: 'middle' as const }] : []),
        ]),
      ],
    });
    // weights[0][j][i] = W[i][j] (input i to unit j), weights[1][0][j] = W₂[j]; biases[0] = b, biases[1] = b₂.
    const p = (q: number) => params[at * L.size + q];
    const units = Array.from({ length: L.d }, (_, j) => j);
    const net = network(document, {
      layers: [L.k, L.d, L.m],
      weights: [units.map((j) => Array.from({ length: L.k }, (_, i) => p(L.iW + i * L.d + j))), [units.map((j) => p(L.iW2 + j))]],
      biases: L.biases ? [units.map((j) => p(L.ib + j)), [p(L.ib2)]] : undefined,
      labels: [Array.from({ length: L.k }, (_, i) => `x${SUB[i]}`), units.map((j) => `h${SUB[j]}`), ['ŷ']],
      width: wide ? NET_W : view.width, height: wide ? 260 : 170, scale: netScale,
      title: `The network at step ${at}: edge width and colour show each weight; a zero weight draws no edge`,
    });
    const side = row(document, [chart, net]);
    const facts = table(document, {
      caption: `From all-zero weights: which groups move. Units tied (bitwise equal) at ${tiedSteps} of ${recorded} steps${tied ? ': all of them' : ''}.`,
      head: ['group', 'first step it is non-zero', 'largest |entry| at the end'],
      rowHeads: true,
      rows: groups.map((g) => [g.group, g.firstStep === null ? 'never: exactly 0 throughout' : g.firstStep, g.final === 0 ? '0' : sci(g.final, 3)]),
    });
    return stack(document, [side, facts]);
  },
});
