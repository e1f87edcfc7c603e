import { expect } from 'vitest';

// What each chapter's "Try it" prompt says the reader will see, checked on the edited cell's result. Keyed by
// `${figure}:${find}` as the prompt writes them; try-it.test.ts fails any prompt that has no entry here.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = Record<string, any>;
/** A prompt's claim: `edited` is the edited cell's result, `reference()` the unedited cell's (run on first call). */
type Claim = (edited: Data, reference: () => Data) => void;

/** Each prompt's claim, keyed by its figure id and find string. */
export const CLAIMS: Record<string, Claim> = {
  // prelude: "mirror images at every step, to the last bit; unit 1 takes exactly the tied start's path, same loss".
  'two-units:w2: 0.3 + delta, v1: 0.5, v2: 0.5 + delta': (d, reference) => {
    const tied = reference();
    expect(tied.gap).toBe(0);
    expect(d.rows).toHaveLength(tied.rows.length);
    d.rows.forEach((r: Data, i: number) => {
      // Exact: negation is exact, and every product and sum rounds symmetrically under it.
      expect([r.w2, r.v2]).toEqual([-r.w1, -r.v1]);
      expect([r.w1, r.v1, r.loss]).toEqual([tied.rows[i].w1, tied.rows[i].v1, tied.rows[i].loss]);
    });
  },

  // identical-twins: "comes down onto the rank-one line, rests there a while, then ends at rounding level beside random".
  "twins-starts:init: { kind: s === 'random' ? 'normal' : s }": (d, reference) => {
    const tied = reference();
    // Unedited, the identical start ends on the line (it converges onto the rank-one optimum, to 1e-9 relative).
    expect(Math.abs(tied.finalLoss.identical - tied.rankOne) / tied.rankOne).toBeLessThan(1e-9);
    const line = d.rankOne;
    const identical = d.rows.filter((r: Data) => r.start === 'identical');
    // "On the line": within 1 %, the tolerance twins-gap uses to say a plateau sits on a best rank-r loss.
    const on = identical.filter((r: Data) => Math.abs(r.loss - line) / line < 0.01);
    expect(identical[0].loss).toBeGreaterThan(line);
    expect(on.length).toBeGreaterThanOrEqual(2);
    expect(on.at(-1).step).toBeLessThan(identical.at(-1).step);
    // "Rounding level": below 1e-12, where the figure draws a loss on its floor as rounding noise of an exact fit.
    expect(d.finalLoss.identical).toBeLessThan(1e-12);
    expect(d.finalLoss.random).toBeLessThan(1e-12);
  },

  // w11-and-w12: "W₁₁ and W₁₂ start at one point, yet part straight away and stay apart".
  "tanh-trajectories:init: { kind: start === 'identical' ? 'identical' : 'normal' }": (d, reference) => {
    const line = (unit: number) => d.rows.filter((r: Data) => r.start === 'identical start' && r.pair === 'W₁₁ and W₁₂' && r.unit === unit);
    const [u1, u2] = [line(1), line(2)];
    expect(u1[0].step).toBe(0);
    expect(u1[0].value).toBe(u2[0].value);
    // Every drawn point after the start (the first a few SGD steps in) has the two apart.
    for (let i = 1; i < u1.length; i++) {
      expect(u2[i].step).toBe(u1[i].step);
      expect(u1[i].value).not.toBe(u2[i].value);
    }
    const gaps = (x: Data) => x.gaps.filter((g: Data) => g.start === 'identical').map((g: Data) => g.gap);
    expect(gaps(reference())).toEqual([0, 0]);
  },

  // only-the-scale: "one line; no step at which any rate disagrees with η = 1; the last column now counts disagreements".
  'perceptron-start:const sweep = etaSweep(data, ETAS, { w0, epochs: EPOCHS, reference: REF });': (d, reference) => {
    expect(d.oneLine).toBe(true);
    expect(d.stats.map((s: Data) => s.stepsDiffering)).toEqual(d.stats.map(() => 0));
    expect(d.kWorst).toBeGreaterThan(0);
    // Unedited, the same start for every rate gives five lines, disagreements, and a k check that agrees.
    const fixed = reference();
    expect(fixed.oneLine).toBe(false);
    expect(Math.max(...fixed.stats.map((s: Data) => s.stepsDiffering))).toBeGreaterThan(0);
    expect(fixed.kWorst).toBe(0);
  },

  // zero-init-quiz: "leaves zero and climbs, weights grow more than a thousandfold, accuracy ends above the identical start's".
  'quiz-run:quizRun({ start, data, lr, epochs, every })': (d, reference) => {
    const [zero, identical] = d.ends;
    const first = d.firsts[0];
    expect(d.zeroExact).toBe(false);
    expect(first.weights).toBeGreaterThan(0);
    expect(zero.weights / first.weights).toBeGreaterThan(1000);
    expect(zero.accuracy).toBeGreaterThan(identical.accuracy);
    // "Only exact zeros keep the weights there": unedited, the zero start's weights are exactly 0 throughout.
    expect(reference().zeroExact).toBe(true);
  },

  // escaping: "all but equal (gap at α = 0 below 1e-15); gap grows at the ODE's rate within a few per cent; escapes before α = 2000".
  'escape-trajectory:const eps = zero ? 0 : epsSlider;': (d, reference) => {
    const base = reference();
    expect(d.eps).toBe(2 ** -53);
    expect(d.maxAlpha).toBe(2 * base.maxAlpha);
    expect(d.rows[0].identical).toBe(false);
    expect(d.rows[0].gap).toBeLessThan(1e-15);
    expect(d.growth).not.toBeNull();
    // "Within a few per cent": 5 %; the default run's plateau fit is itself about 2 % off the ODE.
    expect(Math.abs(d.inverse / d.predictedInverse - 1)).toBeLessThan(0.05);
    expect(d.escape).not.toBeNull();
    expect(d.escape).toBeLessThan(2000);
    expect(d.escape).toBeGreaterThan(base.escape);
  },

  // many-minima: "unit 2 = −unit 1: the tanh count halves, 384 to 192, as listed; the ReLU count stays at 24".
  "minima-count:const odd = orbitSize(L, p, 'tanh');": (d, reference) => {
    expect(reference().listed).toEqual({ tanh: 384, relu: 24 });
    // 4!/2!·2⁴: one class of two units equal up to sign, every unit nonzero (@eq:orbit), by formula and by listing.
    expect(d.tanh).toBe('192');
    expect(d.relu).toBe('24');
    expect(d.listed).toEqual({ tanh: 192, relu: 24 });
  },

  // what-breaks-a-tie: "split at step 0 by a few hundredths; escape >10× sooner than float64 rounding, within 5% of the law; one step for all four".
  "tie-rounding:startParams({ k: SETUP.k, d: SETUP.d }, 'tied')": (d, reference) => {
    const runs: Data[] = Object.values(d.all);
    expect(runs).toHaveLength(4);
    for (const r of runs) {
      expect(r.split).toBe(0);
      expect(r.eps).toBeGreaterThan(0.01);
      expect(r.eps).toBeLessThan(0.1);
      expect(r.escape).toBe(runs[0].escape);
      expect(Math.abs(r.escape / r.predicted - 1)).toBeLessThan(0.05);
    }
    // The diamonds (ε = the start's gap) lie left of every deliberate ε's point.
    expect(d.rounding).toHaveLength(4);
    expect(Math.max(...d.rounding.map((p: Data) => p.x))).toBeLessThan(Math.min(...d.points.map((p: Data) => p.x)));
    const tied = reference().all;
    expect(Math.min(tied.blocked64.escape, tied.pairwise64.escape)).toBeGreaterThan(10 * runs[0].escape);
  },

  // how-big-a-random-start: "8-2-8-2-8: LeCun exactly 1 both ways; Glorot below ½ both ways; He 16 both ways; Monte Carlo within 3 s.e.".
  'init-xavier:const widths = SHAPES[shape];': (d) => {
    const [lecun, glorot, he] = d.gains;
    expect([lecun.rule, glorot.rule, he.rule]).toEqual(['dlai', 'glorot', 'he']);
    expect([lecun.forward, lecun.backward]).toEqual([1, 1]);
    expect(glorot.forward).toBeLessThan(0.5);
    expect(glorot.backward).toBeLessThan(0.5);
    expect(he.forward).toBeCloseTo(16, 12);
    expect(he.backward).toBeCloseTo(16, 12);
    for (const g of d.gains) for (const dir of ['forward', 'backward']) {
      expect(Math.abs(g.measured[dir].mean - g[dir])).toBeLessThan(3 * g.measured[dir].se);
    }
  },
};
