import { firstOutside, predictSpread, ruleVariance, type PHI, type Rule } from './rules.ts';

/** Where the wide-network theory says a signal leaves [1e-3, 1e3] in RMS: layer for activations, layers down for gradients. */
export interface Exit { act: keyof typeof PHI; rule: Rule; forward: number | null; backward: number | null; zLast: number; gFirst: number; zRms: number[]; gRms: number[] }

/** The theory's exits for L layers of equal width (the width cancels: only Glorot's n_in + n_out would see it, and they are equal). */
export function theoryExits(acts: readonly (keyof typeof PHI)[], rules: readonly Rule[], L: number, biasVariance: number, n = 100): Exit[] {
  const widths = Array.from({ length: L + 1 }, () => n);
  return acts.flatMap((act) => rules.map((rule) => {
    const { q, g } = predictSpread(widths, widths.slice(1).map((b, l) => ruleVariance(rule, widths[l], b)), act, 1, biasVariance);
    const zRms = q.map(Math.sqrt), gRms = g.map(Math.sqrt);
    return { act, rule, forward: firstOutside(zRms), backward: firstOutside([...gRms].reverse()), zLast: zRms[L - 1], gFirst: gRms[0], zRms, gRms };
  }));
}
