import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { sci } from '../../../figure/format.ts';
import { logAxis, pow10 } from '../../../figure/axes.ts';
import { labels } from '../../../figure/labels.ts';
import { inkOf, palette, pair } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { regressionData } from '../../../core/datasets.ts';
import { mlpModel } from '../../../core/mlp.ts';
import { paramsAt } from '../../../core/trace.ts';
import { train, type Trace } from '../../../core/train.ts';
import { linearModel } from '../linear.ts';
import { bestRankOneLoss, mergeIdentical } from '../rank.ts';

const STARTS = ['zero', 'identical', 'random'] as const;
type Start = (typeof STARTS)[number];
// A dash per start, so the curves read apart without colour; labels() keeps the end labels apart.
const STYLE = {
  zero: { stroke: palette[3], dash: '2 3' },
  identical: { stroke: pair.identical, dash: '6 3' },
  random: { stroke: pair.random, dash: 'none' },
};
// Losses below this are rounding noise around an exact fit; they are drawn on the floor of the axis.
const FLOOR = 1e-12;

/** Zero, identical and random starts on an m-output target: the three loss curves, and the best rank-one loss. */
export default defineFigure({
  code: ['chapters/identical-twins/rank.ts#rankModes', 'chapters/identical-twins/rank.ts#bestRankLoss', 'chapters/identical-twins/rank.ts#mergeIdentical', 'core/mlp.ts#mlpModel'],
  controls: {
    m: { kind: 'range', label: 'Outputs m', min: 1, max: 4, step: 1, value: 3, integer: true },
    act: {
      kind: 'select', label: 'Activation σ', value: 'identity',
      options: [{ value: 'identity', label: 'identity (linear network)' }, { value: 'tanh', label: 'tanh' }],
    },
    d: { kind: 'range', label: 'Hidden units d', min: 2, max: 8, step: 1, value: 4, integer: true },
    lr: { kind: 'range', label: 'Learning rate η', min: 0.005, max: 0.05, step: 0.005, value: 0.05 },
    steps: { kind: 'range', label: 'Steps', min: 200, max: 3000, step: 200, value: 1000, integer: true },
    seed: { kind: 'range', label: 'Seed', min: 1, max: 20, step: 1, value: 1, integer: true },
  },
  // An edited cell may run this long in the sandbox: about 1 s in QuickJS (native 0.015 s).
  cell: { limit: 10_000 },
  compute({ m, act, d, lr, steps, seed }) {
    const tanh = act === 'tanh';
    // A tanh network is fitted to a tanh teacher (3 hidden units), a linear one to a linear teacher.
    const data = regressionData({ m, teacher: tanh ? 'tanh' : 'identity' });
    const net = (units: number) =>
      tanh ? mlpModel(data, { d: units, activation: 'tanh', biases: false }) : linearModel(data, { d: units });
    const model = net(d);
    const opts = { lr, steps, seed };
    const runs = STARTS.map((s) => train(model, { ...opts, init: { kind: s === 'random' ? 'normal' : s } })) as [Trace, Trace, Trace];
    const stride = Math.ceil(steps / 300); // ≤ 300 points per curve: a light SVG, the same picture
    const rows = runs.flatMap((t, r) =>
      Array.from(t.loss, (loss, s) => ({ start: STARTS[r] as Start, step: s, loss })).filter((x) => (x.step % stride === 0 || x.step === t.rows - 1) && x.loss > 0),
    );
    const rankOne = tanh ? null : bestRankOneLoss(data);
    const [zero, same] = runs;
    const [finZero, finSame, finRand] = runs.map((t) => t.loss[t.rows - 1]);
    const zeroStill = zero.params.every((v) => v === 0);
    // The identical run, read as one unit with d times the outgoing weights: how far apart are the outputs?
    const one = net(1);
    const a = model.predict(paramsAt(same, same.rows - 1), new Float64Array(data.n * m));
    const b = one.predict(mergeIdentical(model.layout, paramsAt(same, same.rows - 1)), new Float64Array(data.n * m));
    const oneUnitDiff = Math.max(...a.map((v, i) => Math.abs(v - b[i])));
    const ends = STARTS.map((s) => rows.filter((x) => x.start === s).at(-1)).filter((x) => x !== undefined);
    const cost = rankOne === null
      ? `With tanh the identical run is a one-unit network (its outputs match one unit with d times the outgoing weight to ${sci(oneUnitDiff, 2)}) and ends ${finSame > finRand ? `${(finSame / finRand).toPrecision(3)} times higher than` : 'no higher than'} the random run.`
      : m === 1
        ? `With one output the identical run loses nothing: any linear map to one output has rank one, so both runs can fit the linear target.`
        : `With ${m} outputs identical units multiply to a rank-one map; the best any rank-one map can do is ${rankOne.toPrecision(6)}, and the identical run ends at ${finSame.toPrecision(6)}.`;
    const diverged = runs.find((t) => t.diverged)?.diverged;
    return {
      rows,
      ends,
      m,
      steps,
      /** Top of the log axis: twice the largest loss drawn. */
      top: 2 * Math.max(...rows.map((x) => x.loss)),
      /** Foot of the log axis: half the smallest loss drawn, or FLOOR when the runs fall below it (then drawn on it). */
      bottom: Math.max(FLOOR, Math.min(...rows.map((x) => x.loss)) / 2),
      /** The best loss of any rank-one map (linear network only; null for tanh). */
      rankOne,
      /** Each run's last recorded loss. */
      finalLoss: { zero: finZero, identical: finSame, random: finRand },
      /** Whether every parameter of the zero run stays exactly 0 at every step. */
      zeroStill,
      /** Largest output difference between the identical run and one unit with d times its outgoing weights. */
      oneUnitDiff,
      alt:
        `Loss over ${steps} steps, ${d} hidden units, σ = ${tanh ? 'tanh' : 'identity'}, ${m === 1 ? 'one output' : `m = ${m} outputs`}. ` +
        `Zero start: ${zeroStill ? 'every parameter stays exactly 0, the loss stays at' : 'ends at'} ${sci(finZero, 2)}. ` +
        `Identical start ends at ${sci(finSame, 2)}, random start at ${sci(finRand, 2)}. ${cost}`,
      note: diverged ? `${diverged.message}: lower the learning rate.` : undefined,
    };
  },
  draw({ rows, ends, m, steps, top, bottom, rankOne, zeroStill }, document, view) {
    const endText = (x: (typeof rows)[number]) => (x.start === 'zero' ? `zero${zeroStill ? ': never moves' : ''}` : `${x.start} start`);
    const showRankOne = rankOne !== null && rankOne > FLOOR;
    return plot(document, {
      width: view.width, height: view.width < 600 ? 260 : 300, marginLeft: 48, marginRight: 24,
      ariaLabel: `loss from zero, identical and random starts, m = ${m}, log scale`,
      x: { label: 'gradient-descent step', domain: [0, steps] },
      y: logAxis(`loss (mean squared error${bottom === FLOOR ? `; floor ${pow10(FLOOR)}` : ''})`, [bottom, top], { clamp: true, grid: true }),
      marks: [
        ...STARTS.map((s) => Plot.line(rows.filter((x) => x.start === s), {
          x: 'step', y: 'loss', stroke: STYLE[s].stroke, strokeWidth: 2, strokeDasharray: STYLE[s].dash,
        })),
        showRankOne ? Plot.ruleY([rankOne], { stroke: 'currentColor', strokeOpacity: 0.6, strokeDasharray: '1 3' }) : null,
        labels([
          ...ends.map((x) => ({ text: endText(x), x: x.step, y: Math.max(x.loss, bottom), anchor: 'end' as const, dy: -10, fill: inkOf(STYLE[x.start].stroke) })),
          ...(showRankOne ? [{ text: `best rank-one fit: ${rankOne.toPrecision(4)}`, x: steps / 2, y: rankOne, anchor: 'middle' as const, dy: 10 }] : []),
        ]),
      ],
    });
  },
});
