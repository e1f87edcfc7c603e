import { deepNet, initDeep } from '../../core/deep.ts';
import { circleData, deepTrainer } from '../../core/deep-train.ts';
import { deriveSeed, makeRng } from '../../core/random.ts';
import { ruleVariance, type Rule } from './rules.ts';

/** A training run's settings: L hidden layers of n units on the two circles, SGD with batch B and rate lr. */
export interface TrainSpec { L: number; n: number; act: 'tanh' | 'relu'; steps: number; lr: number; B: number; sigma2: number; seed: number; examples: number }

/** How a run ended: the loss fell below half its start, was still above it at the last step, or left the finite numbers. */
export type Outcome = 'trains' | 'plateau' | 'diverges';

/** The training figures' defaults: 20 hidden ReLU layers of 12 units, SGD batch 10 at rate 0.01 for 800 steps, free σ² = 0.1. */
export const TRAIN_DEFAULTS = { act: 'relu', L: 20, n: 12, lr: 0.01, steps: 800, B: 10, examples: 200, sigma2: 0.1 } as const;

/** One run: the loss over all examples every `every` steps (until it diverged), and how it ended. */
export interface TrainRun { rule: Rule; losses: { step: number; loss: number }[]; outcome: Outcome; divergedAt: number | null; start: number; end: number }

// A run has diverged when its loss is not finite or a hundred times its start: SGD is then running away.
const GROWTH = 100;

/**
 * Trains one net per rule from the same draws (one seed, so rules differ only by the scale of each layer)
 * and reports the loss every `every` steps; `tick` is called after each rule (for a worker's progress).
 */
export function trainRules(s: TrainSpec, rules: readonly Rule[], every: number, tick: (done: number, runs: TrainRun[]) => void = () => {}): TrainRun[] {
  const data = circleData(s.examples, makeRng(deriveSeed(s.seed, 1)));
  const widths = [2, ...Array.from({ length: s.L }, () => s.n), 1];
  const net = deepNet(widths, s.act, Math.max(s.B, 64));
  const runs: TrainRun[] = [];
  for (const rule of rules) {
    const p = initDeep(net, new Float64Array(net.size), makeRng(s.seed), (_l, a, b) => ruleVariance(rule, a, b, s.sigma2));
    const t = deepTrainer(net, data, makeRng(deriveSeed(s.seed, 2)));
    const start = t.loss(p);
    const losses = [{ step: 0, loss: start }];
    const limit = GROWTH * start;
    let divergedAt: number | null = Number.isFinite(start) ? null : 0;
    for (let step = 1; step <= s.steps && divergedAt === null; step++) {
      const batch = t.step(p, s.lr, s.B);
      if (!(Number.isFinite(batch) && batch < limit)) divergedAt = step;
      else if (step % every === 0) {
        const L = t.loss(p);
        if (Number.isFinite(L) && L < limit) losses.push({ step, loss: L });
        else divergedAt = step;
      }
    }
    const end = losses[losses.length - 1].loss;
    const outcome: Outcome = divergedAt !== null ? 'diverges' : end < 0.5 * start ? 'trains' : 'plateau';
    runs.push({ rule, losses, outcome, divergedAt, start, end });
    tick(runs.length / rules.length, runs);
  }
  return runs;
}

/** How many of seeds 1…`seeds` ended each way, per rule, for one setting (only the final loss is evaluated). */
export function seedCounts(s: Omit<TrainSpec, 'seed'>, rules: readonly Rule[], seeds: number): { rule: Rule; trains: number; plateau: number; diverges: number }[] {
  const counts = rules.map((rule) => ({ rule, trains: 0, plateau: 0, diverges: 0 }));
  for (let seed = 1; seed <= seeds; seed++) trainRules({ ...s, seed }, rules, s.steps).forEach((r, i) => counts[i][r.outcome]++);
  return counts;
}
