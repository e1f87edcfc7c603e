import { bestTied, plateauHeight } from './overlap-ode.ts';
import { PLATEAU_SPECS, plateauSummary, RELU_SPEC, sweep, tiedThrough } from './plateau.ts';
import { TS_ACTIVATIONS, type TsActivation } from './teacher-student.ts';

/** Learning rates at which the chapter measures the plateau height. */
export const HEIGHT_ETAS = [1, 0.5, 0.25, 0.125, 0.0625] as const;

/** Everything the chapter claims, as measured by its own runs (memoised per process). */
export interface EscapeClaims {
  summaries: Record<string, ReturnType<typeof plateauSummary>>;
  reluMeans: { eps: number; mean: number | null; escaped: number; of: number }[];
  longestEscape: number;
  zeroRun: { activation: TsActivation; alphas: number; identicalThrough: number }[];
  heights: { eta: number; height: number }[];
  best: ReturnType<typeof bestTied>;
}

/** Runs (or recalls) every measurement behind the chapter's claims. */
export function escapeClaims(): EscapeClaims {
  const g = globalThis as { __bsEscapeClaims?: EscapeClaims };
  if (g.__bsEscapeClaims) return g.__bsEscapeClaims;
  const summaries = Object.fromEntries(PLATEAU_SPECS.map((p) => [p.key, plateauSummary(sweep(p.spec))]));
  const relu = sweep(RELU_SPEC);
  const all = [...PLATEAU_SPECS.flatMap((p) => sweep(p.spec)), ...relu];
  const longestEscape = Math.max(...all.map((r) => r.escape_alpha ?? 0));
  const alphas = 2 * longestEscape;
  const zeroRun = TS_ACTIVATIONS.map((activation) => ({ activation, alphas, identicalThrough: tiedThrough(activation, alphas) }));
  const reluMeans = RELU_SPEC.eps.map((eps) => {
    const at = relu.filter((r) => r.eps === eps);
    const esc = at.map((r) => r.escape_alpha).filter((a): a is number => a !== null);
    return { eps, mean: esc.length ? esc.reduce((a, b) => a + b, 0) / esc.length : null, escaped: esc.length, of: at.length };
  });
  const heights = HEIGHT_ETAS.map((eta) => ({ eta, height: plateauHeight(eta) }));
  g.__bsEscapeClaims = { summaries, reluMeans, longestEscape, zeroRun, heights, best: bestTied() };
  return g.__bsEscapeClaims;
}
