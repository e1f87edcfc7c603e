import { mlpModel } from '../../core/mlp.ts';
import { curvature, fit, functionGap, randomStart, TRAIN, withDecay, type Fit } from './fit.ts';
import { canonical, orbitSize, relabel } from './group.ts';
import { matchUnits } from './match.ts';

/** The restarts' objective J = L + λ‖θ‖²: small enough to keep every unit busy, large enough to make minima strict. */
export const DECAY = 1e-4;
/** Adam's rate, damped Newton steps and the gradient tolerance every restart is run to. */
export const RESTART_FIT = { lr: 0.02, newton: 300, tol: 1e-11 };
/**
 * Two restarts are one minimum when their functions agree to this on the test grid. A run within ‖∇J‖ < 1e-11 of
 * a minimum of curvature μ ≥ 1e-4 (printed) is within ‖∇J‖/μ = 1e-7 of it in weights and far closer in function;
 * distinct minima differ by 1e-3 or more (printed).
 */
export const SAME_FUNCTION = 1e-6;

/** Two units of a trained net count as coinciding (for the count of its copies) when their weights agree to this. */
export const COINCIDE = 1e-6;

/** The network of the restarts: M units of σ, on the chapter's training set, with weight decay. */
export const restartModel = (M: number, act: 'tanh' | 'erf') => withDecay(mlpModel(TRAIN, { d: M, activation: act }), DECAY);

/** One restart run to the tolerance, with its curvature (the smallest Hessian eigenvalue > 0 at a strict minimum). */
export function restart(M: number, act: 'tanh' | 'erf', seed: number, steps: number): Fit & { minEig: number } {
  const J = restartModel(M, act);
  const f = fit(J, { start: randomStart(J.layout, seed), steps, ...RESTART_FIT });
  return { ...f, minEig: f.diverged ? NaN : curvature(J, f.params).min };
}

/** The figure's note on a set of restarts: how many stopped short of the tolerance or diverged (undefined if none). */
export function restartsNote(runs: readonly Pick<Fit, 'capped' | 'diverged'>[]): string | undefined {
  const capped = runs.filter((r) => r.capped).length;
  const diverged = runs.filter((r) => r.diverged).length;
  if (!capped && !diverged) return undefined;
  return `${capped ? `${capped} restart(s) stopped with ‖∇J‖ ≥ ${RESTART_FIT.tol.toExponential(0)}: their grouping is not final (more Adam steps help). ` : ''}${diverged ? `${diverged} diverged.` : ''}`.trim();
}

/** A group of restarts with the same function: its lead (first member), members, and how closely they agree. */
export interface MinimumGroup {
  lead: number;
  members: number[];
  loss: number;
  /** Largest function gap to the lead on the test grid. */
  gap: number;
  /** Largest weight distance to the lead after matching units (canonical forms, assignment). */
  distance: number;
}

/**
 * Groups restarts by function (gap below SAME_FUNCTION to a group's lead), then canonicalises each and matches
 * its units to its lead's; returns the groups (lowest J first), each run's group, its canonical and matched weights,
 * its distance to the lead before and after matching, and log₁₀ of the number of weight vectors with its function.
 */
export function groupRestarts(M: number, act: 'tanh' | 'erf', runs: readonly Fit[]) {
  const L = restartModel(M, act).layout;
  const groups: MinimumGroup[] = [];
  const of: number[] = [];
  runs.forEach((r, i) => {
    const g = groups.findIndex((G) => functionGap(M, act, runs[G.lead].params, r.params) < SAME_FUNCTION);
    if (g >= 0) {
      groups[g].members.push(i);
      of.push(g);
    } else {
      of.push(groups.length);
      groups.push({ lead: i, members: [i], loss: r.loss, gap: 0, distance: 0 });
    }
  });
  const canon = runs.map((r) => canonical(L, r.params, act).params);
  const matched = runs.map((r, i) => {
    const lead = canon[groups[of[i]].lead];
    const m = matchUnits(L, lead, canon[i], act);
    const raw = Math.hypot(...Array.from(runs[groups[of[i]].lead].params, (v, q) => v - r.params[q]));
    const gap = functionGap(M, act, runs[groups[of[i]].lead].params, r.params);
    const G = groups[of[i]];
    G.gap = Math.max(G.gap, gap);
    G.distance = Math.max(G.distance, m.distance);
    return { raw, distance: m.distance, gap, params: relabel(L, canon[i], m.g) };
  });
  // Lowest J first; renumber each run's group to match.
  const order = groups.map((_, g) => g).sort((a, b) => groups[a].loss - groups[b].loss);
  const rank: number[] = [];
  order.forEach((g, r) => (rank[g] = r));
  // Distinct minima: the smallest function gap between two groups' leads.
  let apart = Infinity;
  for (let a = 0; a < groups.length; a++) for (let b = a + 1; b < groups.length; b++) apart = Math.min(apart, functionGap(M, act, runs[groups[a].lead].params, runs[groups[b].lead].params));
  return {
    groups: order.map((g) => groups[g]),
    of: of.map((g) => rank[g]),
    matched,
    copies: runs.map((r) => orbitSize(L, r.params, act, COINCIDE)),
    apart,
  };
}
