// dist/data/plateau.csv: every run of the escape chapter's sweeps, computed at build time by the same functions and seeds.
import { reluSweep } from '../../chapters/escaping-the-symmetric-subspace/jobs.ts';
import { memoSweep, PLATEAU_SPECS, RELU_SPEC } from '../../chapters/escaping-the-symmetric-subspace/plateau.ts';
import { toCsv } from '../../figure/export.ts';
import { buildMemo } from '../../figure/build.ts';

/** The columns, in order: growth is the rate of ln(gap) on the plateau; first_split and split_angle are for ReLU's wait. */
export const PLATEAU_COLUMNS = ['activation', 'eta', 'init_scale', 'eps', 'seed', 'escape_alpha', 'max_alpha', 'growth', 'first_split', 'split_angle', 'diverged_alpha'];

export function GET() {
  // Through the build's memo: the escape figures' sweeps are these very runs, computed once per build.
  const rows = [...PLATEAU_SPECS.flatMap((p) => memoSweep(buildMemo, p.spec)), ...reluSweep(buildMemo, RELU_SPEC).rows];
  return new Response(toCsv(rows, PLATEAU_COLUMNS), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });
}
