import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compute } from '../../../support/figures.ts';
import { mlpModel } from '../../../../src/core/mlp.ts';
import { fullLossGrad } from '../../../../src/core/model.ts';
import { train } from '../../../../src/core/train.ts';
import { quizModel, teacherData } from '../../../../src/chapters/zero-init-quiz/network.ts';
import run from '../../../../src/chapters/zero-init-quiz/figures/quiz-run.ts';
import units from '../../../../src/chapters/zero-init-quiz/figures/quiz-units.ts';

const mdx = readFileSync('content/zero-init-quiz.mdx', 'utf8');
const body = mdx.replace(/^---\n[\s\S]*?\n---\n/, '');
const front = mdx.match(/^---\n([\s\S]*?)\n---\n/)![1];
const dumpFile = readdirSync('tests/fixtures/sources').find((f) => f.startsWith('003_'));
const dump = dumpFile ? readFileSync(`tests/fixtures/sources/${dumpFile}`, 'utf8') : '';
const squash = (t: string) => t.replace(/\s+/g, ' ').trim();

/**
 * Every passage the prose puts in quotation marks: straight "…" in the text, curly “…” anywhere (titles
 * too). Straight quotes that only delimit a JSX attribute (name="…") or a JS string inside a component's
 * props (a <Quiz>'s text: "…") are not quotations, and code spans are not prose.
 */
