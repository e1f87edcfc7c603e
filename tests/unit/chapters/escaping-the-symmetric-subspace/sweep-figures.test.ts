import { describe, expect, test } from 'vitest';
import { serverDocument } from '../../../support/figures.ts';
import { defaults } from '../../../../src/figure/define.ts';
import { buildMemo } from '../../../../src/figure/build.ts';
import { drawFigure } from '../../../../src/figure/run.ts';
import { toCsv } from '../../../../src/figure/export.ts';
import { GET as plateauCsv } from '../../../../src/pages/data/plateau.csv.ts';
import type { AnyFigure, ComputeContext, Computed } from '../../../../src/figure/types.ts';
import { PLATEAU_SPECS, RELU_SPEC, SWEEP_EPS, sweep, sweepKey } from '../../../../src/chapters/escaping-the-symmetric-subspace/plateau.ts';
import claims from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-claims.ts';
import knobs from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-knobs.ts';
import plateau from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-plateau.ts';

type PlateauData = ReturnType<typeof plateau.compute>;
type KnobsData = ReturnType<typeof knobs.compute>;
type ClaimsData = ReturnType<typeof claims.compute>;
type Ctx = ComputeContext<unknown, unknown>;

// The build's own memo, as the build hands it to figures and the /data endpoints: every sweep runs once
// (five plateau sweeps and ReLU, about 3 s in all), whichever asks first.
/** The keys asked for, and those actually computed, since the last reset. */
let asked: string[] = [];
let made: string[] = [];
const memo: Ctx['memo'] = (key, make) => (asked.push(key), buildMemo(key, () => (made.push(key), make())));
/** What the build's memo holds under a key (throws if nothing yet). */
const cached = (key: string) => buildMemo(key, () => { throw new Error(`nothing cached under ${key}`); });
const specOf = (key: string) => PLATEAU_SPECS.find((p) => p.key === key)!.spec;

/** A figure's compute as the build runs it (prepare through the same memo); `progress` as the worker hands it. */
function run<D>(fig: AnyFigure, over: Record<string, unknown> = {}, o: Partial<Ctx> = {}): D {
  const inputs = fig.prepare?.(memo);
  return fig.compute({ ...defaults(fig.controls), ...over }, { live: false, state: undefined, inputs, memo, progress: () => undefined, ...o }) as D;
}

