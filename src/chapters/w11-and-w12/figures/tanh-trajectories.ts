import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { row } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { labels, type Label } from '../../../figure/labels.ts';
import { network } from '../../../figure/network.ts';
import { inkOf, pair } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { idxW, idxW2, mlpModel, regressionData, train, type Trace } from '../../../core/index.ts';

const data = regressionData({ n: 32, k: 2, teacher: 'tanh' });
const model = mlpModel(data, { d: 2, activation: 'tanh' });
const L = model.layout;
const EPOCHS = 30;
const GD_STEPS = 300;
// At most this many points per line: enough for a 928-px chart, cheap for Plot at every frame of Play, and
// (961 SGD states, 301 GD states) a sampling that Play's stride of 8 or 3 steps lands on every time.
const POINTS = 320;
const STARTS = ['identical', 'random'] as const;
const PAIRS = ['W₁₁ and W₁₂', 'V₁ and V₂'] as const;
// What each pair's two lines, and the one line of a tied pair, are called at their ends.
const NAMES = [['W₁₁', 'W₁₂', 'W₁₁ = W₁₂'], ['V₁', 'V₂', 'V₁ = V₂']] as const;
const NET_W = 200;

/** Largest |a_s − b_s| over a run for parameters qa and qb (0 means they never differed). */
function maxGap(t: Trace, qa: number, qb: number): number {
  let g = 0;
  for (let s = 0; s < t.rows; s++) g = Math.max(g, Math.abs(t.params[s * t.nParams + qa] - t.params[s * t.nParams + qb]));
  return g;
}

/** One point of a weight's path: which start, which pair (W or V), which unit. */
interface Point {
  step: number;
  start: string;
  pair: string;
  unit: number;
  value: number;
}

/** The network's weights in the network mark's shape: weights[l][j][i] from unit i of layer l to unit j of layer l+1. */
function netOf(p: ArrayLike<number>) {
  const unit = (j: number) => Array.from({ length: L.k }, (_, i) => p[L.iW + i * L.d + j]);
  return {
    weights: [Array.from({ length: L.d }, (_, j) => unit(j)), [Array.from({ length: L.d }, (_, j) => p[L.iW2 + j])]],
    biases: [Array.from({ length: L.d }, (_, j) => p[L.ib + j]), [p[L.ib2]]],
  };
}