function quotations(text: string): string[] {
  const prose = text
    .replace(/`[^`]*`/g, ' ')
    .replace(/<Quiz[\s\S]*?\/>/g, (block) => block.replace(/(\w+): "([^"]*)"/g, (_m, _k, v) => ` ${v} `))
    .replace(/([\w-]+)=\{?"([^"]*)"\}?/g, (_m, _k, v) => ` ${v} `);
  return [...prose.matchAll(/"([^"]+)"|“([^”]+)”/g)].map((m) => squash(m[1] ?? m[2]));
}

// Quoted words that are this site's own control labels, not a source's: each is checked against the control.
const LABELS: Record<string, () => boolean> = {
  'every parameter 0.1': () => units.controls.start.kind === 'select' && units.controls.start.options.some((o) => o.label === 'every parameter 0.1'),
};

describe('zero-init quiz: quotations', () => {
  it('quotes the thread verbatim (or a control label of this site) and nothing else', () => {
    expect(dump.length).toBeGreaterThan(1000);
    const quotes = quotations(body);
    expect(quotes.length).toBeGreaterThan(5);
    const flat = squash(dump);
    expect(quotes.filter((q) => (q in LABELS ? !LABELS[q]() : !flat.includes(q)))).toEqual([]);
  });

  it('the check flags the paraphrases the page used to put in quotation marks (so the test above can fail)', () => {
    const old = '<Aside type="correction" title="“It will change the weights”">\n**Not "the weights will change".** **Not "for some data sets".**';
    const flat = squash(dump);
    expect(quotations(old).filter((q) => !flat.includes(q))).toEqual(['It will change the weights', 'the weights will change', 'for some data sets']);
    // A <Quiz>'s JS strings are not quotations; curly quotes in them would be.
    expect(quotations('<Quiz id="q" statements={[{ text: "A statement.", reason: "A “quote”." }]} />')).toEqual(['quote']);
  });
});

describe('zero-init quiz: the corrections name what the thread gets wrong', () => {
  it('names the answer’s own “they can change” in a correction aside, with the zero start measured live', () => {
    const aside = body.match(/<Aside type="correction" title="“Indeed, they can change”[^"]*">([\s\S]*?)<\/Aside>/);
    expect(aside).not.toBeNull();
    for (const at of ['steps', 'ends.0.weights', 'ends.0.c', 'ends.0.accuracy', 'firsts.1.accuracy', 'ends.1.accuracy']) {
      expect(aside![1]).toContain(`<Value of="quiz-run" at="${at}" />`);
    }
    expect(aside![1]).toMatch(/that is\s+wrong: the weights cannot change at all/);
  });

  it('the figure data behind it: from zero the weights stay 0 while c moves; the identical start learns', () => {
    const d = compute(run) as ReturnType<typeof run.compute>;
    expect(d.ends[0].weights).toBe(0);
    expect(d.zeroExact).toBe(true);
    expect(d.ends[0].c).not.toBe(0);
    expect(d.ends[0].accuracy).toBe(0.5);
    expect(d.firsts.map((r) => r.step)).toEqual([0, 0, 0]);
    expect(d.ends[1].accuracy).toBeGreaterThan(d.firsts[1].accuracy);
  });

  it('no longer puts a paraphrase of an answer in an aside title', () => {
    expect(body).not.toContain('“It will change the weights”');
    expect(body).not.toContain('"the weights will change"');
  });

  it('scopes bit-for-bit equality of tied units to this site’s scalar loops', () => {
    expect(body).toMatch(/no two units differ in a single bit\. That exactness belongs to this site's code/);
    expect(body).toMatch(/A matrix library \(BLAS, a GPU\) may add up\s+a unit's inputs in an order that depends on where the unit sits in the weight matrix/);
  });
});

describe('zero-init quiz: credits', () => {
  it('credits Cross Validated question 294332 with its URL, the names our copy shows and the licence version', () => {
    expect(front).toContain('title: Backpropagation with zero weight initialization — Cross Validated, question 294332');
    expect(front).toContain('url: https://stats.stackexchange.com/questions/294332');
    expect(front).toMatch(/authors: .*Bar.*seanv507/);
    // The question's comments are dated 25 July 2017, before CC BY-SA 4.0 (2 May 2018).
    expect(dump).toContain('Jul 25, 2017');
    expect(front).toMatch(/license: CC BY-SA 3\.0 for the question and its comments \(25 July 2017\)/);
  });
});

describe('zero-init quiz: what to take away, and exercises', () => {
  const data = teacherData({ n: 200, seed: 1 });

  it('ends with a take-away of three to five sentences, then two or three exercises, one of them numeric', () => {
    const take = body.match(/## What to take away\n\n([\s\S]*?)\n## Exercises\n/);
    expect(take).not.toBeNull();
    const sentences = take![1].trim().split(/(?<=[.!?])\s+/).filter(Boolean);
    expect(sentences.length).toBeGreaterThanOrEqual(3);
    expect(sentences.length).toBeLessThanOrEqual(5);
    const after = body.slice(body.indexOf('## Exercises'));
    const exercises = after.match(/<Exercise title="[^"]+">/g) ?? [];
    expect(exercises.length).toBeGreaterThanOrEqual(2);
    expect(exercises.length).toBeLessThanOrEqual(3);
    expect(after).not.toMatch(/\n## /);
    expect(after).toMatch(/<Answer (value=\{[^}]+\}|of="[^"]+" at="[^"]+")>/);
  });

  it('"The one thing that moves": one SGD step from zero on a label −1 example puts c at −0.025, exactly as the code steps', () => {
    expect(body).toContain('<Answer value={-0.025}>');
    const one = { n: 1, k: 10, m: 1, X: data.X.slice(0, 10), Y: Float64Array.of(-1) };
    const model = quizModel(one, { loss: 'logistic' });
    const { grad } = fullLossGrad(model, new Float64Array(model.layout.size));
    const c = model.layout.ib2;
    expect(grad[c]).toBe(0.5);
    expect(grad.every((g, q) => q === c || g === 0)).toBe(true);
    const t = train(model, { init: { kind: 'zero' }, optimizer: 'sgd', lr: 0.05, steps: 1 });
    expect(t.params[t.nParams + c]).toBe(-0.025);
  });

  it('"Another activation": from zero, tanh leaves every weight at 0; the sigmoid moves them but keeps the units tied', () => {
    // The chapter-2 network (squared loss) stands in for the quiz's: only ℓ′ ≠ 0 at the start matters, and it is.
    const opts = { init: { kind: 'zero' }, optimizer: 'sgd', lr: 0.05, epochs: 1 } as const;
    const tanh = train(mlpModel(data, { d: 10, activation: 'tanh' }), opts);
    const bo = tanh.layout.ib2;
    expect(tanh.params.every((v, i) => i % tanh.nParams === bo || v === 0)).toBe(true);
    expect(tanh.params[(tanh.rows - 1) * tanh.nParams + bo]).not.toBe(0);
    const sig = train(mlpModel(data, { d: 10, activation: 'sigmoid' }), opts);
    const last = sig.params.subarray((sig.rows - 1) * sig.nParams, sig.rows * sig.nParams);
    expect(last.subarray(0, sig.layout.k * sig.layout.d).some((v) => v !== 0)).toBe(true); // W moved
    expect(Array.from(sig.gapIn).every((g) => g === 0)).toBe(true); // the units never part
    expect(Array.from(sig.gapOut).every((g) => g === 0)).toBe(true);
  });

  it('"Only the output weights": W = b = 0, v ≠ 0 — W’s gradient is 0 with ReLU′(0) = 0 and ∝ v_j with ReLU′(0) = 1', () => {
    for (const r of [0, 1] as const) {
      const model = quizModel(data, { loss: 'logistic', reluPrimeAtZero: r });
      const { k, d, iW2 } = model.layout;
      const p = new Float64Array(model.layout.size);
      for (let j = 0; j < d; j++) p[iW2 + j] = 0.1 * (j + 1);
      const { grad } = fullLossGrad(model, p);
      for (let j = 0; j < d; j++) expect(grad[iW2 + j]).toBe(0); // h = 0: v does not move
      const W = (l: number, j: number) => grad[l * d + j];
      if (r === 0) for (let l = 0; l < k; l++) for (let j = 0; j < d; j++) expect(W(l, j)).toBe(0);
      else {
        expect(W(0, 0)).not.toBe(0);
        // Column j is v_j / v_1 times column 1: a ratio of two sums of the same terms, exact to rounding (1e-12).
        for (let l = 0; l < k; l++) for (let j = 1; j < d; j++) expect(Math.abs(W(l, j) - (j + 1) * W(l, 0))).toBeLessThan(1e-12 * (1 + Math.abs(W(l, j))));
      }
    }
  });
});

it('no spoiler: the summary (home page, chapter head) asks the question and gives no verdict', () => {
  const summary = /^summary: (.*)$/m.exec(readFileSync('content/zero-init-quiz.mdx', 'utf8'))![1];
  expect(summary).toMatch(/\?/);
  expect(summary).not.toMatch(/never move|not move|do not change|will not change|stay|frozen|exactly zero/i);
});
