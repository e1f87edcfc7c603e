// dist/data/plateau.csv: every run of the escape chapter's sweeps, computed at build time by the same functions and seeds.
import { PLATEAU_SPECS, RELU_SPEC, sweep } from '../../chapters/escaping-the-symmetric-subspace/plateau.ts';
import { toCsv } from '../../core/csv.ts';

export function GET() {
  const rows = [...PLATEAU_SPECS.map((p) => p.spec), RELU_SPEC].flatMap((s) => sweep(s));
  return new Response(toCsv(rows, ['activation', 'eta', 'init_scale', 'eps', 'seed', 'escape_alpha', 'max_alpha', 'growth', 'diverged_alpha']), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });
}
