import { symmetricEigenvalues } from '../../core/linalg.ts';
import { curvature, withWeightDecay } from '../../core/curvature.ts';
import { mlpModel } from '../../core/mlp.ts';
import { fit, functionGap, polish, randomStart, TEST, TRAIN, type Fit } from './fit.ts';
import { canonical, orbitSize, relabel } from './group.ts';
import { nearKinks, pinnedModel, smallestSubgradient, type Pin } from './kinks.ts';
import { matchUnits } from './match.ts';
import { reluHessian } from './relu-hessian.ts';

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

/** The setup the prose quotes, read off the constants: decay λ, tolerance, same-function threshold, training set and test grid. */
export const RESTART_SETUP = {
  decay: DECAY, tol: RESTART_FIT.tol, sameFunction: SAME_FUNCTION,
  trainN: TRAIN.n, trainLo: TRAIN.X[0], trainHi: TRAIN.X[TRAIN.n - 1],
  testN: TEST.n, testLo: TEST.X[0], testHi: TEST.X[TEST.n - 1],
};

/** Two units of a trained net count as coinciding (for the count of its copies) when their weights agree to this. */
export const COINCIDE = 1e-6;

/**
 * A Hessian eigenvalue within ±FLAT is zero to rounding (≈1e-11 for central differences, 1e-15 exact): J is flat
 * in that direction. Below −FLAT it is negative, a saddle.
 */
export const FLAT = 1e-8;

/** The activations the restarts offer. */
export type RestartAct = 'tanh' | 'erf' | 'relu';

/** A restart's end: the fit, its smallest Hessian eigenvalue, and how many ReLU kinks it holds exactly on a training input. */
export type Run = Fit & { minEig: number; pinned: number };

/** The network of the restarts: M units of σ, on the chapter's training set, with weight decay (ReLU′(0) as given). */
export const restartModel = (M: number, act: RestartAct, reluPrimeAtZero: 0 | 1 = 0) => withWeightDecay(mlpModel(TRAIN, { d: M, activation: act, reluPrimeAtZero }), DECAY);

/** One restart run to the tolerance, with its curvature (the smallest Hessian eigenvalue > 0 at a strict minimum). */
export function restart(M: number, act: RestartAct, seed: number, steps: number): Run {
  const J = restartModel(M, act);
  if (act === 'relu') return settleKinks(M, fit(J, { start: randomStart(J.layout, seed), steps, lr: RESTART_FIT.lr }));
  const f = fit(J, { start: randomStart(J.layout, seed), steps, ...RESTART_FIT });
  return { ...f, minEig: f.diverged ? NaN : curvature(J, f.params).min, pinned: 0 };
}

/** A kink this close (in x) to a training input is held on it for the polish; the inputs are 4/39 ≈ 0.1 apart. */
export const PIN_WITHIN = 1e-3;
/** Rounds of pinning kinks and releasing those that would rather move. */
const ROUNDS = 8;

/**
 * The polish of a ReLU restart after Adam: damped Newton with the exact Hessian on the surface where the kinks
 * near an input stay on it; a pin whose multiplier t ends at 0 or 1 (the kink would rather cross) is released and
 * the polish goes on. ‖∇J‖ reported is the smallest subgradient, and the curvature is that on the surface.
 */
function settleKinks(M: number, adam: Fit): Run {
  if (adam.diverged) return { ...adam, minEig: NaN, pinned: 0 };
  const [J, above] = [restartModel(M, 'relu'), restartModel(M, 'relu', 1)];
  const { tol, newton } = RESTART_FIT;
  let p = adam.params;
  let [steps, reached, loss, pins, held, minEig] = [adam.steps, -1, adam.loss, [] as Pin[], 0, NaN];
  let norm = Infinity;
  const released = new Set<string>();
  for (let round = 0; round < ROUNDS; round++) {
    const near = nearKinks(J.layout, p, TRAIN.X, PIN_WITHIN).filter((s) => !released.has(`${s.unit}:${s.point}`) && !pins.some((t) => t.unit === s.unit));
    pins = [...pins, ...near];
    const R = pinnedModel(J, pins);
    const hess = (r: Float64Array) => R.hessian(reluHessian(TRAIN, M, R.expand(r), DECAY));
    // J rounds to some 1e-16 here and the last steps gain less than that: let J round up by 64 ulps if ‖∇J‖ falls.
    const end = polish(R.model, R.reduce(p), { newton, tol, hess, ulps: 64 });
    p = R.expand(end.params);
    loss = end.loss;
    const sub = smallestSubgradient(J, above, p);
    norm = sub.norm;
    steps += end.taken;
    minEig = Math.min(...symmetricEigenvalues(hess(end.params), end.params.length));
    held = sub.t.filter((t) => t > 0 && t < 1).length;
    if (reached < 0 && norm < tol) reached = steps;
    if (norm < tol) break;
    const loose = pins.filter((s) => !(sub.t[s.unit] > 0 && sub.t[s.unit] < 1));
    // A released kink may be pinned again later, once it has had a round to move (never straight back).
    released.clear();
    for (const s of loose) released.add(`${s.unit}:${s.point}`);
    pins = pins.filter((s) => !loose.includes(s));
  }
  return { params: p, loss, gradNorm: norm, steps: reached < 0 ? steps : reached, diverged: false, capped: norm >= tol, minEig, pinned: held };
}


/** The figure's note on a set of restarts: how many stopped short of the tolerance, ended at a saddle, or diverged; undefined if none. */
export function restartsNote(runs: readonly (Pick<Fit, 'capped' | 'diverged'> & { minEig?: number })[]): string | undefined {
  const capped = runs.filter((r) => r.capped).length;
  // A dead ReLU unit, all weights zero, has ∇J = 0 exactly, and can be a saddle: Newton steps cannot leave it.
  const saddles = runs.filter((r) => !r.diverged && (r.minEig ?? 0) < -FLAT).length;
  const diverged = runs.filter((r) => r.diverged).length;
  if (!capped && !diverged && !saddles) return undefined;
  return [
    capped ? `${capped} restart(s) stopped with ‖∇J‖ ≥ ${RESTART_FIT.tol.toExponential(0)}: their grouping is not final (more Adam steps help).` : '',
    saddles ? `${saddles} ended at a saddle, not a minimum (a negative Hessian eigenvalue in the table), which Newton steps cannot leave.` : '',
    diverged ? `${diverged} diverged.` : '',
  ].filter(Boolean).join(' ');
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
export function groupRestarts(M: number, act: RestartAct, runs: readonly Fit[]) {
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
