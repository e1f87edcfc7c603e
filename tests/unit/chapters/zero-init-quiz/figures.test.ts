import { describe, expect, it } from 'vitest';
import { compute, render, serverDocument } from '../../../support/figures.ts';
import { codeExcerpt } from '../../../../src/figure/excerpts.ts';
import { networkGeometry } from '../../../../src/figure/network.ts';
import { teacherData } from '../../../../src/chapters/zero-init-quiz/network.ts';
import { QUIZ_STARTS, networkState, quizRun, weightNorms } from '../../../../src/chapters/zero-init-quiz/runs.ts';
import { textSize } from '../../../../src/figure/place.ts';
import { drawFigure, staticView } from '../../../../src/figure/run.ts';
import { NARROW, WIDE } from '../../../../src/figure/sizes.ts';
import { stride } from '../../../../src/figure/timeline.ts';
import type { AnyFigure, Values } from '../../../../src/figure/types.ts';
import run from '../../../../src/chapters/zero-init-quiz/figures/quiz-run.ts';
import conventions from '../../../../src/chapters/zero-init-quiz/figures/quiz-conventions.ts';
import units from '../../../../src/chapters/zero-init-quiz/figures/quiz-units.ts';

type RunData = ReturnType<typeof run.compute>;
type ConventionsData = ReturnType<typeof conventions.compute>;
type UnitsData = ReturnType<typeof units.compute>;

/** Draws computed data as the build does, at a width and (for a timeline) a step. */
const drawn = (fig: AnyFigure, data: object, width: number, step?: number) => drawFigure(fig, data as never, serverDocument(), staticView(width, step));

/**
 * Every placed label (the labels() marks) of every chart in a drawing, as the box placeBoxes gave it, with
 * its chart's size: labels.ts writes the box's left edge as x and its middle as y.
 */
function labelBoxes(root: Element) {
  return [...root.querySelectorAll('svg')].filter((svg) => !svg.classList.contains('network')).map((svg) => ({
    width: Number(svg.getAttribute('width')),
    height: Number(svg.getAttribute('height')),
    boxes: [...svg.querySelectorAll('g.labels text')].map((t) => {
      const text = t.textContent ?? '';
      const { w, h } = textSize(text, Number(t.getAttribute('font-size')));
      return { text, x: Number(t.getAttribute('x')), y: Number(t.getAttribute('y')) - h / 2, w, h };
    }),
  }));
}

/** The labels of a drawing that overlap another or leave their chart, and whether any went to a legend. */
function labelProblems(root: Element): string[] {
  const out: string[] = [];
  if (root.querySelector('.chart-legend')) out.push(`a legend: ${root.querySelector('.chart-legend')!.textContent}`);
  for (const { width, height, boxes } of labelBoxes(root)) {
    boxes.forEach((b, i) => {
      if (b.x < 0 || b.y < 0 || b.x + b.w > width || b.y + b.h > height) out.push(`"${b.text}" leaves its chart`);
      for (const o of boxes.slice(0, i)) if (b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h) out.push(`"${o.text}" and "${b.text}" overlap`);
    });
  }
  return out;
}