/** W₁₁ vs W₁₂ and V₁ vs V₂ over training, from an identical start and from a random start, with the network at each step. */
export default defineFigure({
  code: ['core/mlp.ts#mlpModel', 'core/train.ts#train'],
  controls: {
    optimizer: { kind: 'select', label: 'Optimizer', value: 'sgd', options: [
      { value: 'sgd', label: 'SGD, one example per step' }, { value: 'gd', label: 'full-batch gradient descent' }] },
    lr: { kind: 'range', label: 'Learning rate η', min: 0.01, max: 0.3, step: 0.01, value: 0.05 },
    seed: { kind: 'range', label: 'Seed of the start', min: 1, max: 20, step: 1, value: 3, integer: true },
  },
  compute({ optimizer, lr, seed }) {
    // SGD: 30 passes of one example per step; GD: each step already sees all 32 examples, so fewer steps.
    const steps = optimizer === 'sgd' ? EPOCHS * data.n : GD_STEPS;
    const rows: Point[] = [];
    // The whole network at every sampled step, per start: what the network drawing shows during Play.
    const nets: { start: (typeof STARTS)[number]; step: number; net: ReturnType<typeof netOf> }[] = [];
    // Largest difference within each pair over the whole run, per start: 0 means one line throughout.
    const gaps: { start: (typeof STARTS)[number]; pair: (typeof PAIRS)[number]; gap: number }[] = [];
    const notes: string[] = [];
    let last = 0;
    for (const start of STARTS) {
      const t = train(model, { init: { kind: start === 'identical' ? 'identical' : 'normal' }, optimizer, lr, steps, seed });
      if (t.diverged) notes.push(`${start} start ${t.diverged.message}: lower the learning rate`);
      const stride = Math.ceil(t.rows / POINTS);
      // Every stride-th step and the last, so each line ends where the run does.
      const sampled = Array.from({ length: Math.ceil(t.rows / stride) }, (_, i) => i * stride);
      if (sampled[sampled.length - 1] !== t.rows - 1) sampled.push(t.rows - 1);
      last = Math.max(last, t.rows - 1);
      const pairs = [[PAIRS[0], idxW(t, 0, 0), idxW(t, 0, 1)], [PAIRS[1], idxW2(t, 0), idxW2(t, 1)]] as const;
      for (const [name, qa, qb] of pairs) {
        gaps.push({ start, pair: name, gap: maxGap(t, qa, qb) });
        for (const [unit, q] of [[1, qa], [2, qb]] as const) {
          for (const s of sampled) rows.push({ step: s, start: `${start} start`, pair: name, unit, value: t.params[s * t.nParams + q] });
        }
      }
      for (const s of sampled) nets.push({ start, step: s, net: netOf(t.params.subarray(s * t.nParams, (s + 1) * t.nParams)) });
    }
    // One y range for both charts and one edge scale for every network drawing, over both runs, so steps and starts compare.
    const values = rows.map((r) => r.value);
    const yDomain = [Math.min(...values), Math.max(...values)];
    const netScale = Math.max(...nets.flatMap((n) => n.net.weights.flat(2).map(Math.abs)));
    const facts = gaps.map((g) => `${g.start} start, ${g.pair}: largest difference ${g.gap === 0 ? 'exactly 0' : fmt(g.gap)}`);
    return {
      rows,
      nets,
      gaps,
      steps: last,
      optimizer,
      yDomain,
      netScale,
      alt: `After ${steps} steps at η = ${lr}: ${facts.join('; ')}.`,
      note: notes.length ? `${notes.join('; ')}.` : undefined,
    };
  },
  // After compute, so that TypeScript has inferred the data's type from compute by the time it reads this.
  timeline: { steps: (d) => d.steps, unit: 'step' },
  draw({ rows, nets, gaps, steps, optimizer, yDomain, netScale }, document, view) {
    const at = view.step ?? steps;
    const shown = rows.filter((r) => r.step <= at);
    // End labels trail the line ends, on whichever side of them has room.
    const [anchor, dx] = at < 0.6 * steps ? ['start' as const, 6] : ['end' as const, -6];
    const narrow = view.width < 600;
    // Wide: the two charts side by side and the networks in a column beside them; a little narrower, the
    // networks in a row under the charts; on a phone everything stacked, each at the full width.
    const beside = view.width >= 860;
    const chartW = narrow ? view.width : Math.floor((view.width - (beside ? NET_W + 32 : 16)) / 2);
    const charts = PAIRS.map((name, k) => {
      const marks: Plot.Markish[] = [];
      const ends: Label[] = [];
      for (const start of STARTS) {
        const tied = gaps.find((g) => g.start === start && g.pair === name)!.gap === 0;
        for (const unit of tied ? [1] : [1, 2]) {
          const line = shown.filter((r) => r.pair === name && r.start === `${start} start` && r.unit === unit);
          // Unit 2 dashed, so the two lines of one start stay apart where they cross.
          marks.push(Plot.line(line, { x: 'step', y: 'value', stroke: pair[start], strokeWidth: 2, strokeDasharray: unit === 2 ? '5 4' : 'none' }));
          const end = line[line.length - 1];
          if (!end) continue;
          marks.push(Plot.dot([end], { x: 'step', y: 'value', fill: pair[start], r: 3 }));
          ends.push({ text: `${start}: ${NAMES[k][tied ? 2 : unit - 1]}`, x: end.step, y: end.value, anchor, dx, dy: unit === 2 ? 11 : -11, fill: inkOf(pair[start]) });
        }
      }
      return plot(document, {
        width: chartW, height: narrow ? 220 : 260, marginLeft: 48, marginRight: 16,
        ariaLabel: `${name} over training, identical start and random start`,
        x: { label: optimizer === 'sgd' ? 'SGD step (one example each)' : 'gradient-descent step (all 32 examples)', domain: [0, steps] },
        y: { label: `weight ${name}`, grid: true, domain: yDomain, nice: true },
        marks: [...marks, labels(ends)],
      });
    });
    // The network as it stands at the step shown: the last sample at or before it.
    const netW = beside ? NET_W : Math.min(2 * NET_W, Math.floor((view.width - 16) / 2));
    const drawings = STARTS.map((start) => {
      const snap = nets.filter((n) => n.start === start && n.step <= at).at(-1) ?? nets.find((n) => n.start === start)!;
      const box = document.createElement('div');
      const title = document.createElement('p');
      title.textContent = `${start} start, step ${snap.step}`;
      title.setAttribute('style', 'margin: 0');
      box.append(title, network(document, {
        layers: [L.k, L.d, 1], ...snap.net, width: netW, height: 110, scale: netScale,
        labels: [['x₁', 'x₂'], ['h₁', 'h₂'], ['o']],
        title: `The network from the ${start} start at step ${snap.step}: edge width and colour show each weight`,
      }));
      return box;
    });
    const spaced = (el: HTMLElement) => (el.setAttribute('style', 'margin-top: 8px'), el);
    if (!beside) {
      const out = document.createElement('div');
      out.append(...(narrow ? charts : [row(document, charts)]), spaced(row(document, drawings)));
      return out;
    }
    const column = document.createElement('div');
    column.setAttribute('style', `width: ${NET_W}px; display: flex; flex-direction: column; gap: 16px`);
    column.append(...drawings);
    return row(document, [...charts, column]);
  },
});
