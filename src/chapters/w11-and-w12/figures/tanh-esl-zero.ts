import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { row, stack } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { labels } from '../../../figure/labels.ts';
import { palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { classData } from '../data.ts';
import { eslModel } from '../esl.ts';
import { zeroStart, type ZeroStart } from '../units.ts';

const M = 3;
const K = 3;
const ACTS = ['tanh', 'sigmoid'] as const;
// Each group's key in ZeroStart.moved, its name on a wide screen, and its short name on a phone.
const GROUPS = [
  ['W', 'α (input → Z weights)', 'α weights'], ['b', 'α₀ (Z biases)', 'α₀ biases'], ['W2', 'β (Z → T weights)', 'β weights'], ['b2', 'β₀ (T biases)', 'β₀ biases'],
] as const;

/** ESL's network from exactly zero weights: which parameter groups move under tanh and under the sigmoid. */
export default defineFigure({
  code: ['chapters/w11-and-w12/units.ts#zeroStart', 'chapters/w11-and-w12/esl.ts#eslModel'],
  controls: {
    n: { kind: 'range', label: 'Examples n (K = 3 classes, i mod 3)', min: 45, max: 60, step: 1, value: 50, integer: true },
    steps: { kind: 'range', label: 'Steps', min: 1, max: 300, step: 1, value: 100, integer: true },
    lr: { kind: 'range', label: 'Learning rate η', min: 0.05, max: 2, step: 0.05, value: 0.5 },
    optimizer: { kind: 'select', label: 'Each step sees', value: 'gd', options: [
      { value: 'gd', label: 'all n examples (full-batch gradient descent)' }, { value: 'sgd', label: 'one example (SGD, shuffled)' }] },
  },
  compute({ n, steps, lr, optimizer }) {
    const data = classData({ n, K });
    // One zero-start run per activation: how far each group moved, the losses, and whether the units stayed tied.
    const runs: (ZeroStart & { act: (typeof ACTS)[number] })[] = ACTS.map((act) => ({ act, ...zeroStart(eslModel(data, { M, activation: act }), steps, lr, optimizer) }));
    const rows = runs.flatMap((z) => GROUPS.map(([key, group]) => ({ activation: z.act, group, moved: z.moved[key] })));
    const counts = Array.from({ length: K }, (_, c) => Math.floor(n / K) + (c < n % K ? 1 : 0));
    // The shared x scale of both charts: the largest move, with room for its label. Moves of rounding size
    // (balanced classes, ~1e-17) would fill an axis of 1e-15 ticks as if they were real: the axis then
    // spans [0, 1], where they show as nothing, and the labels give their sizes.
    const top = Math.max(...rows.map((r) => r.moved));
    const xMax = top > 1e-9 ? top * 1.35 : 1;
    const [tanh, sig] = runs;
    const balanced = n % K === 0;
    return {
      rows,
      runs,
      counts,
      steps,
      xMax,
      optimizer,
      alt: `ESL network with ${M} derived features and ${K} classes (${counts.join(', ')} examples), all weights zero at the start, ` +
        `${steps} ${optimizer === 'gd' ? 'full-batch' : 'one-example SGD'} steps at η = ${lr}. ` +
        `tanh: α moved ${fmt(tanh.moved.W)}, α₀ ${fmt(tanh.moved.b)}, β ${fmt(tanh.moved.W2)}, β₀ ${fmt(tanh.moved.b2)}. ` +
        `Sigmoid: α ${fmt(sig.moved.W)}, α₀ ${fmt(sig.moved.b)}, β ${fmt(sig.moved.W2)}, β₀ ${fmt(sig.moved.b2)}; loss ${sig.loss0.toFixed(4)} → ${sig.loss.toFixed(4)}. ` +
        `Units identical at the end: tanh ${tanh.identical ? 'yes' : 'no'}, sigmoid ${sig.identical ? 'yes' : 'no'}.`,
      note: runs.some((z) => z.diverged) ? 'A run diverged: lower the learning rate (its last finite state is shown).'
        : balanced && optimizer === 'gd' ? `With n = ${n} every class has exactly ${n / K} examples, so the full-batch gradient at zero is zero up to rounding for both activations.`
          : balanced ? `With n = ${n} the classes are balanced overall, but each SGD step sees one example, whose δₖ = 1/K − yₖ is not zero: the network moves.` : undefined,
    };
  },
  draw({ rows, runs, steps, xMax }, document, view) {
    const narrow = view.width < 600;
    // Side by side on a wide screen, stacked on a phone; there the groups go by their short names.
    const width = narrow ? view.width : Math.floor((view.width - 16) / 2);
    return row(document, runs.map((z, k) => {
      // Rows 0..3 from the top on a linear scale: labels() places text by value on continuous scales.
      const bars = rows.filter((r) => r.activation === z.act).map((r, i) => ({ ...r, i }));
      const box = document.createElement('div');
      box.setAttribute('style', `width: ${width}px`);
      box.append(stack(document, [
        `σ = ${z.act === 'tanh' ? 'tanh' : 'logistic sigmoid'}, after ${steps} steps: loss ${z.loss0.toFixed(4)} → ${z.loss.toFixed(4)}; ` +
          `the ${M} units are ${z.identical ? 'still exactly identical' : 'no longer identical'}.`,
        plot(document, {
          width, height: 190, marginLeft: narrow ? 84 : 156, marginRight: 16,
          ariaLabel: `Distance each parameter group moved from zero, ${z.act}`,
          // Room right of the longest bar for its value: the labels stay inside the frame.
          x: { label: 'distance from zero (Euclidean norm)', grid: true, domain: [0, xMax] },
          y: { label: 'parameter group', labelArrow: 'none', domain: [GROUPS.length - 0.5, -0.5], ticks: GROUPS.map((_, i) => i),
            tickFormat: (i: number) => GROUPS[i][narrow ? 2 : 1], tickSize: 0 },
          marks: [
            Plot.rect(bars, { x1: 0, x2: 'moved', y1: (r) => r.i - 0.35, y2: (r) => r.i + 0.35, fill: palette[k] }),
            Plot.ruleX([0]),
            labels(bars.map((r) => ({ text: r.moved === 0 ? 'exactly 0' : fmt(r.moved), x: r.moved, y: r.i, anchor: 'start', dx: 5 }))),
          ],
        }),
      ]));
      return box;
    }));
  },
});
