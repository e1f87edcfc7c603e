// The escape chapter's numbers for `npm run bench`: SGD steps per second at N = 40, and the default erf sweep.
import { escapeMeans, PLATEAU_SPECS, sweepRow } from '../../src/chapters/escaping-the-symmetric-subspace/plateau.ts';
import { tsRun } from '../../src/chapters/escaping-the-symmetric-subspace/teacher-student.ts';
import { fastRng } from '../../src/chapters/escaping-the-symmetric-subspace/fast-normal.ts';
import { makeRng } from '../../src/core/random.ts';

/** Rows for the bench table (goal: ≤ 0.5 µs per SGD step in Node; the default sweep well under a second). */
export function benchEscape(): Record<string, string | number>[] {
  const rows: Record<string, string | number>[] = [];
  for (const activation of ['erf', 'tanh', 'relu'] as const) {
    tsRun({ activation, eps: 0, maxAlpha: 500 }); // warm up the JIT
    const alphas = 4000;
    const t = performance.now();
    tsRun({ activation, eps: 0, maxAlpha: alphas });
    const ms = performance.now() - t;
    const steps = alphas * 40;
    rows.push({ name: `teacher–student SGD step, ${activation}, N = 40`, 'steps/s': Math.round(steps / (ms / 1000)), 'ns/step': +((ms * 1e6) / steps).toFixed(0) });
  }
  const n = 1_000_000;
  const buf = new Float64Array(n);
  const f = fastRng(1);
  f.fill(buf);
  let t = performance.now();
  f.fill(buf);
  rows.push({ name: 'normal draw: fastRng ziggurat', 'ns/draw': +(((performance.now() - t) * 1e6) / n).toFixed(1) });
  const d = makeRng(1);
  t = performance.now();
  for (let i = 0; i < n; i++) buf[i] = d.normal();
  rows.push({ name: 'normal draw: d3 randomNormal + randomLcg', 'ns/draw': +(((performance.now() - t) * 1e6) / n).toFixed(1) });
  // The default sweep, uncached: 7 ε × 6 seeds of erf at η = 0.5.
  const spec = PLATEAU_SPECS[0].spec;
  t = performance.now();
  const sweep = spec.eps.flatMap((eps) => spec.seeds.map((seed) => sweepRow(spec, eps, seed)));
  const ms = performance.now() - t;
  const alphas = sweep.reduce((s, r) => s + (r.escape_alpha ?? r.max_alpha), 0);
  rows.push({ name: 'default erf sweep (7 ε × 6 seeds)', 'ms': +ms.toFixed(0), 'ns/step': +((ms * 1e6) / (alphas * 40)).toFixed(0), runs: sweep.length, means: escapeMeans(sweep).length });
  return rows;
}
