import { trajectory } from './jobs.ts';
import { BEST_TIED, bestTied, plateauHeight, tiedSaddle, type TiedSaddle } from './overlap-ode.ts';
import { memoSweep, PLATEAU_SPECS, plateauSummary, tiedThrough, type MemoFn } from './plateau.ts';
import { egFromOverlaps } from './gen-error.ts';
import { TS_ACTIVATIONS, tsRun, type TsActivation } from './teacher-student.ts';

/** Learning rates at which the chapter measures the plateau height. */
export const HEIGHT_ETAS = [1, 0.5, 0.25, 0.125, 0.0625] as const;
/** Learning rates at which the chapter linearises the ODE. */
export const SADDLE_ETAS = [0.25, 0.5, 1] as const;
/** Length of the rounding and zero-start runs. */
export const SHORT_RUN = 1000;

/** Everything the chapter claims, as measured by its own runs. */
export interface EscapeClaims {
  summaries: Record<string, ReturnType<typeof plateauSummary>>;
  /** The longest escape of the smooth sweeps (erf, tanh). */
  longestEscape: number;
  zeroRun: { activation: TsActivation; alphas: number; identicalThrough: number }[];
  /** ε = 0, unit 2's field summed in reverse order: does rounding alone split the units? */
  rounding: { activation: TsActivation; firstSplit: number | null; escape: number | null; gapAtEnd: number; identicalChecks: number; checks: number }[];
  /** Part B from w₁ = w₂ = 0: the second layer is fixed at 1, so the units move (tied) unless g′(0) = 0. */
  zeroStart: { activation: TsActivation; moved: boolean; tiedThroughout: boolean; egStart: number; egEnd: number }[];
  heights: { eta: number; height: number }[];
  /** The numeric minimum of a tied student's error, and the closed form. */
  best: ReturnType<typeof bestTied>;
  bestClosed: typeof BEST_TIED;
  saddles: TiedSaddle[];
  /** 1/λ of each saddle, in SADDLE_ETAS order. */
  saddleInverse: number[];
  /** Halving η from 0.5 to 0.25: the measured slopes' ratio, and the ODE's λ(0.5)/λ(0.25). */
  etaFactor: number;
  etaTheoryFactor: number;
}

/** Runs every measurement behind the chapter's claims, through `memo`: the sweeps are the ones the figures and plateau.csv use. */
export function escapeClaims(memo: MemoFn): EscapeClaims {
  return memo('escape:claims', () => {
    const summaries = Object.fromEntries(PLATEAU_SPECS.map((p) => [p.key, plateauSummary(memoSweep(memo, p.spec))]));
    const all = PLATEAU_SPECS.flatMap((p) => memoSweep(memo, p.spec));
    const longestEscape = Math.max(...all.map((r) => r.escape_alpha ?? 0));
    const alphas = 2 * longestEscape;
    const zeroRun = TS_ACTIVATIONS.map((activation) => ({ activation, alphas, identicalThrough: tiedThrough(activation, alphas) }));
    const rounding = TS_ACTIVATIONS.map((activation) => {
      const r = trajectory({ activation, eps: 0, order: 'reversed', maxAlpha: SHORT_RUN });
      return {
        activation, firstSplit: r.firstSplit, escape: r.escape, gapAtEnd: r.rows[r.rows.length - 1].gap,
        identicalChecks: r.rows.filter((x) => x.identical).length, checks: r.rows.length,
      };
    });
    const zeroStart = TS_ACTIVATIONS.map((activation) => {
      const run = tsRun({ activation, eps: 0, scale: 0, maxAlpha: 50 });
      const eg = (i: number) => egFromOverlaps(activation, [...run.rows[i].R, ...run.rows[i].Q]);
      // From w = 0 any move makes |w₁|² > 0.
      const moved = run.rows.some((x) => x.Q[0] > 0);
      return { activation, moved, tiedThroughout: run.rows.every((x) => x.identical), egStart: eg(0), egEnd: eg(run.rows.length - 1) };
    });
    const heights = HEIGHT_ETAS.map((eta) => ({ eta, height: plateauHeight(eta) }));
    const saddles = SADDLE_ETAS.map((eta) => tiedSaddle(eta)!);
    const lam = (eta: number) => saddles[SADDLE_ETAS.indexOf(eta as (typeof SADDLE_ETAS)[number])].lambda;
    return {
      summaries, longestEscape, zeroRun, rounding, zeroStart, heights, best: bestTied(), bestClosed: BEST_TIED, saddles,
      saddleInverse: saddles.map((x) => 1 / x.lambda),
      etaFactor: summaries.eta.fit.slope / summaries.erf.fit.slope,
      etaTheoryFactor: lam(0.5) / lam(0.25),
    };
  });
}
