// dist/data/plateau.csv: every run of the escape chapter's sweeps, computed at build time by the same functions and seeds.
import { memoSweep, PLATEAU_SPECS, RELU_SPEC } from '../../chapters/escaping-the-symmetric-subspace/plateau.ts';
import { toCsv } from '../../figure/export.ts';
import { buildMemo } from '../../figure/build.ts';

export function GET() {
  // Through the build's memo: the escape figures' sweeps are these very runs, computed once per build.
  const rows = [...PLATEAU_SPECS.map((p) => p.spec), RELU_SPEC].flatMap((s) => memoSweep(buildMemo, s));
  return new Response(toCsv(rows, ['activation', 'eta', 'init_scale', 'eps', 'seed', 'escape_alpha', 'max_alpha', 'growth', 'diverged_alpha']), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });
}
