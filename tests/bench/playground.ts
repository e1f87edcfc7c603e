// The deep net of src/core against TensorFlow Playground's own nn.ts (ported in playground-nn.ts) on Playground's
// setting: layers 2-8-8-1 (its default) and 2-8-8-8-8-8-8-1 (its largest), tanh or ReLU, linear output, squared
// error, batch 10, learning rate 0.03, two circles.
import { circleData, PLAYGROUND, playgroundRun } from '../../src/core/deep-train.ts';
import { makeRng } from '../../src/core/random.ts';
import { Activations, backProp, buildNetwork, forwardProp, updateWeights } from './playground-nn.ts';

// Each side runs until at least this long has passed, so timer resolution and start-up are negligible.
const MIN_MS = 500;
const STEPS = 2000;

/** Examples per second of `run`, which trains on `examples` examples per call. */
function rate(examples: number, run: () => unknown): number {
  run(); // warm up the JIT
  let reps = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < MIN_MS) {
    run();
    reps++;
  }
  return (reps * examples * 1000) / (performance.now() - t0);
}

/** Playground's oneStep loop over the same data, STEPS batches of 10: forwardProp, backProp, updateWeights every batch. */
function playgroundNn(act: 'tanh' | 'relu', widths: readonly number[]): number {
  const rng = makeRng(1);
  const data = circleData(PLAYGROUND.n, rng);
  const net = buildNetwork([...widths], act === 'tanh' ? Activations.TANH : Activations.RELU, Activations.LINEAR, () => rng.uniform());
  for (let i = 0, k = 0; i < STEPS * PLAYGROUND.batch; i++, k = (k + 1) % data.n) {
    forwardProp(net, [data.X[2 * k], data.X[2 * k + 1]]);
    backProp(net, data.Y[k]);
    if ((i + 1) % PLAYGROUND.batch === 0) updateWeights(net, PLAYGROUND.lr);
  }
  return net[net.length - 1][0].output;
}

/** Rows for the bench: examples per second of each, and how many times faster ours is (goal ≥ 5). */
export function benchPlayground(): Record<string, string | number>[] {
  const shapes = [PLAYGROUND.widths, [2, 8, 8, 8, 8, 8, 8, 1]];
  return shapes.flatMap((widths) => (['tanh', 'relu'] as const).map((act) => {
    const ours = rate(STEPS * PLAYGROUND.batch, () => playgroundRun(act, STEPS, 1, widths));
    const theirs = rate(STEPS * PLAYGROUND.batch, () => playgroundNn(act, widths));
    return { setting: `${widths.join('-')} ${act}, batch 10`, 'src/core/deep examples/s': Math.round(ours), 'Playground nn.ts examples/s': Math.round(theirs), 'ours ÷ theirs': +(ours / theirs).toFixed(1), 'goal ≥ 5×': ours >= 5 * theirs ? 'yes' : 'NO' };
  }));
}