describe('escape sweep figures', { timeout: 300_000 }, () => {
  test('escape-plateau at its defaults is the erf sweep of the chapter, the very runs plateau.csv holds', () => {
    asked = [];
    const d = run<PlateauData>(plateau);
    expect(asked).toEqual([sweepKey(specOf('erf'))]);
    expect(d.rows).toEqual(cached(sweepKey(specOf('erf'))));
    expect(d.rows).toHaveLength(42);
    expect(d.runs).toHaveLength(42);
    expect(d.means.map((m) => m.eps)).toEqual(SWEEP_EPS);
    expect(drawFigure(plateau, d, serverDocument()).outerHTML).toMatch(/<svg/);
  });

  test('escape-plateau: fewer seeds subset the memoised six-seed sweep and equal a sweep run with only those seeds', () => {
    const full = run<PlateauData>(plateau, { act: 'tanh' });
    asked = [];
    made = [];
    const three = run<PlateauData>(plateau, { act: 'tanh', seeds: 3 });
    // No second sweep: the key asked for is the six-seed sweep's, already cached.
    expect(asked).toEqual([sweepKey(specOf('tanh'))]);
    expect(made).toEqual([]);
    expect(three.rows).toEqual(full.rows.filter((r) => r.seed <= 3));
    expect(three.rows).toEqual(sweep({ ...specOf('tanh'), seeds: [1, 2, 3] }));
    expect(three.alt).toMatch(/^tanh, η = 0\.5, s = 0\.5, 3 seeds: /);
  });

  test('escape-plateau streams partials built only when asked, each a drawable result with a running note', () => {
    let calls = 0;
    const partials: { done: number; data: Computed }[] = [];
    const progress: Ctx['progress'] = (done, partial) => {
      calls++;
      if (calls === 21) partials.push({ done, data: partial() });
    };
    // η = 0.75 is no sweep the build runs: fresh runs, so progress is heard.
    const full = run<PlateauData>(plateau, { eta: 0.75 }, { live: true, progress });
    expect(calls).toBe(42);
    expect(partials).toHaveLength(1);
    const [{ done, data }] = partials as { done: number; data: PlateauData }[];
    expect(done).toBe(0.5);
    expect(data.rows).toEqual(full.rows.slice(0, 21));
    expect(data.note).toBe('Running the sweep… 50% (21 runs).');
    expect(structuredClone(data)).toEqual(data);
    expect(drawFigure(plateau, data, serverDocument()).outerHTML).not.toMatch(/NaN|Infinity/);
    expect(full.note).toBeUndefined();
  });

  test('escape-knobs refits the five sweeps its prepare took from the build: its compute runs nothing', () => {
    asked = [];
    const inputs = knobs.prepare!(memo);
    expect(inputs).toHaveLength(210);
    expect(asked).toEqual(PLATEAU_SPECS.map((p) => sweepKey(p.spec)));
    // Live the inputs arrive as JSON; a memo that refuses proves compute needs no run of its own.
    const refuse = () => { throw new Error('escape-knobs must not compute a sweep'); };
    const live = knobs.compute({ show: 'all', seeds: 6 }, { live: true, state: undefined, inputs: JSON.parse(JSON.stringify(inputs)), memo: refuse, progress: () => undefined });
    expect(live).toEqual(run<KnobsData>(knobs));
    expect(live.lines.map((l) => l.key)).toEqual(['erf', 'tanh', 'eta', 's005', 's15']);
  });

  test('escape-knobs: "Compare" picks the lines, "Seeds per ε" refits each on the first seeds only', () => {
    expect(run<KnobsData>(knobs, { show: 'eta' }).lines.map((l) => l.key)).toEqual(['erf', 'eta']);
    expect(run<KnobsData>(knobs, { show: 'scale' }).lines.map((l) => l.key)).toEqual(['erf', 's005', 's15']);
    expect(run<KnobsData>(knobs, { show: 'act' }).lines.map((l) => l.key)).toEqual(['erf', 'tanh']);
    const two = run<KnobsData>(knobs, { seeds: 2 });
    expect(two.lines.every((l) => l.runs === 14)).toBe(true);
    expect(two.lines.map((l) => l.slope)).not.toEqual(run<KnobsData>(knobs).lines.map((l) => l.slope));
    expect(two.alt).toMatch(/^Mean escape α against ln\(1\/ε\), 2 seeds per ε: erf, η = 0\.5, s = 0\.5: slope /);
    // Every run of the five sweeps goes to the CSV, whatever the controls show.
    expect(two.rows).toHaveLength(210);
  });

  test('the three figures print one measurement: their slopes are the claims\' and the plateau figure\'s', () => {
    const c = run<ClaimsData>(claims);
    const k = run<KnobsData>(knobs);
    const p = run<PlateauData>(plateau);
    for (const l of k.lines) expect([l.slope, l.intercept]).toEqual([c.summaries[l.key].fit.slope, c.summaries[l.key].fit.intercept]);
    expect(p.fit).toEqual(c.summaries.erf.fit);
    expect(p.predictedSlope).toBe(c.summaries.erf.predictedSlope);
    expect(c.lines).toHaveLength(6);
    expect(c.rows).toEqual(c.heights);
  });

  test('plateau.csv prints the very runs the figures drew: the five sweeps in order, then ReLU', async () => {
    const c = run<ClaimsData>(claims);
    const text = await plateauCsv().text();
    const cols = text.slice(0, text.indexOf('\n')).split(',');
    const rows = [...PLATEAU_SPECS.map((p) => p.spec), RELU_SPEC].flatMap((s) => cached(sweepKey(s)));
    expect(rows).toHaveLength(5 * 42 + 3 * 6);
    expect(text).toBe(toCsv(rows, cols));
    expect(text.startsWith(toCsv(run<PlateauData>(plateau).rows, cols))).toBe(true);
    expect(c.reluMeans.map((m) => m.of)).toEqual([6, 6, 6]);
  });
});
