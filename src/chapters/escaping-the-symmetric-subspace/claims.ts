import { bestTied, plateauHeight } from './overlap-ode.ts';
import { memoSweep, PLATEAU_SPECS, plateauSummary, RELU_SPEC, tiedThrough, type MemoFn } from './plateau.ts';
import { TS_ACTIVATIONS, type TsActivation } from './teacher-student.ts';

/** Learning rates at which the chapter measures the plateau height. */
export const HEIGHT_ETAS = [1, 0.5, 0.25, 0.125, 0.0625] as const;

/** Everything the chapter claims, as measured by its own runs. */
export interface EscapeClaims {
  summaries: Record<string, ReturnType<typeof plateauSummary>>;
  reluMeans: { eps: number; mean: number | null; escaped: number; of: number }[];
  longestEscape: number;
  zeroRun: { activation: TsActivation; alphas: number; identicalThrough: number }[];
  heights: { eta: number; height: number }[];
  best: ReturnType<typeof bestTied>;
}

/** Runs every measurement behind the chapter's claims, through `memo`: the sweeps are the ones the figures and plateau.csv use. */
export function escapeClaims(memo: MemoFn): EscapeClaims {
  return memo('escape:claims', () => {
    const summaries = Object.fromEntries(PLATEAU_SPECS.map((p) => [p.key, plateauSummary(memoSweep(memo, p.spec))]));
    const relu = memoSweep(memo, RELU_SPEC);
    const all = [...PLATEAU_SPECS.flatMap((p) => memoSweep(memo, p.spec)), ...relu];
    const longestEscape = Math.max(...all.map((r) => r.escape_alpha ?? 0));
    const alphas = 2 * longestEscape;
    const zeroRun = TS_ACTIVATIONS.map((activation) => ({ activation, alphas, identicalThrough: tiedThrough(activation, alphas) }));
    const reluMeans = RELU_SPEC.eps.map((eps) => {
      const at = relu.filter((r) => r.eps === eps);
      const esc = at.map((r) => r.escape_alpha).filter((a): a is number => a !== null);
      return { eps, mean: esc.length ? esc.reduce((a, b) => a + b, 0) / esc.length : null, escaped: esc.length, of: at.length };
    });
    const heights = HEIGHT_ETAS.map((eta) => ({ eta, height: plateauHeight(eta) }));
    return { summaries, reluMeans, longestEscape, zeroRun, heights, best: bestTied() };
  });
}
