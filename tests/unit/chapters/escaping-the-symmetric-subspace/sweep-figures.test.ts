import { describe, expect, test } from 'vitest';
import { serverDocument } from '../../../support/figures.ts';
import { defaults } from '../../../../src/figure/define.ts';
import { buildMemo } from '../../../../src/figure/build.ts';
import { drawFigure, staticView } from '../../../../src/figure/run.ts';
import { toCsv } from '../../../../src/figure/export.ts';
import { GET as plateauCsv, PLATEAU_COLUMNS } from '../../../../src/pages/data/plateau.csv.ts';
import type { AnyFigure, ComputeContext, Computed } from '../../../../src/figure/types.ts';
import { reluSweep, trajectory } from '../../../../src/chapters/escaping-the-symmetric-subspace/jobs.ts';
import { BEST_TIED, tiedSaddle } from '../../../../src/chapters/escaping-the-symmetric-subspace/overlap-ode.ts';
import { meanSe, PLATEAU_SPECS, RELU_FIT_MAX, RELU_SEEDS, RELU_SPEC, SWEEP_EPS, sweep, sweepKey, WIDTH_SPEC } from '../../../../src/chapters/escaping-the-symmetric-subspace/plateau.ts';
import claims from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-claims.ts';
import knobs from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-knobs.ts';
import plateau from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-plateau.ts';
import relu from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-relu.ts';
import width from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-width.ts';

type PlateauData = ReturnType<typeof plateau.compute>;
type KnobsData = ReturnType<typeof knobs.compute>;
type ClaimsData = ReturnType<typeof claims.compute>;
type ReluData = ReturnType<typeof relu.compute>;
type WidthData = ReturnType<typeof width.compute>;
type Ctx = ComputeContext<unknown, unknown>;