describe('zero-init quiz figures', () => {
  it('each draws two charts, at the width it is given; quiz-run draws its three networks beside them', () => {
    for (const fig of [run, conventions, units]) for (const width of [WIDE, NARROW]) {
      const root = drawn(fig, compute(fig), width);
      const charts = [...root.querySelectorAll('svg')].filter((svg) => !svg.classList.contains('network'));
      expect(charts.map((svg) => Number(svg.getAttribute('width')) <= width)).toEqual([true, true]);
      expect(root.querySelectorAll('svg.network')).toHaveLength(fig === run ? 3 : 0);
    }
  });

  it('quiz-run: the zero start is exactly 0 at chance, the others move and learn', () => {
    const { data, html } = render<RunData>(run);
    expect(data.zeroExact).toBe(true);
    expect(html).toContain('zero: exactly 0 at every step');
    const [zero, identical, random] = data.ends;
    expect([zero.start, identical.start, random.start]).toEqual(['zero', 'identical', 'random']);
    expect(zero.accuracy).toBe(0.5);
    expect(zero.c).not.toBe(0); // only the output bias moves
    expect(data.rows.filter((r) => r.start === 'zero').every((r) => r.weights === 0 && r.accuracy === 0.5)).toBe(true);
    const id = data.rows.filter((r) => r.start === 'identical');
    expect(id.some((r) => r.weights !== id[0].weights)).toBe(true);
    expect(random.accuracy).toBeGreaterThan(identical.accuracy);
    expect(identical.accuracy).toBeGreaterThan(0.5);
    expect(data.steps).toBe(1000);
  });

  it('quiz-run: on other data sets and rates the zero start stays exactly 0', () => {
    const overs: Values[] = [{ data: 7 }, { lr: 0.2, epochs: 2 }];
    for (const over of overs) {
      const d = compute<RunData>(run, over);
      expect(d.zeroExact).toBe(true);
      expect(d.ends[0].accuracy).toBe(0.5);
    }
  });

  it('quiz-run: Play lands on rows; at any step the networks and weight sizes are that step\'s, the lines cut there', () => {
    const data = compute<RunData>(run);
    const total = run.timeline!.steps(data);
    expect(total).toBe(data.steps);
    const plays = [];
    for (let s = 0; s < total; s += stride(total)) plays.push(s);
    plays.push(total);
    for (const start of QUIZ_STARTS) expect(plays.filter((s) => !data.rows.some((r) => r.start === start && r.step === s))).toEqual([]);
    const { trace } = quizRun({ start: 'identical', data: teacherData({ n: 200, seed: 1 }), lr: 0.05, epochs: 5, every: 1e9 });
    // Step moves one SGD step, so steps between rows (5, 123) as well as on them.
    for (const step of [0, 5, 123, plays[40], undefined]) {
      const at = step ?? total;
      const root = drawn(run, data, WIDE, step);
      const { w, v } = weightNorms(trace, at);
      expect(root.textContent).toContain(`identical: ${(w + v).toFixed(2)}`);
      expect(root.textContent).toContain(`At SGD step ${at}, weights ≠ 0 of 110: zero 0, identical 110, random 110`);
      const nets = [...root.querySelectorAll('svg.network')];
      expect(nets.map((n) => n.getAttribute('aria-label')!.includes(`SGD step ${at}`))).toEqual([true, true, true]);
      // The zero start: no connection drawn, ten hidden units drawn tied; identical: tied and connected; random: neither.
      expect(nets.map((n) => n.querySelectorAll('g.edges line').length)).toEqual([0, 110, 110]);
      expect(nets.map((n) => n.querySelectorAll('circle.unit.tied').length)).toEqual([10, 10, 0]);
      // The identical network's first edge is W[1, 1] at this very step.
      expect(nets[1].querySelector('g.edges line title')!.textContent).toBe(`w = ${+trace.params[at * trace.nParams].toPrecision(3)}`.replace('-', '−'));
      // Accuracy is known at the rows only: between them its label names the row's step.
      const row = data.rows.filter((r) => r.start === 'random' && r.step <= at).at(-1)!;
      const suffix = row.step === at ? '' : ` (step ${row.step})`;
      expect([...root.querySelectorAll('g.labels text')].map((t) => t.textContent)).toContain(`random: ${row.accuracy.toFixed(3)}${row.accuracy === 0.5 ? ' (chance)' : ''}${suffix}`);
      expect(suffix === '').toBe(step === undefined || plays.includes(step));
    }
  });

  it('quiz-run: from zero every weight stays absent and the hidden units tied at every step, on any data and rate', () => {
    for (const over of [{}, { data: 7 }, { lr: 0.2, epochs: 2 }] as Values[]) {
      const data = compute<RunData>(run, over);
      const n = data.layout.size;
      const at = (k: number, s: number) => {
        const { weights, biases } = networkState(data.layout, data.perStep[k].params.subarray(s * n, (s + 1) * n));
        return networkGeometry({ layers: [10, 10, 1], weights, biases, width: 220, height: 190, scale: data.scale });
      };
      const all = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
      let widest = 0;
      for (let s = 0; s <= data.steps; s++) {
        const [zero, identical, random] = [0, 1, 2].map((k) => at(k, s));
        expect(data.perStep[0].nonzero[s]).toBe(0);
        expect(zero.edges).toEqual([]);
        expect(zero.ties).toEqual([{ layer: 1, units: all }]);
        expect(identical.ties).toEqual([{ layer: 1, units: all }]);
        expect(random.ties).toEqual([]);
        widest = Math.max(widest, ...identical.edges.map((e) => Math.abs(e.w)), ...random.edges.map((e) => Math.abs(e.w)));
      }
      // One edge scale for the whole run: the widest weight of any start at any step is the scale.
      expect(widest).toBeGreaterThan(0);
      expect(data.scale).toBe(widest);
    }
  });

  it('quiz-conventions: every one of the twelve conventions leaves the weights at exactly 0, while ℓ′ ≠ 0 and c moves', () => {
    let grid: number[] | undefined;
    for (const loss of ['logistic', 'hinge', 'squared']) for (const relu0 of ['0', '1']) for (const biases of [true, false]) {
      const { data, html } = render<ConventionsData>(conventions, { loss, relu0, biases });
      expect(data.largest).toBe(0);
      expect(data.allZero).toBe(true);
      expect(html).toContain(`ReLU′(z) used = ${relu0}`);
      expect(data.grid).toHaveLength(12);
      expect(data.grid.filter((g) => g.chosen).map((g) => [g.loss, g.convention])).toEqual([[loss, `ReLU′(0)=${relu0}, ${biases ? 'biases' : 'no biases'}`]]);
      // The error signal at the start (o = c = 0) is −y/2, −y or −2y: never 0, for either label.
      for (const series of ['ℓ′(o), label +1', 'ℓ′(o), label −1']) expect(data.rows.find((r) => r.series === series)!.value).not.toBe(0);
      const c = data.rows.filter((r) => r.series === 'output bias c');
      expect(c.length > 0).toBe(biases);
      if (biases) expect(c.some((r) => r.value !== 0)).toBe(true);
      // The grid does not depend on the controls, only its highlight does.
      const cells = data.grid.map((g) => g.largest);
      grid ??= cells;
      expect(cells).toEqual(grid);
    }
  });

  it('labels stay apart and inside their charts, with none sent to a legend, at both widths and across the controls', () => {
    const states: [AnyFigure, Values][] = [
      [run, {}], [run, { data: 7 }], [run, { lr: 0.2, epochs: 20 }], [run, { lr: 0.01, epochs: 1 }],
      ...['logistic', 'hinge', 'squared'].flatMap((loss) => ['0', '1'].flatMap((relu0) => [true, false].map((biases): [AnyFigure, Values] => [conventions, { loss, relu0, biases }]))),
      ...['identical', 'constant'].flatMap((start) => [1, 10].flatMap((input) => [0.01, 0.2].map((lr): [AnyFigure, Values] => [units, { start, input, lr }]))),
    ];
    for (const [fig, over] of states) {
      const data = compute(fig, over);
      const steps = fig.timeline ? [undefined, 0, ...[1, 2, 3].map((q) => Math.round((q * fig.timeline!.steps(data)) / 4))] : [undefined];
      for (const width of [WIDE, NARROW]) for (const step of steps) {
        const root = drawn(fig, data, width, step);
        expect(labelBoxes(root).every((c) => c.boxes.length > 0)).toBe(true);
        expect({ over, width, step, problems: labelProblems(root) }).toEqual({ over, width, step, problems: [] });
      }
    }
  });

  it('the label check finds overlapping labels and labels outside their chart (so the test above can fail)', () => {
    const document = serverDocument();
    const div = document.createElement('div');
    div.innerHTML = '<svg width="100" height="50"><g class="labels"><text x="10" y="20" font-size="12">abc</text><text x="20" y="22" font-size="12">def</text><text x="90" y="40" font-size="12">ghi</text></g></svg>';
    expect(labelProblems(div)).toEqual(['"abc" and "def" overlap', '"ghi" leaves its chart']);
  });

  it('label text is in an ink or the page colour, never a raw series colour', () => {
    for (const fig of [run, conventions, units]) for (const width of [WIDE, NARROW]) {
      const fills = [...drawn(fig, compute(fig), width).querySelectorAll('g.labels text')].map((t) => t.getAttribute('fill'));
      expect(fills.filter((f) => f !== 'currentColor' && !/^var\(--ink-\d\)$/.test(f ?? ''))).toEqual([]);
    }
  });

  it('quiz-units: ten identical lines for either start, while one unit’s inputs fan out', () => {
    for (const start of ['identical', 'constant']) {
      const { data, html } = render<UnitsData>(units, { start });
      expect(data.widest).toBe(0);
      expect(html).toContain('largest gap exactly 0');
      expect(data.fan).toBeGreaterThan(0);
      // Σⱼ vⱼh versus (Σⱼ vⱼ)h: the same sum in another order, so only a few roundings apart.
      expect(data.outGap).toBeLessThan(1e-12);
      const last = data.units.filter((q) => q.step === data.last).map((q) => q.weight);
      expect(new Set(last).size).toBe(1);
    }
  });

  it('the chapter’s excerpt is the network’s backward', () => {
    expect(codeExcerpt('chapters/zero-init-quiz/network.ts#backward').body).toMatch(/^\/\*\* Backward[\s\S]*layer 3[\s\S]*layer 2[\s\S]*layer 1[\s\S]*\}$/);
  });
});
