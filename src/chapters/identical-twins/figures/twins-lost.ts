import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { sci } from '../../../figure/format.ts';
import { logAxis, logExtent } from '../../../figure/axes.ts';
import { labels, type Label } from '../../../figure/labels.ts';
import { network } from '../../../figure/network.ts';
import { ink, inkOf, palette, pair } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { row, stack } from '../../../figure/dom.ts';
import { regressionData } from '../../../core/datasets.ts';
import { idxW, idxW2 } from '../../../core/trace.ts';
import { train, type Trace } from '../../../core/train.ts';
import { linearModel } from '../linear.ts';

const STARTS = ['identical start', 'random start'] as const;
type Start = (typeof STARTS)[number];
// At most this many points per line: keeps the build-time SVG small without visible change.
const MAX_POINTS = 200;
const LOSS_INK = [inkOf(pair.identical), inkOf(pair.random)];
const SUB = '₁₂₃₄₅₆₇₈₉';

/** One recorded point of one unit's weight: the CSV rows and the lines. */
interface Row {
  start: Start;
  step: number;
  unit: string;
  weight: number;
  loss: number;
}

/** The thread's two lost plots, rebuilt: every hidden unit's weight over steps, identical vs random start, loss below. */
export default defineFigure({
  code: ['chapters/identical-twins/linear.ts#linearModel', 'core/train.ts#train'],
  controls: {
    d: { kind: 'range', label: 'Hidden units d', min: 2, max: 8, step: 1, value: 4, integer: true },
    lr: { kind: 'range', label: 'Learning rate η', min: 0.005, max: 0.1, step: 0.005, value: 0.02 },
    scale: { kind: 'range', label: 'Initial scale', min: 0.1, max: 1.5, step: 0.1, value: 0.5 },
    seed: { kind: 'range', label: 'Seed', min: 1, max: 20, step: 1, value: 1, integer: true },
    steps: { kind: 'range', label: 'Steps', min: 50, max: 1000, step: 50, value: 300, integer: true },
    weight: {
      kind: 'select', label: 'Weight shown', value: 'in',
      options: [{ value: 'in', label: 'incoming W[1, j]' }, { value: 'out', label: 'outgoing W₂[j]' }],
    },
  },
  compute({ d, lr, scale, seed, steps, weight }) {
    const model = linearModel(regressionData(), { d });
    const opts = { lr, steps, seed };
    const runs: [Trace, Trace] = [
      train(model, { ...opts, init: { kind: 'identical', scale } }),
      train(model, { ...opts, init: { kind: 'normal', scale } }),
    ];
    const out = weight === 'out';
    // The flat index of the weight shown, per unit: draw reads each run's exact value at the step shown there.
    const shownAt = Array.from({ length: d }, (_, j) => (out ? idxW2(model, j) : idxW(model, 0, j)));
    const rows: Row[] = [];
    runs.forEach((t, r) => {
      const stride = Math.ceil(t.rows / MAX_POINTS);
      for (let s = 0; s < t.rows; s++) {
        if (s % stride !== 0 && s !== t.rows - 1) continue;
        for (let j = 0; j < d; j++) {
          rows.push({ start: STARTS[r], step: s, unit: `unit ${j + 1}`, weight: t.params[s * t.nParams + shownAt[j]], loss: t.loss[s] });
        }
      }
    });
    const [same, rand] = runs;
    const sameGap = Math.max(...same.gapIn, ...same.gapOut);
    const lastOf = (s: Start) => (s === STARTS[0] ? same.rows : rand.rows) - 1;
    const endWeights = (s: Start) => rows.filter((w) => w.start === s && w.step === lastOf(s)).map((w) => w.weight);
    const w = endWeights(STARTS[1]);
    const finalLoss = { identical: same.loss[same.rows - 1], random: rand.loss[rand.rows - 1] };
    const diverged = runs.find((t) => t.diverged)?.diverged;
    const weights = runs.flatMap((t) => Array.from({ length: t.rows }, (_, s) => shownAt.map((q) => t.params[s * t.nParams + q])).flat());
    return {
      rows,
      d,
      out,
      sameGap,
      /** Recorded steps of the identical run, all of which sameGap covers. */
      sameRows: same.rows,
      finalLoss,
      /** The units' final weights: the largest minus the smallest, per start. */
      endSpread: {
        identical: Math.max(...endWeights(STARTS[0])) - Math.min(...endWeights(STARTS[0])),
        random: Math.max(...w) - Math.min(...w),
      },
      /** Both runs' every parameter at every step, and where the shown weight and each layer sit, for the timeline. */
      params: runs.map((t) => t.params),
      losses: runs.map((t) => t.loss),
      runRows: runs.map((t) => t.rows),
      layout: model.layout,
      shownAt,
      lastStep: Math.max(same.rows, rand.rows) - 1,
      /** Axes fixed over the whole run, so they stay put while the timeline plays; the widest |w| drawn. */
      weightDomain: [Math.min(...weights), Math.max(...weights)] as [number, number],
      lossDomain: logExtent(runs.flatMap((t) => Array.from(t.loss))),
      netScale: Math.max(...runs.map((t) => t.params.reduce((m, v) => Math.max(m, Math.abs(v)), 0))),
      alt:
        `Left, identical start: all ${d} hidden units follow one path; the largest distance between any two units is ` +
        `${sameGap === 0 ? `exactly 0 at every one of ${same.rows} recorded steps` : sci(sameGap, 2)}. ` +
        `Right, random start: the ${d} units take ${d} different paths and end between ${Math.min(...w).toFixed(3)} ` +
        `and ${Math.max(...w).toFixed(3)}. Final loss: identical ${sci(finalLoss.identical)}, random ${sci(finalLoss.random)}.`,
      note: diverged ? `${diverged.message}: lower the learning rate or the initial scale.` : undefined,
    };
  },
  timeline: { steps: (data) => data.lastStep, unit: 'step' },
  draw({ rows, d, out, sameGap, params, losses, runRows, layout: L, shownAt, lastStep, weightDomain, lossDomain, netScale }, document, view) {
    const wide = view.width >= 600;
    const colW = wide ? Math.floor((view.width - 16) / 2) : view.width;
    const name = out ? 'outgoing weight W₂[j]' : 'incoming weight W[1, j]';
    const units = Array.from({ length: d }, (_, j) => `unit ${j + 1}`);
    // Each run as it stands at the step shown (a diverged run stops at its last finite step).
    const at = STARTS.map((_, r) => Math.min(view.step ?? lastStep, runRows[r] - 1));
    const value = (r: number, s: number, q: number) => params[r][s * L.size + q];
    const upTo = (r: number) => rows.filter((w) => w.start === STARTS[r] && w.step < at[r]);
    // Labels lead the lines' heads while they run, and sit back over the lines near the right edge.
    const ahead = (view.step ?? lastStep) > 0.6 * lastStep ? { anchor: 'end' as const, dx: -4 } : { anchor: 'start' as const, dx: 4 };
    const columns = STARTS.map((start, r) => {
      // The thinned rows up to the step shown, then the exact point at that step.
      const ends = units.map((unit, j) => ({ step: at[r], unit, weight: value(r, at[r], shownAt[j]) }));
      const tags: Label[] = r === 0
        ? [{ text: sameGap === 0 ? `all ${d} units, one line` : `${d} units, gap ${sci(sameGap)}`, x: at[r], y: ends[0].weight, ...ahead, dy: -12 }]
        : ends.map((e, j) => ({ text: e.unit, x: e.step, y: e.weight, ...ahead, fill: ink(j) }));
      const chart = plot(document, {
        width: colW, height: wide ? 250 : 220, marginLeft: 48, marginRight: 24, ariaLabel: `${name} of every hidden unit over training, ${start}`,
        x: { label: 'gradient-descent step', domain: [0, lastStep] },
        y: { label: name, grid: true, domain: weightDomain, nice: true },
        color: { domain: units, range: palette },
        marks: [Plot.line([...upTo(r), ...ends], { x: 'step', y: 'weight', z: 'unit', stroke: 'unit', strokeWidth: 1.6 }), labels(tags)],
      });
      // weights[0][j][i] = W[i][j] (input i to unit j); weights[1][0][j] = W₂[j] (unit j to the output).
      const s = at[r];
      const net = network(document, {
        layers: [L.k, L.d, L.m],
        weights: [
          units.map((_, j) => Array.from({ length: L.k }, (_, i) => value(r, s, L.iW + i * L.d + j))),
          Array.from({ length: L.m }, (_, o) => units.map((_, j) => value(r, s, L.iW2 + j * L.m + o))),
        ],
        labels: [Array.from({ length: L.k }, (_, i) => `x${SUB[i]}`), units.map((_, j) => `h${SUB[j]}`), ['ŷ']],
        // Tall enough that every hidden unit is wide enough to hold its label (h₈ at d = 8), off the edges.
        width: colW, height: Math.max(150, 28 * d + 30), scale: netScale,
        title: `The network from the ${start} at step ${s}: edge width and colour show each weight`,
      });
      const title = document.createElement('p');
      title.textContent = `${start}, step ${s}`;
      title.setAttribute('style', 'margin: 8px 0 0');
      return stack(document, [title, chart, net]);
    });
    const side = row(document, columns);
    const lossLines = STARTS.map((_, r) => [...upTo(r).filter((w) => w.unit === units[0]), { step: at[r], loss: losses[r][at[r]] }].filter((w) => w.loss > 0));
    const loss = plot(document, {
      width: view.width, height: wide ? 190 : 180, marginLeft: 48, marginRight: 24, ariaLabel: 'loss of both runs over training, log scale',
      x: { label: 'gradient-descent step', domain: [0, lastStep] },
      y: logAxis('loss (mean squared error)', lossDomain, { grid: true, clamp: true }),
      marks: [
        Plot.line(lossLines[0], { x: 'step', y: 'loss', stroke: pair.identical, strokeWidth: 2, strokeDasharray: '6 3' }),
        Plot.line(lossLines[1], { x: 'step', y: 'loss', stroke: pair.random, strokeWidth: 2 }),
        labels(STARTS.flatMap((start, r) => lossLines[r].slice(-1).map((e) => ({ text: start, x: e.step, y: e.loss, ...ahead, dy: r === 0 ? -10 : 10, fill: LOSS_INK[r] })))),
      ],
    });
    return stack(document, [wide ? side : stack(document, columns), loss]);
  },
});
