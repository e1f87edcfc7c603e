import * as Plot from '@observablehq/plot';
import type { FigureModule } from '../../../figure/types.ts';
import { palette } from '../../../figure/palette.ts';
import { classData } from '../data.ts';
import { eslModel } from '../esl.ts';
import { zeroStart, type ZeroStart } from '../units.ts';

const M = 3;
const K = 3;
const fmt = (x: number) => (x !== 0 && Math.abs(x) < 1e-3 ? x.toExponential(1) : String(+x.toPrecision(3))).replace('-', '−');
const GROUPS = [
  ['W', 'α (input → Z weights)'], ['b', 'α₀ (Z biases)'], ['W2', 'β (Z → T weights)'], ['b2', 'β₀ (T biases)'],
] as const;

/** ESL's network from exactly zero weights: which parameter groups move under tanh and under the sigmoid. */
const figure: FigureModule = {
  code: ['chapters/w11-and-w12/units.ts#zeroStart', 'chapters/w11-and-w12/esl.ts#eslModel'],
  controls: [
    { kind: 'range', name: 'n', label: 'Examples n (K = 3 classes, i mod 3)', min: 45, max: 60, step: 1, value: 50, integer: true },
    { kind: 'range', name: 'steps', label: 'Gradient-descent steps', min: 1, max: 300, step: 1, value: 100, integer: true },
    { kind: 'range', name: 'lr', label: 'Learning rate', min: 0.05, max: 2, step: 0.05, value: 0.5 },
  ],
  render(params, document) {
    const n = Number(params.n);
    const steps = Number(params.steps);
    const lr = Number(params.lr);
    const data = classData({ n, K });
    const runs: [string, ZeroStart][] = (['tanh', 'sigmoid'] as const).map((act) => [act, zeroStart(eslModel(data, { M, activation: act }), steps, lr)]);
    const rows = runs.flatMap(([act, z]) => GROUPS.map(([key, group]) => ({
      act, group, moved: z.moved[key],
      label: z.moved[key] === 0 ? 'exactly 0' : fmt(z.moved[key]),
    })));
    const counts = Array.from({ length: K }, (_, c) => Math.floor(n / K) + (c < n % K ? 1 : 0));
    const top = Math.max(...rows.map((r) => r.moved));
    // One chart per activation on a shared x scale, each under its own line of text.
    const node = document.createElement('div');
    for (const [act, z] of runs) {
      const title = document.createElement('p');
      title.textContent = `σ = ${act === 'tanh' ? 'tanh' : 'logistic sigmoid'}: loss ${z.loss0.toFixed(4)} → ${z.loss.toFixed(4)}; ` +
        `the ${M} units are ${z.identical ? 'still exactly identical' : 'no longer identical'}.`;
      const chart = Plot.plot({
        document, width: 640, height: 130, marginLeft: 150, marginRight: 70,
        ariaLabel: `Distance each parameter group moved from zero, ${act}`,
        x: { label: `distance from the zero start after ${steps} steps`, grid: true, domain: [0, top > 0 ? top : 1] },
        y: { label: null, domain: GROUPS.map((g) => g[1]) },
        marks: [
          Plot.barX(rows.filter((r) => r.act === act), { x: 'moved', y: 'group', fill: act === 'tanh' ? palette[0] : palette[1] }),
          Plot.text(rows.filter((r) => r.act === act), { x: 'moved', y: 'group', text: 'label', dx: 5, textAnchor: 'start' }),
          Plot.ruleX([0]),
        ],
      }) as unknown as Element;
      node.append(title, chart);
    }
    const [[, tanh], [, sig]] = runs;
    const balanced = n % K === 0;
    return {
      node,
      alt: `ESL network with ${M} derived features and ${K} classes (${counts.join(', ')} examples), all weights zero at the start, ${steps} steps at rate ${lr}. ` +
        `tanh: α moved ${fmt(tanh.moved.W)}, α₀ ${fmt(tanh.moved.b)}, β ${fmt(tanh.moved.W2)}, β₀ ${fmt(tanh.moved.b2)}. ` +
        `Sigmoid: α ${fmt(sig.moved.W)}, α₀ ${fmt(sig.moved.b)}, β ${fmt(sig.moved.W2)}, β₀ ${fmt(sig.moved.b2)}; loss ${sig.loss0.toFixed(4)} → ${sig.loss.toFixed(4)}. ` +
        `Units identical at the end: tanh ${tanh.identical ? 'yes' : 'no'}, sigmoid ${sig.identical ? 'yes' : 'no'}.`,
      rows: rows.map(({ act, group, moved }) => ({ activation: act, group, moved })),
      note: runs.some(([, z]) => z.diverged) ? 'A run diverged: lower the learning rate (its last finite state is shown).'
        : balanced ? `With n = ${n} every class has exactly ${n / K} examples, so the first gradient is zero up to rounding for both activations.` : undefined,
    };
  },
};
export default figure;
