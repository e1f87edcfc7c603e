import { describe, expect, test } from 'vitest';
import { compute, render, serverDocument } from '../../../support/figures.ts';
import { computeFigure, drawFigure, staticView } from '../../../../src/figure/run.ts';
import { defaults } from '../../../../src/figure/define.ts';
import type { AnyFigure, Computed, Values } from '../../../../src/figure/types.ts';
import { tiedSaddle } from '../../../../src/chapters/escaping-the-symmetric-subspace/overlap-ode.ts';
import { REGIME_COLUMNS, regimeGrid, TIE_PATTERNS } from '../../../../src/chapters/escaping-the-symmetric-subspace/regime.ts';
import { NARROW, WIDE } from '../../../../src/figure/sizes.ts';
import regime from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-regime.ts';
import theory from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-theory.ts';
import trajectory from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-trajectory.ts';
import claims from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-claims.ts';
import knobs from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-knobs.ts';
import width from '../../../../src/chapters/escaping-the-symmetric-subspace/figures/escape-width.ts';
import { readFileSync } from 'node:fs';

type Data<F> = F extends { compute(...a: never[]): infer D } ? D : never;

describe('escape-trajectory', () => {
  test('at its defaults the erf run escapes at α = 367 with the gap never exactly 0', () => {
    const d = compute<Data<typeof trajectory>>(trajectory);
    expect(d.escape).toBe(367);
    expect(d.zeroChecks).toBe(0);
    expect(d.checks).toBe(1001);
    expect(d.summary).toMatch(/^Escaped at α = 367\. On the plateau \(ε_g ≈ 0\.0145 from α = 7\) ln\(gap\) grew at λ = 0\.0336 per unit α between α = 142 and 271: 1\/λ = 29\.7\. The ODE's linearisation at η = 0\.5 predicts λ = 0\.0343 \(1\/λ = 29\.1\)\.$/);
  });

  test('item 5: λ is fitted on the plateau only — after ε_g has reached it, once the gap grew tenfold, before 1e-2', () => {
    const d = compute<Data<typeof trajectory>>(trajectory);
    const g = d.growth!;
    const at = (a: number) => d.rows[a];
    expect(at(g.entry).eg).toBeLessThanOrEqual(1.25 * g.plateau);
    expect(at(g.entry - 1).eg).toBeGreaterThan(1.25 * g.plateau);
    expect(at(g.from).gap).toBeGreaterThanOrEqual(10 * at(g.entry).gap);
    expect(at(g.to).gap).toBeLessThan(1e-2);
    expect(at(g.to + 1).gap).toBeGreaterThanOrEqual(1e-2);
    // Against the ODE's λ at η = 0.5: a single run's window (~130 α at N = 40) carries about 5% of noise (sweep-figures).
    expect(d.predicted).toBe(tiedSaddle(0.5)!.lambda);
    expect(Math.abs(d.inverse! / d.predictedInverse! - 1)).toBeLessThan(0.05);
    expect(d.fitLine.map((p) => p.alpha)).toEqual([g.from, g.to]);
    // No prediction without the erf ODE, nor where the tied fixed point does not exist.
    expect(compute<Data<typeof trajectory>>(trajectory, { act: 'tanh' }).predicted).toBeNull();
    expect(compute<Data<typeof trajectory>>(trajectory, { eta: 2 }).predicted).toBeNull();
  });

  test('item 3, live: ε = 0 and unit 2 summed in reverse order — rounding alone splits erf units, ReLU stays tied', () => {
    const erf = compute<Data<typeof trajectory>>(trajectory, { zero: true, order: true });
    expect(erf.firstSplit).toBe(1);
    expect(erf.zeroChecks).toBeLessThan(erf.checks);
    // The rounding gap grows at the saddle's rate too: the plateau fit finds λ within 5% of the ODE's.
    expect(Math.abs(erf.growth!.lambda / erf.predicted! - 1)).toBeLessThan(0.05);
    const relu = compute<Data<typeof trajectory>>(trajectory, { zero: true, order: true, act: 'relu' });
    expect(relu.firstSplit).toBeNull();
    expect(relu.summary).toBe('Not escaped by α = 1000: the units are identical at every check. ReLU\'s gap does not grow exponentially: it waits for a sample that splits the two fields.');
  });

  test('at ε = 0 the units are identical at every check, and the strip says "exactly 0" at all of them', () => {
    const { data, html } = render<Data<typeof trajectory>>(trajectory, { zero: true });
    expect(data.escape).toBeNull();
    expect([data.zeroChecks, data.checks]).toEqual([1001, 1001]);
    expect(data.summary).toMatch(/^Not escaped by α = 1000: the units are identical at every check\. /);
    expect(html).toContain('gap exactly 0 (w₁ = w₂ bit for bit) at 1001 of 1001 checks');
  });

  test('a diverging η says so in the note and draws only finite numbers', () => {
    const { data, html } = render<Data<typeof trajectory>>(trajectory, { act: 'relu', eta: 4 });
    expect(data.note).toMatch(/^diverged at α = \d+: lower the learning rate\.$/);
    expect(data.divergedAlpha).toBeGreaterThan(0);
    expect(data.summary).toBeNull();
    expect(html).not.toMatch(/NaN|Infinity/);
  });

  test('streaming: each partial is a running prefix of the final data, built only when asked for', () => {
    const partials: Computed[] = [];
    let reports = 0;
    const fig = trajectory;
    const final = computeFigure(fig, defaults(fig.controls), {
      live: true, memo: new Map(),
      progress: (done, partial) => {
        expect(done).toBeGreaterThan(0);
        expect(done).toBeLessThan(1);
        // Ask for every tenth partial only, as the worker asks ~20 a second.
        if (reports++ % 10 === 0) partials.push(partial());
      },
    }) as Data<typeof trajectory>;
    expect(partials.length).toBeGreaterThan(2);
    for (const p of partials as Data<typeof trajectory>[]) {
      expect(p.note).toMatch(/^Running… α = \d+ of 1000 \(\d+%\)\.$/);
      expect(p.rows).toEqual(final.rows.slice(0, p.rows.length));
    }
    expect(final.note).toBeUndefined();
  });
});

describe('escape-trajectory: the network and the timeline', () => {
  type D = Data<typeof trajectory>;
  const draw = (d: D, width: number, step?: number) => drawFigure(trajectory, d, serverDocument(), staticView(width, step));
  const tied = (el: Element) => el.querySelectorAll('svg.network circle.unit.tied').length;

  test('the network is the run\'s own weights at the α shown: tied at ε = 0, apart once the run has split them', () => {
    const zero = compute<D>(trajectory, { zero: true });
    const el = draw(zero, 928);
    expect(tied(el)).toBe(2);
    expect(el.querySelector('svg.network')!.getAttribute('aria-label')).toMatch(/^The student at α = 1000: .*inputs x₁ to x₆ only \(of N = 40; .*equal bit for bit \(tied\)\.$/);
    const d = compute<D>(trajectory);
    expect(tied(draw(d, 928))).toBe(0);
    // ε = 1e-4 is no tie: the drawing marks none from α = 0, though the weights then differ by 1e-4 only.
    expect(tied(draw(d, 928, 0))).toBe(0);
    // Reversed order: tied until rounding first splits the units, then not.
    const rounding = compute<D>(trajectory, { zero: true, order: true });
    expect(tied(draw(rounding, 928, 0))).toBe(2);
    expect(tied(draw(rounding, 928, rounding.firstSplit! + 1))).toBe(0);
    // One edge scale for the whole run, so widths compare across steps: the largest |w| drawn, or the output's 1.
    expect(d.netScale).toBe(Math.max(1, ...d.weights.flat().map(Math.abs)));
    expect(d.weights).toHaveLength(d.rows.length);
  });

  test('the timeline walks the recorded α: the lines, the marks, the count of zeros and the network advance together', () => {
    const d = compute<D>(trajectory);
    expect(trajectory.timeline!.steps(d)).toBe(1000);
    const at = (step: number) => draw(d, 928, step).outerHTML;
    expect(at(200)).toContain('The student at α = 200:');
    expect(at(200)).toContain('at 0 of 201 checks');
    expect(at(200)).not.toContain(`escaped at α = ${d.escape}`);
    expect(at(d.escape!)).toContain(`escaped at α = ${d.escape}`);
    // The fit is marked once the run shown is past its window.
    expect(at(d.growth!.to - 1)).not.toContain('fit: λ');
    expect(at(d.growth!.to)).toContain('fit: λ');
    expect(draw(d, 928).outerHTML).toBe(at(1000));
    const zero = compute<D>(trajectory, { zero: true });
    expect(draw(zero, 928, 99).outerHTML).toContain('gap exactly 0 (w₁ = w₂ bit for bit) at 100 of 100 checks');
  });

  test('wide: the charts and the network side by side within the width; narrow: stacked, each at full width', () => {
    const d = compute<D>(trajectory);
    for (const width of [928, 700]) {
      const row = draw(d, width).querySelector('.chart-row')!;
      const widths = [...row.children].map((c) => Number((c.querySelector('svg') ?? c).getAttribute('width') ?? 0) || Number(/width: (\d+)px/.exec(c.getAttribute('style') ?? '')?.[1]));
      expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(width - 16);
    }
    const narrow = draw(d, 360);
    expect(narrow.querySelector('.chart-row')).toBeNull();
    expect([...narrow.querySelectorAll('svg')].map((s) => Number(s.getAttribute('width')))).toEqual([360, 360, 360, 360]);
  });
});

describe('escape-theory', () => {
  test('at its defaults: the simulation escapes at α = 307, the ODE at α = 239', () => {
    const d = compute<Data<typeof theory>>(theory);
    expect([d.simEscape, d.odeEscape]).toEqual([307, 239]);
    expect(+d.meanLogDev!.toPrecision(2)).toBe(0.44);
    expect(d.rows[0].eg_ode).toBe(d.rows[0].eg_sim); // the same initial overlaps
  });

  test('larger N brings the simulation closer to the ODE', () => {
    const dev = (N: '40' | '400') => compute<Data<typeof theory>>(theory, { N }).meanLogDev!;
    expect(dev('400')).toBeLessThan(dev('40'));
  });

  test('ε_g on a 10ⁿ log axis; each curve named where it first falls below 10⁻³, the earlier one on its left', () => {
    const d = compute<Data<typeof theory>>(theory);
    const { sim, ode } = d.names;
    expect(sim!.fell && ode!.fell).toBe(true);
    expect(d.ode.find((r) => r.eg < 1e-3)!.alpha).toBe(ode!.alpha);
    expect(d.sim.find((r) => r.eg < 1e-3)!.alpha).toBe(sim!.alpha);
    for (const width of [NARROW, WIDE]) {
      const el = drawFigure(theory, d, serverDocument(), staticView(width));
      expect(Number(el.querySelector('svg')!.getAttribute('width'))).toBe(width);
      const texts = [...el.querySelectorAll('svg text')].map((t) => t.textContent);
      for (const tick of ['10⁻⁶', '10⁻⁴', '10⁻²', '10⁰']) expect(texts).toContain(tick);
      expect(texts).toEqual(expect.arrayContaining(['ODE, N → ∞ (dashed)', `simulation, N = ${d.N} (solid)`]));
      expect(el.querySelector('p')!.textContent).toBe(d.text);
    }
  });
});

describe('escape-regime', () => {
  test('the default cell (tanh, small scale, all tied, GD) moves but stays tied; the map counts 4 stuck, 11 tied, 70 broken', () => {
    const d = compute<Data<typeof regime>>(regime);
    expect(d.chosen).toMatchObject({ activation: 'tanh', start: 's·ttt', regime: 'tied', steps: 200 });
    expect(d.counts).toEqual({ stuck: 4, tied: 11, broken: 70 });
    expect(d.text).toBe('Chosen: tanh, small scale, W tied · b tied · V tied, gd — moves but stays symmetric: the units were bitwise equal at all 201 states.');
    // The map is regimeGrid's, cell for cell (the /data/regime.csv endpoint shares it through the memo).
    expect(d.cells.map((c) => c.regime)).toEqual(regimeGrid('gd').map((c) => c.regime));
    expect(d.cells.length).toBe(5 * REGIME_COLUMNS.length);
  });

  test('the chosen cell agrees with its cell of the map, for a zero start too', () => {
    const overs: Values[] = [{ act: 'sigmoid', scale: 'zero' }, { act: 'relu', tie: '1', scale: 'normal', opt: 'sgd' }];
    for (const over of overs) {
      const d = compute<Data<typeof regime>>(regime, over);
      const cell = d.cells.find((c) => c.activation === d.chosen.activation && c.start === d.chosen.start)!;
      expect(cell.regime).toBe(d.chosen.regime);
    }
    expect(compute<Data<typeof regime>>(regime, { act: 'sigmoid', scale: 'zero' }).text).toMatch(/^Chosen: sigmoid, all-zero start, gd — moves but stays symmetric/);
  });

  test('on a phone the map lies on its side; either way its first rects are the cells in data order, each with its word', () => {
    const d = compute<Data<typeof regime>>(regime);
    for (const width of [NARROW, WIDE]) {
      const svg = drawFigure(regime, d, serverDocument(), staticView(width)).querySelector('svg')!;
      expect(Number(svg.getAttribute('width'))).toBe(width);
      const rects = [...svg.querySelectorAll('rect')].slice(0, d.cells.length);
      // One activation's cells share a row when wide (their y) and a column on a phone (their x).
      const across = width < 600 ? 'x' : 'y';
      const rowOf = (act: string) => new Set(rects.filter((_, i) => d.cells[i].activation === act).map((r) => r.getAttribute(across)));
      for (const a of new Set(d.cells.map((c) => c.activation))) expect(rowOf(a).size).toBe(1);
      const words = [...svg.querySelectorAll('text')].map((t) => t.textContent);
      for (const label of new Set(d.cells.map((c) => c.label))) {
        expect(words.filter((w) => w === label)).toHaveLength(d.cells.filter((c) => c.label === label).length);
      }
    }
  });

  test('a click at a cell\'s centre sets the selects to that cell, at either width (the browser test clicks rect 2·17)', () => {
    const d = compute<Data<typeof regime>>(regime);
    for (const width of [NARROW, WIDE]) {
      const sets: Values[] = [];
      const view = { ...staticView(width), live: true, set: (v: Values) => void sets.push(v) };
      const svg = regime.draw(d, serverDocument(), view).querySelector('svg')! as unknown as SVGSVGElement;
      const [w, h] = ['width', 'height'].map((a) => Number(svg.getAttribute(a)));
      // linkedom lays nothing out: the chart is shown at its own size, from the page's top-left corner.
      svg.getBoundingClientRect = () => ({ left: 0, top: 0, width: w, height: h }) as DOMRect;
      const centre = (i: number) => {
        const r = svg.querySelectorAll('rect')[i];
        const at = (a: 'x' | 'y', size: string) => Number(r.getAttribute(a)) + Number(r.getAttribute(size)) / 2;
        return { clientX: at('x', 'width'), clientY: at('y', 'height') } as PointerEvent;
      };
      svg.onclick!(centre(2 * REGIME_COLUMNS.length));
      const last = d.cells.length - 1;
      svg.onclick!(centre(last));
      // The cells run activation-major, so the last is the last activation's last column.
      const col = REGIME_COLUMNS[last % REGIME_COLUMNS.length];
      expect(sets).toEqual([{ act: 'sigmoid', scale: 'zero' }, { act: d.cells[last].activation, scale: col.scale, tie: String(TIE_PATTERNS.indexOf(col.tie!)) }]);
    }
  });
});

// These three draw sweeps their prepare takes from the build (sweep-figures.test.ts checks the numbers): here, how they draw.
describe('escape-knobs, escape-width, escape-claims: drawn for phones and wide screens', { timeout: 120_000 }, () => {
  // One memo for the three, as the build's: the five plateau sweeps are run once for knobs and claims alike.
  const memo = new Map<string, unknown>();
  const remember = <T,>(key: string, make: () => T): T => (memo.has(key) ? memo.get(key) : (memo.set(key, make()), memo.get(key))) as T;
  const prepared = new Map<AnyFigure, unknown>();
  /** A figure's compute as the build runs it: its prepare through the shared memo, then compute on what it made. */
  function run<D>(fig: AnyFigure, over: Values = {}): D {
    if (!prepared.has(fig)) prepared.set(fig, fig.prepare!(remember));
    return fig.compute({ ...defaults(fig.controls), ...over }, { live: false, state: undefined, inputs: prepared.get(fig), memo: remember, progress: () => undefined }) as D;
  }
  // fig.draw itself: accessible() would strip the aria-labels Plot names its axes by.
  const draw = (fig: AnyFigure, d: Computed, w: number) => fig.draw(d, serverDocument(), staticView(w)) as Element;
  const texts = (el: Element) => [...el.querySelectorAll('svg text')].map((t) => t.textContent);

  test('escape-claims computes nothing live: from its prepare\'s JSON, with a memo that refuses, it prints the build\'s numbers', () => {
    const built = run<Data<typeof claims>>(claims);
    const shipped = JSON.parse(JSON.stringify(prepared.get(claims)));
    const refuse = () => { throw new Error('escape-claims must not run anything live'); };
    const live = claims.compute({}, { live: true, state: undefined, inputs: shipped, memo: refuse, progress: () => undefined });
    expect(live).toEqual(built);
    // Every number the chapter's prose reads from the figures here is in their results.
    const mdx = readFileSync('content/escaping-the-symmetric-subspace.mdx', 'utf8');
    const reads = [...mdx.matchAll(/<(?:Value|Answer) of="(escape-claims|escape-width|escape-knobs|escape-theory|escape-regime)" at="([^"]+)"/g)];
    expect(reads.length).toBeGreaterThan(20);
    const results: Record<string, unknown> = { 'escape-claims': live, 'escape-width': run(width), 'escape-knobs': run(knobs) };
    for (const [, of, at] of reads) {
      const v = at.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], results[of]);
      expect(Number.isFinite(v), `${of} ${at}`).toBe(true);
    }
  });

  test('escape-claims: η on a log axis ticked at its values; every height and ε* labelled', () => {
    const d = run<Data<typeof claims>>(claims);
    for (const w of [NARROW, WIDE]) {
      const el = draw(claims, d, w);
      expect(Number(el.querySelector('svg')!.getAttribute('width'))).toBe(w);
      const t = texts(el);
      expect(t.filter((x) => d.heights.some((h) => String(h.eta) === x))).toHaveLength(d.heights.length);
      expect(t.filter((x) => x?.startsWith('best tied student: ε* = '))).toHaveLength(1);
      expect(el.querySelectorAll('p')).toHaveLength(d.lines.length);
    }
  });

  test('escape-knobs: one label per line in its ink on the chart, its numbers in a table below, at every "Compare"', () => {
    for (const show of ['all', 'eta', 'scale', 'act'] as const) {
      const d = run<Data<typeof knobs>>(knobs, { show });
      for (const w of [NARROW, WIDE]) {
        const el = draw(knobs, d, w);
        expect(Number(el.querySelector('svg')!.getAttribute('width'))).toBe(w);
        const named = [...el.querySelectorAll('svg g.labels text')].map((t) => [t.textContent, t.getAttribute('fill')]);
        expect(named).toEqual(d.lines.map((l) => [l.label, `var(--ink-${l.index})`]));
        const rows = [...el.querySelectorAll('.table-scroll tbody tr')].map((r) => [...r.children].map((c) => c.textContent));
        expect(rows).toEqual(d.lines.map((l) => l.cells));
      }
    }
  });

  test('escape-width: N ticked at the sweep\'s four values, the gap on a 10ⁿ axis, both slopes named in their inks', () => {
    for (const N of ['10', '80']) {
      const d = run<Data<typeof width>>(width, { N });
      for (const w of [NARROW, WIDE]) {
        const el = draw(width, d, w);
        const [top, traces] = [...el.querySelectorAll('svg')];
        expect([top, traces].map((s) => Number(s.getAttribute('width')))).toEqual([w, w]);
        const ticks = [...top.querySelectorAll('g[aria-label="x-axis tick label"] text')].map((t) => t.textContent);
        expect(ticks).toEqual(d.byN.map((b) => String(b.N)));
        expect(texts(traces)).toEqual(expect.arrayContaining(['10⁻⁴', '10⁰']));
        expect(texts(traces).some((t) => t?.endsWith(`symmetry gap max |R₁ₙ − R₂ₙ|, N = ${N}`))).toBe(true);
        const named = [...top.querySelectorAll('g.labels text')].map((t) => [t.textContent, t.getAttribute('fill')]);
        expect(named).toEqual([[d.fitLabel, 'var(--ink-1)'], [d.theoryLabel, 'var(--ink-2)']]);
      }
    }
  });
});
