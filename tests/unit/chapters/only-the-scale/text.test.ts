import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compute } from '../../../support/figures.ts';
import { pointsData, unscaledRun } from '../../../../src/chapters/only-the-scale/rates.ts';
import { perceptronData } from '../../../../src/chapters/only-the-scale/data.ts';
import { trainPerceptron } from '../../../../src/chapters/only-the-scale/perceptron.ts';
import rates from '../../../../src/chapters/only-the-scale/figures/perceptron-rates.ts';
import epochs from '../../../../src/chapters/only-the-scale/figures/perceptron-epochs.ts';
import units from '../../../../src/chapters/zero-init-quiz/figures/quiz-units.ts';

const mdx = readFileSync('content/only-the-scale.mdx', 'utf8');
const body = mdx.replace(/^---\n[\s\S]*?\n---\n/, '');
const dumpFile = readdirSync('tests/fixtures/sources').find((f) => f.startsWith('002_'));
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

describe('only-the-scale: quotations', () => {
  it('has the thread dump to compare with', () => {
    expect(dump.length).toBeGreaterThan(1000);
  });

  it('quotes the thread verbatim (or a control label of this site) and nothing else', () => {
    const quotes = quotations(body);
    expect(quotes.length).toBeGreaterThan(5);
    const flat = squash(dump);
    const wrong = quotes.filter((q) => (q in LABELS ? !LABELS[q]() : !flat.includes(q)));
    expect(wrong).toEqual([]);
  });

  it('the check flags a paraphrase in quotation marks (so the test above can fail)', () => {
    const old = 'And "zero (or equal) weights prevent the network from learning" runs two cases together. The answer\'s "something that does not depend on $\\eta$".';
    const flat = squash(dump);
    expect(quotations(old).filter((q) => !flat.includes(q))).toEqual(['zero (or equal) weights prevent the network from learning', 'something that does not depend on $\\eta$']);
    // Attribute values are not quotations, but curly quotes inside them are.
    expect(quotations('<Aside type="correction" title="Not “updated by the same amount”">')).toEqual(['updated by the same amount']);
  });
});

describe('only-the-scale: the corrections name what the thread gets wrong', () => {
  it('names "updated by the same amount" in a correction aside, with live numbers', () => {
    const aside = body.match(/<Aside type="correction" title="[^"]*updated by the same amount[^"]*">([\s\S]*?)<\/Aside>/);
    expect(aside).not.toBeNull();
    for (const at of ['firstMove.step', 'firstMove.dw.0', 'firstMove.dw.1', 'firstMove.dw.2']) expect(aside![1]).toContain(`<Value of="perceptron-rates" at="${at}" />`);
    for (const at of ['firstStep.min', 'firstStep.max', 'firstStep.unitGap']) expect(aside![1]).toContain(`<Value of="quiz-units" at="${at}" />`);
    expect(aside![1]).toMatch(/That is false/);
  });

  it('the perceptron counter-example: the first mistake moves the three weights by three different amounts', () => {
    const d = compute(rates) as ReturnType<typeof rates.compute>;
    const m = d.firstMove!;
    expect(m).not.toBeNull();
    // Δw = η (y − ŷ) x̃ with ŷ = −y on a mistake: 2ηy · (1, x1, x2), exactly as the update computes it.
    expect(m.dw).toEqual([2 * m.eta * m.y, 2 * m.eta * m.y * m.x1, 2 * m.eta * m.y * m.x2]);
    expect(new Set(m.dw).size).toBe(3);
    // And the steps before it changed nothing.
    const t = trainPerceptron(pointsData(d.points), { eta: 1, epochs: 20 });
    for (let s = 1; s < m.step; s++) for (let q = 0; q < 3; q++) expect(t.w[s * 3 + q]).toBe(0);
  });

  it('the network counter-example: from every parameter 0.1, one step moves one unit’s weights by different amounts, and the units alike', () => {
    for (const start of ['identical', 'constant']) {
      const { firstStep } = compute(units, { start }) as ReturnType<typeof units.compute>;
      expect(firstStep.min).toBeLessThan(0);
      expect(firstStep.max).toBeGreaterThan(0);
      expect(firstStep.unitGap).toBe(0);
    }
  });

  it('prints measured numbers through <Value>, not by hand', () => {
    expect(body).not.toMatch(/shows 0 training/);
    expect(body).toContain('<Value of="perceptron-rates" at="lastEpochErrors.0" />');
    expect((compute(rates) as ReturnType<typeof rates.compute>).lastEpochErrors).toEqual([0, 0, 0, 0, 0]);
    expect(body).not.toMatch(/about sixteen digits/);
    expect(body).toContain('<Value of="perceptron-epochs" at="gap" digits={2} />');
  });

  it('from w = 0 with η a power of two, w/η equals the η-free run bit for bit (the claim in the caveat)', () => {
    const data = perceptronData({ n: 40, separable: false, seed: 1 });
    const u = unscaledRun(data, { epochs: 5 });
    for (const eta of [0.25, 2, 8, 1 / 1024]) {
      const t = trainPerceptron(data, { eta, epochs: 5 });
      for (let i = 0; i < u.length; i++) expect(t.w[i] / eta).toBe(u[i]);
    }
    // Other rates round: at least one entry differs in the last bits, so "exactly" really is special.
    const t = trainPerceptron(data, { eta: 0.1, epochs: 5 });
    expect(Array.from(u).some((v, i) => t.w[i] / 0.1 !== v)).toBe(true);
  });
});

