// dist/data/regime.csv: the escape chapter's regime map (gradient descent and SGD), classified at build time.
import { regimeGrid, regimeGridKey, REGIME_COLUMNS, tieName } from '../../chapters/escaping-the-symmetric-subspace/regime.ts';
import { toCsv } from '../../figure/export.ts';
import { buildMemo } from '../../figure/build.ts';

export function GET() {
  // Through the build's memo, under a key for the whole RegimeCell[] grid: a figure asking for the same key shares these runs.
  const rows = (['gd', 'sgd'] as const).flatMap((opt) => buildMemo(regimeGridKey(opt), () => regimeGrid(opt)).map((c) => {
    const col = REGIME_COLUMNS[c.column];
    return { optimizer: opt, activation: c.activation, scale: col.scale, ties: col.tie ? tieName(col.tie) : 'all zero', regime: c.regime, first_step_units_differ: c.firstDiffer, first_step_features_differ: c.featuresDiffer, steps: c.steps };
  }));
  return new Response(toCsv(rows, ['optimizer', 'activation', 'scale', 'ties', 'regime', 'first_step_units_differ', 'first_step_features_differ', 'steps']), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
}
