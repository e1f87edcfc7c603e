import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { classData } from '../data.ts';
import { eslModel } from '../esl.ts';
import { zeroStart, type ZeroStart } from '../units.ts';

const M = 3;
const K = 3;
const ACTS = ['tanh', 'sigmoid'] as const;
const GROUPS = [
  ['W', 'α (input → Z weights)'], ['b', 'α₀ (Z biases)'], ['W2', 'β (Z → T weights)'], ['b2', 'β₀ (T biases)'],
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
    // The shared x scale of both charts: the largest move, or [0, 1] when nothing moved.
    const top = Math.max(...rows.map((r) => r.moved));
    const [tanh, sig] = runs;
    const balanced = n % K === 0;
    return {
      rows,
      runs,
      counts,
      steps,
      top,
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
  draw({ rows, runs, steps, top }, document) {
    // One chart per activation on a shared x scale, each under its own line of text.
    return stack(document, runs.flatMap((z) => {
      const bars = rows.filter((r) => r.activation === z.act).map((r) => ({ ...r, label: r.moved === 0 ? 'exactly 0' : fmt(r.moved) }));
      return [
        `σ = ${z.act === 'tanh' ? 'tanh' : 'logistic sigmoid'}: loss ${z.loss0.toFixed(4)} → ${z.loss.toFixed(4)}; ` +
          `the ${M} units are ${z.identical ? 'still exactly identical' : 'no longer identical'}.`,
        plot(document, {
          width: 640, height: 130, marginLeft: 150, marginRight: 70,
          ariaLabel: `Distance each parameter group moved from zero, ${z.act}`,
          x: { label: `distance from the zero start after ${steps} steps`, grid: true, domain: [0, top > 0 ? top : 1] },
          y: { label: null, domain: GROUPS.map((g) => g[1]) },
          marks: [
            Plot.barX(bars, { x: 'moved', y: 'group', fill: z.act === 'tanh' ? palette[0] : palette[1] }),
            Plot.text(bars, { x: 'moved', y: 'group', text: 'label', dx: 5, textAnchor: 'start' }),
            Plot.ruleX([0]),
          ],
        }),
      ];
    }));
  },
});
