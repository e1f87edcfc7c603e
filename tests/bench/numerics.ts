import { regressionData } from '../../src/core/datasets.ts';
import { classData } from '../../src/chapters/w11-and-w12/data.ts';
import { perceptronData } from '../../src/chapters/only-the-scale/data.ts';
import { linearModel } from '../../src/chapters/identical-twins/linear.ts';
import { mlpModel } from '../../src/core/mlp.ts';
import { trainPerceptron } from '../../src/chapters/only-the-scale/perceptron.ts';
import { quizModel, teacherData } from '../../src/chapters/zero-init-quiz/network.ts';
import { eslModel } from '../../src/chapters/w11-and-w12/esl.ts';
import { train } from '../../src/core/train.ts';

/** One benchmark row: a chapter's default run. */
export interface BenchRow {
  name: string;
  stepsPerSecond: number;
  msPerDefaultRun: number;
  defaultSteps: number;
}

// Repeat each run until at least this long has passed, so timer resolution is negligible.
const MIN_MS = 200;

function measure(name: string, defaultSteps: number, run: () => unknown): BenchRow {
  for (let i = 0; i < 5; i++) run(); // warm up the JIT
  let reps = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < MIN_MS) {
    run();
    reps++;
    t = performance.now();
  }
  const ms = (t - t0) / reps;
  return { name, stepsPerSecond: Math.round((defaultSteps / ms) * 1000), msPerDefaultRun: Number(ms.toFixed(4)), defaultSteps };
}

/** Times every model at its chapter's default size (data generation excluded, model build included). */
export function benchNumerics(): BenchRow[] {
  const lin = regressionData({ n: 32, k: 4, m: 1 });
  const lin3 = regressionData({ n: 32, k: 4, m: 3 });
  const esl = regressionData({ n: 32, k: 2, teacher: 'tanh' });
  const cls = classData({ n: 32, P: 2, K: 3 });
  const pts = perceptronData({ n: 40 });
  const quiz = teacherData({ n: 200 });
  const gd = { init: { kind: 'normal' as const }, lr: 0.05, steps: 300 };
  return [
    measure('linear n=32 k=4 d=4 m=1, GD', 300, () => train(linearModel(lin, { d: 4 }), gd)),
    measure('linear n=32 k=4 d=4 m=3, GD', 300, () => train(linearModel(lin3, { d: 4 }), gd)),
    measure('tanh mlp n=32 k=2 d=2, GD', 300, () => train(mlpModel(esl, { d: 2, activation: 'tanh' }), gd)),
    measure('tanh mlp n=32 k=2 d=2, SGD', 300, () => train(mlpModel(esl, { d: 2, activation: 'tanh' }), { ...gd, optimizer: 'sgd' })),
    measure('ESL softmax n=32 P=2 M=2 K=3, GD', 300, () => train(eslModel(cls, { M: 2, activation: 'sigmoid' }), gd)),
    measure('perceptron 40 points, 20 epochs', 800, () => trainPerceptron(pts, { eta: 0.1, epochs: 20 })),
    measure('quiz 200×10-10-1 SGD 2 epochs, monitor full (opt-in)', 400, () =>
      train(quizModel(quiz, { loss: 'logistic' }), { init: { kind: 'he' }, optimizer: 'sgd', epochs: 2, lr: 0.05, monitor: 'full' })),
    measure('quiz 200×10-10-1 SGD 2 epochs (default monitor: batch)', 400, () =>
      train(quizModel(quiz, { loss: 'logistic' }), { init: { kind: 'he' }, optimizer: 'sgd', epochs: 2, lr: 0.05 })),
  ];
}
