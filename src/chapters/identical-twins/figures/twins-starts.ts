import * as Plot from '@observablehq/plot';
import type { FigureModule } from '../../../figure/types.ts';
import { palette, pair } from '../../../figure/palette.ts';
import { mlpModel, paramsAt, regressionData, train, type Trace } from '../../../core/index.ts';
import { linearModel } from '../linear.ts';
import { bestRankOneLoss, mergeIdentical } from '../rank.ts';

const STARTS = ['zero', 'identical', 'random'] as const;
// Dash and label offset per start, so the curves read apart without colour and the end labels never collide.
const STYLE = {
  zero: { stroke: palette[3], dash: '2 3', dy: -7 },
  identical: { stroke: pair.identical, dash: '6 3', dy: 7 },
  random: { stroke: pair.random, dash: 'none', dy: 0 },
};
// Losses below this are rounding noise around an exact fit; they are drawn on the floor of the axis.
const FLOOR = 1e-12;

/** Zero, identical and random starts on an m-output target: the three loss curves, and the best rank-one loss. */
const figure: FigureModule = {
  code: ['chapters/identical-twins/rank.ts#bestRankOneLoss', 'chapters/identical-twins/rank.ts#mergeIdentical', 'core/mlp.ts#mlpModel'],
  controls: [
    { kind: 'range', name: 'm', label: 'Outputs m', min: 1, max: 4, step: 1, value: 3, integer: true },
    {
      kind: 'select', name: 'act', label: 'Activation σ', value: 'identity',
      options: [{ value: 'identity', label: 'identity (linear network)' }, { value: 'tanh', label: 'tanh' }],
    },
    { kind: 'range', name: 'd', label: 'Hidden units d', min: 2, max: 8, step: 1, value: 4, integer: true },
    { kind: 'range', name: 'lr', label: 'Learning rate η', min: 0.005, max: 0.05, step: 0.005, value: 0.05 },
    { kind: 'range', name: 'steps', label: 'Steps', min: 200, max: 3000, step: 200, value: 1000, integer: true },
    { kind: 'range', name: 'seed', label: 'Seed', min: 1, max: 20, step: 1, value: 1, integer: true },
  ],
  render(params, document) {
    const m = Number(params.m);
    const d = Number(params.d);
    const tanh = params.act === 'tanh';
    // A tanh network is fitted to a tanh teacher (3 hidden units), a linear one to a linear teacher.
    const data = regressionData({ m, teacher: tanh ? 'tanh' : 'identity' });
    const net = (units: number) =>
      tanh ? mlpModel(data, { d: units, activation: 'tanh', biases: false }) : linearModel(data, { d: units });
    const model = net(d);
    const opts = { lr: Number(params.lr), steps: Number(params.steps), seed: Number(params.seed) };
    const runs = STARTS.map((s) => train(model, { ...opts, init: { kind: s === 'random' ? 'normal' : s } })) as [Trace, Trace, Trace];
    const stride = Math.ceil(opts.steps / 300); // ≤ 300 points per curve: a light SVG, the same picture
    const rows = runs.flatMap((t, r) =>
      Array.from(t.loss, (loss, s) => ({ start: STARTS[r], step: s, loss })).filter((x) => (x.step % stride === 0 || x.step === t.rows - 1) && x.loss > 0),
    );
    const rankOne = tanh ? null : bestRankOneLoss(data);
    const [zero, same, rand] = runs;
    const fin = runs.map((t) => t.loss[t.rows - 1]);
    const zeroStill = zero.params.every((v) => v === 0);
    // The identical run, read as one unit with d times the outgoing weights: how far apart are the outputs?
    const one = net(1);
    const a = model.predict(paramsAt(same, same.rows - 1), new Float64Array(data.n * m));
    const b = one.predict(mergeIdentical(model.layout, paramsAt(same, same.rows - 1)), new Float64Array(data.n * m));
    const oneUnitDiff = Math.max(...a.map((v, i) => Math.abs(v - b[i])));
    const ends = STARTS.map((s, r) => rows.filter((x) => x.start === s).at(-1)).filter((x) => x !== undefined);
    const endText = (x: (typeof rows)[number]) =>
      x.start === 'zero' ? `zero${zeroStill ? ': never moves' : ''}` : x.start;
    const top = 2 * Math.max(...rows.map((x) => x.loss));
    const node = Plot.plot({
      document, width: 640, height: 300, marginRight: 110, ariaLabel: `loss from zero, identical and random starts, m = ${m}, log scale`,
      x: { label: 'step', domain: [0, opts.steps] },
      y: { type: 'log', label: `loss (log scale; below ${FLOOR} drawn at the floor)`, domain: [FLOOR, top], clamp: true, grid: true, tickFormat: (v: number) => (v >= 0.01 && v <= 100 ? String(+v.toPrecision(2)) : `1e${Math.round(Math.log10(v))}`) },
      marks: [
        ...STARTS.map((s) => Plot.line(rows.filter((x) => x.start === s), {
          x: 'step', y: 'loss', stroke: STYLE[s].stroke, strokeWidth: 2, strokeDasharray: STYLE[s].dash,
        })),
        ...ends.map((x) => Plot.text([x], { x: 'step', y: 'loss', text: endText, dx: 4, dy: STYLE[x.start].dy, textAnchor: 'start', fill: 'currentColor' })),
        rankOne !== null && rankOne > 1e-12 ? Plot.ruleY([rankOne], { stroke: 'currentColor', strokeOpacity: 0.6, strokeDasharray: '1 3' }) : null,
        rankOne !== null && rankOne > 1e-12
          ? Plot.text([`best rank-one fit: ${rankOne.toPrecision(4)}`], { x: opts.steps / 2, y: rankOne, dy: 10, textAnchor: 'middle', fill: 'currentColor' })
          : null,
      ],
    }) as unknown as Element;
    const fmt = (v: number) => v.toExponential(2);
    const cost = rankOne === null
      ? `With tanh the identical run is a one-unit network (its outputs match one unit with d times the outgoing weight to ${fmt(oneUnitDiff)}) and ends ${fin[1] > fin[2] ? `${(fin[1] / fin[2]).toPrecision(3)} times higher than` : 'no higher than'} the random run.`
      : m === 1
        ? `With one output the identical run loses nothing: any linear map to one output has rank one, so both runs can fit the linear target.`
        : `With ${m} outputs identical units multiply to a rank-one map; the best any rank-one map can do is ${rankOne!.toPrecision(6)}, and the identical run ends at ${fin[1].toPrecision(6)}.`;
    const diverged = runs.find((t) => t.diverged)?.diverged;
    return {
      node,
      rows,
      alt:
        `Loss over ${opts.steps} steps, ${d} hidden units, σ = ${tanh ? 'tanh' : 'identity'}, ${m === 1 ? 'one output' : `m = ${m} outputs`}. ` +
        `Zero start: ${zeroStill ? 'every parameter stays exactly 0, the loss stays at' : 'ends at'} ${fmt(fin[0])}. ` +
        `Identical start ends at ${fmt(fin[1])}, random start at ${fmt(fin[2])}. ${cost}`,
      note: diverged ? `${diverged.message}: lower the learning rate.` : undefined,
    };
  },
};
export default figure;