// Every test of the chapter that needs its sweeps is in this file, so they run once per test run: through the
// build's own memo, as the build hands it to figures and the /data endpoints (five plateau sweeps, ReLU and the
// random starts, about 6 s in all on one core), whichever asks first.
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
    // Its prepare takes the build's sweeps at s = 0.5 (erf and tanh at η = 0.5, erf at 0.25); compute asks for nothing more.
    expect(asked).toEqual(['erf', 'tanh', 'eta'].map((k) => sweepKey(specOf(k))));
    expect(d.rows).toEqual(cached(sweepKey(specOf('erf'))));
    expect(d.rows).toHaveLength(42);
    expect(d.runs).toHaveLength(42);
    expect(d.means.map((m) => m.eps)).toEqual(SWEEP_EPS);
    expect(drawFigure(plateau, d, serverDocument()).outerHTML).toMatch(/<svg/);
  });

  test('escape-plateau: fewer seeds subset the prepared six-seed sweep and equal a sweep run with only those seeds', () => {
    const full = run<PlateauData>(plateau, { act: 'tanh' });
    made = [];
    const three = run<PlateauData>(plateau, { act: 'tanh', seeds: 3 });
    // No second sweep: the six-seed sweep is already cached.
    expect(made).toEqual([]);
    // Live the prepared sweeps arrive as JSON; a memo that refuses proves the seeds, and g and η the build ran, need no run.
    const inputs = JSON.parse(JSON.stringify(plateau.prepare!(memo)));
    const refuse = () => { throw new Error('escape-plateau must not run a prepared sweep again'); };
    type Params = Parameters<typeof plateau.compute>[0];
    const live = (over: Partial<Params>) => plateau.compute({ ...(defaults(plateau.controls) as Params), ...over }, { live: true, state: undefined, inputs, memo: refuse, progress: () => undefined });
    expect(live({ act: 'tanh', seeds: 3 })).toEqual(three);
    for (const over of [{}, { seeds: 2 }, { eta: 0.25, seeds: 5 }]) expect(live(over)).toEqual(run<PlateauData>(plateau, over));
    expect(() => live({ eta: 1 })).toThrow(/must not run/);
    expect(three.rows).toEqual(full.rows.filter((r) => r.seed <= 3));
    expect(three.rows).toEqual(sweep({ ...specOf('tanh'), seeds: [1, 2, 3] }));
    expect(three.alt).toMatch(/^tanh, η = 0\.5, s = 0\.5, 3 seeds: /);
    // No ODE for tanh here: no predicted slope, and the figure says so.
    expect(full.theorySlope).toBeNull();
    expect(full.theoryText).toBe('no ODE for tanh here: no prediction');
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
    // The prediction follows η: at 0.75 it is the ODE's 1/λ there.
    expect(full.theorySlope).toBe(1 / tiedSaddle(0.75)!.lambda);
  });

  test('item 6: the ODE\'s 1/λ predicts the measured slope, fitted from nothing but the ODE, at η = 0.5 and 0.25', () => {
    for (const key of ['erf', 'eta'] as const) {
      const d = run<PlateauData>(plateau, { eta: specOf(key).eta });
      expect(d.theorySlope).toBe(1 / tiedSaddle(specOf(key).eta)!.lambda);
      // The slope's standard error over the six seeds' own lines is 1.5% of it (escape-knobs); 3% is two of them.
      expect(Math.abs(d.fit.slope / d.theorySlope! - 1)).toBeLessThan(0.03);
      expect(d.predicted).toHaveLength(2);
      expect((d.predicted[1].y - d.predicted[0].y) / (d.predicted[1].x - d.predicted[0].x)).toBeCloseTo(d.theorySlope!, 9);
    }
  });

  test('item 5: 1/λ measured on the plateaus matches the sweep\'s slope; so does the trajectory figure\'s single run', () => {
    for (const key of ['erf', 'tanh', 'eta'] as const) {
      const s = run<PlateauData>(plateau, { act: specOf(key).activation, eta: specOf(key).eta });
      // The median over ~36 runs: 3% as above.
      expect(Math.abs(s.measuredSlope! / s.fit.slope - 1)).toBeLessThan(0.03);
    }
    const erf = run<PlateauData>(plateau);
    const rates = erf.rows.map((r) => r.growth).filter((g): g is number => g !== null);
    const spread = meanSe(rates.map((g) => 1 / g));
    // One run's 1/λ scatters by spread.sd around the median; the page's run must sit within 5% (about one sd) of the slope.
    expect(spread.sd / spread.mean).toBeLessThan(0.08);
    const one = trajectory({ activation: 'erf', eps: 1e-4, seed: 1, maxAlpha: 1000 }).growth!;
    expect(Math.abs(1 / one.lambda / erf.fit.slope - 1)).toBeLessThan(0.05);
    // The old window (1e-6 < gap < 1e-2 from α = 0) took in the stalled start and gave 1/λ ≈ 40: 37% off the slope.
    const t = trajectory({ activation: 'erf', eps: 1e-4, seed: 1, maxAlpha: 400 });
    const old = t.rows.filter((r) => r.gap > 1e-6 && r.gap < 1e-2);
    const n = old.length, mx = old.reduce((a, r) => a + r.alpha, 0) / n, my = old.reduce((a, r) => a + Math.log(r.gap), 0) / n;
    const oldRate = old.reduce((a, r) => a + (r.alpha - mx) * (Math.log(r.gap) - my), 0) / old.reduce((a, r) => a + (r.alpha - mx) ** 2, 0);
    expect(1 / oldRate / erf.fit.slope).toBeGreaterThan(1.3);
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
    expect(two.alt).toMatch(/^Mean escape α against ln\(1\/ε\), 2 seeds per ε, each line's slope and offset with its standard error/);
    // Every run of the five sweeps goes to the CSV, whatever the controls show.
    expect(two.rows).toHaveLength(210);
    // Each mean carries its standard error over the seeds.
    expect(run<KnobsData>(knobs).lines.every((l) => l.means.every((m) => m.se > 0))).toBe(true);
  });

  test('item 7: the init scale moves neither slope nor offset beyond the seed spread, and the offsets are not in order of s', () => {
    const c = run<ClaimsData>(claims);
    const by = [c.summaries.s005, c.summaries.erf, c.summaries.s15].map((x) => x.seeds);
    const slopes = by.map((x) => x.slope.mean);
    expect(Math.max(...slopes) / Math.min(...slopes)).toBeLessThan(1.02);
    const offsets = by.map((x) => x.offset);
    // The page says: not in the order of s, and no two apart by more than twice their combined standard error.
    const increasing = offsets[0].mean < offsets[1].mean && offsets[1].mean < offsets[2].mean;
    const decreasing = offsets[0].mean > offsets[1].mean && offsets[1].mean > offsets[2].mean;
    expect(increasing || decreasing).toBe(false);
    for (let i = 0; i < 3; i++) for (let j = i + 1; j < 3; j++) {
      expect(Math.abs(offsets[i].mean - offsets[j].mean)).toBeLessThan(2 * Math.hypot(offsets[i].se, offsets[j].se));
    }
  });

  test('the claims: ties, rounding, the zero start, the slopes and the plateau height, as the page prints them', () => {
    const c = run<ClaimsData>(claims);
    const s = c.summaries;
    expect(c.longestEscape).toBeGreaterThan(0);
    for (const z of c.zeroRun) expect([z.alphas, z.identicalThrough]).toEqual([2 * c.longestEscape, 2 * c.longestEscape]);
    const [erfR, tanhR, reluR] = c.rounding;
    expect(erfR.firstSplit).toBe(1);
    expect(tanhR.escape).not.toBeNull();
    expect(reluR).toMatchObject({ firstSplit: null, escape: null, identicalChecks: reluR.checks });
    expect(c.zeroStart.map((z) => [z.activation, z.moved, z.tiedThroughout])).toEqual([['erf', true, true], ['tanh', true, true], ['relu', false, true]]);
    for (const k of ['erf', 'tanh', 'eta', 's005', 's15']) {
      expect(s[k].unescaped).toBe(0);
      expect(s[k].fit.r2).toBeGreaterThan(0.99);
    }
    // Halving η: the ODE's factor and the runs' agree to 3%, and both are about 2.
    expect(Math.abs(c.etaFactor / c.etaTheoryFactor - 1)).toBeLessThan(0.03);
    expect(Math.abs(s.tanh.fit.slope / s.erf.fit.slope - 1)).toBeGreaterThan(0.3);
    const ex = c.heights.map((h) => h.height - BEST_TIED.eg);
    for (let i = 1; i < ex.length; i++) expect(ex[i]).toBeLessThan(ex[i - 1]);
    expect(ex.every((x) => x > 0)).toBe(true);
    expect(c.lines).toHaveLength(9);
    expect(c.rows).toEqual(c.heights);
  });

  test('item 4: ReLU with ε down to 1e-5 and 12 seeds; where the wait dominates the power is 1 within its scatter', () => {
    const d = run<ReluData>(relu);
    expect(d.rows).toEqual(reluSweep(memo, RELU_SPEC).rows);
    expect(RELU_SPEC.eps[RELU_SPEC.eps.length - 1]).toBeLessThanOrEqual(1e-5);
    expect(d.stats.map((s) => s.escape.n)).toEqual(RELU_SPEC.eps.map(() => RELU_SEEDS.length));
    // No run was cut by the cap, so every median and quartile is known.
    expect(d.stats.every((s) => s.escape.escaped === s.escape.n && s.escape.q3 !== null)).toBe(true);
    expect(d.fitMax).toBe(RELU_FIT_MAX);
    // powerSe is one standard deviation of the fitted power from 12-seed medians: two of them.
    for (const p of [d.pEscape!, d.pSplit!]) expect(Math.abs(p - 1)).toBeLessThan(2 * d.powerSe!);
    // Over all four ε the fit mixes in the time after the first split and is smaller (the aside's claim).
    expect(d.pAll!).toBeLessThan(d.pEscape! - 0.1);
    // The first split sits on ln 2·π/(Nθ) within two of a 12-seed median's standard deviations, wherever it dominates.
    for (const s of d.stats.filter((x) => x.eps <= RELU_FIT_MAX)) expect(Math.abs(Math.log(s.split.median! / s.predictedSplit))).toBeLessThan(2 * d.medianSpread);
    // θ ∝ ε: the angle per unit ε agrees within 10% between ε = 1e-4 and 1e-5.
    expect(Math.abs(d.stats[2].angleOverEps / d.stats[3].angleOverEps - 1)).toBeLessThan(0.1);
    // The time after the first split does not grow like 1/ε: its median at 1e-5 is within 3× of that at 1e-3.
    expect(d.stats[3].afterMedian! / d.stats[1].afterMedian!).toBeLessThan(3);
    // The exercise's answer: the same formula at ε = 1e-6, with θ/ε from ε = 1e-5.
    expect(d.predictedAt1e6).toBeCloseTo((Math.LN2 * Math.PI) / (40 * d.stats[3].angleOverEps * 1e-6), 6);
  });

  test('escape-relu: its controls only re-read the prepared sweep; live it needs no run of its own', () => {
    const inputs = relu.prepare!(memo);
    const refuse = () => { throw new Error('escape-relu must not run anything'); };
    const live = relu.compute({ fit: '0.01', seed: 7 }, { live: true, state: undefined, inputs: JSON.parse(JSON.stringify(inputs)), memo: refuse, progress: () => undefined });
    expect(live.pEscape).toBe(live.pAll);
    expect(live.lines.length).toBeGreaterThan(0);
    expect(new Set(live.lines.map((l) => l.eps)).size).toBe(RELU_SPEC.eps.length);
    expect(JSON.stringify(inputs).length).toBeLessThan(60_000); // the build ships it beside the page
    // Drawn at either width: its numbers in a table, one row per ε, and nothing that is not a number.
    for (const width of [360, 928]) {
      const el = drawFigure(relu, live, serverDocument(), staticView(width));
      expect(el.querySelectorAll('.table-scroll tbody tr').length).toBe(RELU_SPEC.eps.length);
      expect([...el.querySelectorAll('svg')].map((svg) => Number(svg.getAttribute('width')))).toEqual([width, width]);
      expect(el.outerHTML).not.toMatch(/NaN|Infinity/);
    }
  });

  test('item 6, corollary: from random starts the escape grows like ln N with the slope 1/(2λ), within two standard errors', () => {
    const d = run<WidthData>(width);
    expect(d.rows).toHaveLength(WIDTH_SPEC.Ns.length * WIDTH_SPEC.seeds.length);
    expect(d.rows.every((r) => r.escape_alpha !== null)).toBe(true);
    expect(d.predictedSlope).toBe(1 / (2 * tiedSaddle(0.5)!.lambda));
    expect(d.fit.slope).toBeGreaterThan(0);
    expect(Math.abs(d.fit.slope - d.predictedSlope!)).toBeLessThan(2 * d.slopeSe!);
    // The initial gap is of order s/√N: its fitted power of N is −1/2 within two standard errors.
    expect(Math.abs(d.gap0Power + 0.5)).toBeLessThan(2 * d.gap0PowerSe!);
    const other = run<WidthData>(width, { N: '80' });
    expect(other.lines).not.toEqual(d.lines);
    expect(other.rows).toEqual(d.rows);
  });

  test('the three figures print one measurement: their slopes are the claims\' and the plateau figure\'s', () => {
    const c = run<ClaimsData>(claims);
    const k = run<KnobsData>(knobs);
    const p = run<PlateauData>(plateau);
    for (const l of k.lines) expect([l.slope, l.intercept]).toEqual([c.summaries[l.key].fit.slope, c.summaries[l.key].fit.intercept]);
    expect(p.fit).toEqual(c.summaries.erf.fit);
    expect(p.measuredSlope).toBe(c.summaries.erf.measuredSlope);
    expect(p.theoryLambda).toBe(c.saddles[1].lambda);
  });

  test('plateau.csv prints the very runs the figures drew: the five sweeps in order, then ReLU', async () => {
    const text = await plateauCsv().text();
    const cols = text.slice(0, text.indexOf('\n')).split(',');
    expect(cols).toEqual(PLATEAU_COLUMNS);
    const rows = [...PLATEAU_SPECS.flatMap((p) => cached(sweepKey(p.spec)) as object[]), ...reluSweep(memo, RELU_SPEC).rows];
    expect(rows).toHaveLength(5 * 42 + 4 * 12);
    expect(text).toBe(toCsv(rows, cols));
    expect(text.startsWith(toCsv(run<PlateauData>(plateau).rows, cols))).toBe(true);
  });
});
