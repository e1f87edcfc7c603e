import { ACTIVATIONS, type ActivationName } from '../../core/activations.ts';
import { regressionData } from '../../core/datasets.ts';
import type { InitScheme, Tie } from '../../core/init.ts';
import { mlpModel } from '../../core/mlp.ts';
import { unitsIdenticalAt } from '../../core/trace.ts';
import { train, type Trace } from '../../core/train.ts';

/** Which per-unit groups start tied: incoming weights W, hidden biases b, outgoing weights V. */
export interface TiePattern { incoming: Tie; bias: Tie; outgoing: Tie }
/** The eight tie patterns, all tied first. */
export const TIE_PATTERNS: TiePattern[] = (['tied', 'random'] as const).flatMap((incoming) =>
  (['tied', 'random'] as const).flatMap((bias) => (['tied', 'random'] as const).map((outgoing) => ({ incoming, bias, outgoing }))));
/** Init scales: zero (every parameter 0), small (std 0.01), normal (std 0.5). */
export const REGIME_SCALES = { zero: 0, small: 0.01, normal: 0.5 } as const;
/** One of the init scale names. */
export type ScaleName = keyof typeof REGIME_SCALES;

/** How a run treated the symmetry, decided exactly (bitwise), never by a threshold. */
export type Regime = 'stuck' | 'tied' | 'broken';

/** Short name of a tie pattern, e.g. "W tied · b random · V tied". */
export function tieName(t: TiePattern): string {
  return `W ${t.incoming} · b ${t.bias} · V ${t.outgoing}`;
}

/** The chapter's data and network: chapter 2's tanh-teacher data (n = 32, two inputs), three hidden units. */
export const REGIME_SETUP = { n: 32, k: 2, teacher: 'tanh', d: 3, lr: 0.05, steps: 200, seed: 3 } as const;

/** One short seeded run of a cell. */
export function regimeRun(act: ActivationName, tie: TiePattern, scale: ScaleName, optimizer: 'gd' | 'sgd' = 'gd', steps: number = REGIME_SETUP.steps, lr: number = REGIME_SETUP.lr): Trace {
  const { n, k, teacher, d, seed } = REGIME_SETUP;
  const data = regressionData({ n, k, teacher, seed: 1 });
  const init: InitScheme = scale === 'zero' ? { kind: 'zero' } : { kind: 'tied', ...tie, scale: REGIME_SCALES[scale] };
  return train(mlpModel(data, { d, activation: act }), { init, optimizer, lr, steps, seed });
}

/** Whether the per-unit parameters (W, b, V; not the shared output bias) at row s equal those at row 0, bit for bit. */
function unitsUnchanged(t: Trace, s: number): boolean {
  const P = t.nParams;
  const end = t.layout.ib2 >= 0 ? t.layout.ib2 : P;
  for (let q = 0; q < end; q++) if (!Object.is(t.params[s * P + q], t.params[q])) return false;
  return true;
}

/** Whether the incoming vectors (W[:, j], b_j) of all units equal unit 0's at row s, bit for bit. */
function featuresEqual(t: Trace, s: number): boolean {
  const { k, d, iW, ib, biases } = t.layout;
  const o = s * t.nParams;
  for (let j = 1; j < d; j++) {
    for (let i = 0; i < k; i++) if (!Object.is(t.params[o + iW + i * d + j], t.params[o + iW + i * d])) return false;
    if (biases && !Object.is(t.params[o + ib + j], t.params[o + ib])) return false;
  }
  return true;
}

/** A classified run: the regime, the first row at which the units differ, and the first at which their features do. */
export interface Classified { regime: Regime; firstDiffer: number | null; featuresDiffer: number | null; steps: number }

/** stuck: no per-unit parameter ever changes; tied: they change but the units stay bitwise equal; broken: units differ. */
export function classify(t: Trace): Classified {
  let stuck = true;
  let firstDiffer: number | null = null;
  let featuresDiffer: number | null = null;
  for (let s = 0; s < t.rows; s++) {
    if (stuck && !unitsUnchanged(t, s)) stuck = false;
    if (firstDiffer === null && !unitsIdenticalAt(t, s)) firstDiffer = s;
    if (featuresDiffer === null && !featuresEqual(t, s)) featuresDiffer = s;
  }
  const regime: Regime = firstDiffer !== null ? 'broken' : stuck ? 'stuck' : 'tied';
  return { regime, firstDiffer, featuresDiffer, steps: t.rows - 1 };
}

/** The label a cell shows (text, so colour is never the only cue). */
export function regimeLabel(c: Classified): string {
  if (c.regime !== 'broken') return c.regime === 'stuck' ? 'stuck' : 'tied';
  return c.featuresDiffer === null ? 'V only' : `split@${c.featuresDiffer}`;
}

/** A column of the map: an init scale and, unless the scale is zero (then every pattern is the same all-zero start), a tie pattern. */
export interface RegimeColumn { scale: ScaleName; tie: TiePattern | null }
/** The 17 columns: zero, then the eight patterns at small and at normal scale. */
export const REGIME_COLUMNS: RegimeColumn[] = [
  { scale: 'zero', tie: null },
  ...(['small', 'normal'] as const).flatMap((scale) => TIE_PATTERNS.map((tie) => ({ scale, tie }))),
];

/** One cell of the map. */
export interface RegimeCell extends Classified { activation: ActivationName; column: number; label: string }

/** Runs and classifies one cell. */
export function regimeCell(act: ActivationName, column: number, optimizer: 'gd' | 'sgd' = 'gd'): RegimeCell {
  const col = REGIME_COLUMNS[column];
  const c = classify(regimeRun(act, col.tie ?? TIE_PATTERNS[0], col.scale, optimizer));
  return { ...c, activation: act, column, label: regimeLabel(c) };
}

/** The memo key of a whole regime map: the figure and /data/regime.csv share one computation per build. */
export const regimeGridKey = (optimizer: 'gd' | 'sgd') => `escape:regime-grid:${optimizer}`;

/** The whole map: 5 activations × 17 columns, row by row; `onCell` hears after each cell the cells so far and the fraction done. */
export function regimeGrid(optimizer: 'gd' | 'sgd' = 'gd', onCell?: (cells: readonly RegimeCell[], done: number) => void): RegimeCell[] {
  const cells: RegimeCell[] = [];
  const total = ACTIVATIONS.length * REGIME_COLUMNS.length;
  for (const a of ACTIVATIONS) for (let i = 0; i < REGIME_COLUMNS.length; i++) {
    cells.push(regimeCell(a, i, optimizer));
    onCell?.(cells, cells.length / total);
  }
  return cells;
}
