// The grid's reader settings and their checks: a bad value gives a message naming it, never a run full of NaN.
import { ConfigError, nonNegative, positive } from '../../core/errors.ts';

/** What the reader may change in every run of the grid: learning rate η, steps, dropout rate p, weight decay γ, noise σ. */
export interface TieSettings { lr: number; steps: number; dropout: number; decay: number; noise: number }

/** The longest run: the grid's 120 runs of it take a few seconds in the worker, a few minutes in a notebook cell. */
export const MAX_STEPS = 1000;

/** Fills each missing setting from `defaults` and checks it, throwing ConfigError naming the first bad one. */
export function checkSettings(over: Partial<TieSettings>, defaults: TieSettings): TieSettings {
  const s = { ...defaults, ...over };
  positive('learning rate η', s.lr);
  if (typeof s.steps !== 'number' || !Number.isInteger(s.steps) || s.steps < 1 || s.steps > MAX_STEPS) {
    throw new ConfigError('steps', `must be a whole number from 1 to ${MAX_STEPS}`, s.steps);
  }
  // p = 1 would drop every unit on every example and scale the kept ones by 1/(1 − p) = ∞.
  if (typeof s.dropout !== 'number' || !(s.dropout >= 0 && s.dropout < 1)) throw new ConfigError('dropout rate p', 'must be in [0, 1)', s.dropout);
  nonNegative('weight decay γ', s.decay);
  nonNegative('noise σ', s.noise);
  return { lr: s.lr, steps: s.steps, dropout: s.dropout, decay: s.decay, noise: s.noise };
}