describe('only-the-scale: credits', () => {
  const front = mdx.match(/^---\n([\s\S]*?)\n---\n/)![1];
  it('credits the thread with title, site, URL, the names our copy shows and the licence versions', () => {
    expect(front).toContain('title: Initialize perceptron weights with zero — Data Science Stack Exchange, question 26134');
    expect(front).toContain('url: https://datascience.stackexchange.com/questions/26134/initialize-perceptron-weights-with-zero');
    expect(front).toMatch(/authors: .*pimajor.*Aditya/);
    expect(front).toMatch(/license: CC BY-SA 3\.0 for posts before 2 May 2018 and CC BY-SA 4\.0/);
    expect(front).not.toMatch(/license: CC BY-SA\n/);
  });
  it('credits the textbook with its edition and both authors', () => {
    expect(front).toContain('title: Python Machine Learning, 2nd edition (Packt, 2017), chapter 2');
    expect(front).toContain('authors: Sebastian Raschka and Vahid Mirjalili');
  });
});

describe('only-the-scale: what to take away, and exercises', () => {
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
    expect(after).not.toMatch(/\n## /); // nothing after the exercises
    expect(after).toMatch(/<Answer (value=\{[^}]+\}|of="[^"]+" at="[^"]+")>/);
  });

  it('"Two runs, one classifier": η = 1 from (2, −4, 3.2) makes the η = 0.25 run from (0.5, −1, 0.8), times 4', () => {
    expect(body).toContain('<Answer value={1}>');
    for (const separable of [true, false]) {
      const data = perceptronData({ n: 40, separable, seed: 3 });
      const a = trainPerceptron(data, { eta: 0.25, w0: [0.5, -1, 0.8], epochs: 10 });
      const b = trainPerceptron(data, { eta: 1, w0: [2, -4, 3.2], epochs: 10 });
      expect(Array.from(b.predictions)).toEqual(Array.from(a.predictions));
      // 4 is a power of two, so the factor is exact (see the test above).
      for (let i = 0; i < a.w.length; i++) expect(b.w[i]).toBe(4 * a.w[i]);
    }
  });

  it('"Read one curve": the answer is 0.01 times the printed η = 1 length', () => {
    expect(body).toContain('<Answer of="perceptron-epochs" at="finalNorms.1">');
    const { finalNorms } = compute(epochs) as ReturnType<typeof epochs.compute>;
    // The Answer's default 1% tolerance must accept 0.01 × the 3 digits the page prints for η = 1.
    const printed = Number(finalNorms[3].toPrecision(3));
    expect(Math.abs(0.01 * printed - finalNorms[1]) / finalNorms[1]).toBeLessThan(0.01);
  });

  it('"Adaline": two per-example steps from zero match the closed form, whose direction changes with η', () => {
    const x1 = [1, 0.3, -0.7];
    const x2 = [1, -0.5, 0.2];
    const [y1, y2] = [1, -1];
    const dot = (a: number[], b: number[]) => a.reduce((s, v, q) => s + v * b[q], 0);
    const adaline = (eta: number) => {
      let w = [0, 0, 0];
      for (const [x, y] of [[x1, y1], [x2, y2]] as const) {
        const r = y - dot(w, x);
        w = w.map((v, q) => v + eta * r * x[q]);
      }
      return w;
    };
    const closed = (eta: number) => x1.map((_, q) => eta * (y1 * x1[q] + y2 * x2[q]) - eta * eta * y1 * dot(x1, x2) * x2[q]);
    const unit = (w: number[]) => w.map((v) => v / Math.hypot(...w));
    for (const eta of [0.01, 0.5, 2]) {
      // Two steps of a few flops each: rounding is ~1e-16; 1e-12 absolute is ample.
      adaline(eta).forEach((v, q) => expect(Math.abs(v - closed(eta)[q])).toBeLessThan(1e-12));
    }
    const [a, b] = [unit(adaline(0.01)), unit(adaline(2))];
    expect(Math.max(...a.map((v, q) => Math.abs(v - b[q])))).toBeGreaterThan(0.1);
  });
});
