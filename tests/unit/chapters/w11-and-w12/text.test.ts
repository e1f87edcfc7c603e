import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Controls } from '../../../../src/figure/types.ts';
import inspector from '../../../../src/chapters/w11-and-w12/figures/tanh-inspector.ts';
import trajectories from '../../../../src/chapters/w11-and-w12/figures/tanh-trajectories.ts';
import restarts from '../../../../src/chapters/w11-and-w12/figures/tanh-restarts.ts';
import eslZero from '../../../../src/chapters/w11-and-w12/figures/tanh-esl-zero.ts';
import { compute } from '../../../support/figures.ts';

type RestartsData = ReturnType<typeof restarts.compute>;
type EslZeroData = ReturnType<typeof eslZero.compute>;

// The chapter's text, read as the build reads it: what it claims, whom it credits, how it ends.
const mdx = readFileSync('content/w11-and-w12.mdx', 'utf8');
const [, front, body] = mdx.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/)!;
const squash = (t: string) => t.replace(/\s+/g, ' ');
const text = squash(body);
/** The frontmatter's sources, one record per "- title:" entry (key: value lines, quotes stripped). */
const sources = front.split(/\n {2}- /).slice(1).map((block) =>
  Object.fromEntries(block.split('\n').map((l) => l.trim().match(/^(\w+): (.*)$/)).filter((m) => m !== null)
    .map((m) => [m![1], m![2].replace(/^"(.*)"$/, '$1')])) as Record<string, string>);
const asides = [...body.matchAll(/<Aside type="correction" title="([^"]*)">([\s\S]*?)<\/Aside>/g)].map((m) => ({ title: m[1], text: squash(m[2]) }));
const dumpFile = readdirSync('tests/fixtures/sources').find((f) => f.startsWith('001_'));

describe('w11-and-w12: when the W updates coincide (item 2)', () => {
  it('drops "the updates differ exactly when the units differ" and states the true condition with the mirror case', () => {
    expect(text).not.toMatch(/differ exactly when the two units differ/);
    expect(text).toContain('V_1(1 - h_1^2) = V_2(1 - h_2^2)');
    expect(text).toContain('$W_{:,2} = -W_{:,1}$ and $b_2 = -b_1$');
    expect(text).toContain('$V_2 = V_1$');
    expect(text).toMatch(/The equality lasts one step/);
    // The figure the text sends the reader to has the start.
    const start = (inspector.controls as Controls).start;
    expect(start.kind === 'select' && start.options.map((o) => o.value)).toContain('mirror');
  });
  it('counts 2^M·M! copies (swaps and sign flips), not M!, citing Chen, Lu & Hecht-Nielsen and Sussmann', () => {
    expect(text).not.toMatch(/every minimum has a mirror image/);
    expect(text).toContain('$2^M M!$');
    expect(text).toContain('(w_j, b_j, V_j) \\to -(w_j, b_j, V_j)');
    expect(text).toMatch(/Chen, Lu and Hecht-Nielsen \(1993\)/);
    expect(text).toMatch(/Sussmann \(1992\)/);
    expect(compute<RestartsData>(restarts).copies).toBe(8);
  });
});

describe('w11-and-w12: what bitwise equality rests on (item 3)', () => {
  it('scopes "bit for bit" to the per-unit loops and names what matrix kernels may do', () => {
    expect(text).not.toMatch(/In floating point it is exact/);
    expect(text).toMatch(/property of these per-unit loops, not of floating point/);
    expect(text).toMatch(/BLAS/);
    expect(text).toMatch(/the tie breaks from rounding alone/);
  });
});

describe('w11-and-w12: restarts run to a tolerance (item 11)', () => {
  it('no longer tells the reader to raise a step count, and prints the figure\'s own tolerance and cap', () => {
    expect(text).not.toMatch(/Raise the step count/);
    const d = compute<RestartsData>(restarts);
    // The settings the prose types (not measurements) match the figure's.
    expect([d.tolerance, d.cap, d.lr, restarts.controls.count.value]).toEqual([1e-8, 1e5, 0.5, 8]);
    expect(text).toContain('\\lVert\\nabla J\\rVert < 10^{-8}');
    expect(text).toContain('a cap of $10^{5}$ steps');
    expect(text).toContain('full-batch gradient descent with $\\eta = 0.5$');
    expect(text).toContain('At the defaults the 8 restarts');
    // The measured numbers come from the build.
    for (const at of ['groupCount', 'best', 'worst', 'maxGrad', 'minEig', 'maxSpread', 'minGap', 'noDecay.gradNorm']) {
      expect(body).toContain(`<Value of="tanh-restarts" at="${at}"`);
    }
  });
});

describe('w11-and-w12: η is the learning rate, α is ESL\'s weights (item 12)', () => {
  it('the update rule and every learning-rate control say η; no control label says α', () => {
    expect(body).toContain('\\theta \\leftarrow \\theta - \\eta\\, \\partial L / \\partial \\theta');
    expect(body).not.toMatch(/\\theta - \\alpha/);
    expect(body).not.toMatch(/minus the same \$\\alpha\$/);
    for (const fig of [inspector, trajectories, restarts, eslZero]) {
      for (const [key, c] of Object.entries(fig.controls as Controls)) {
        expect(c.label, key).not.toContain('α');
        if (key === 'lr') expect(c.label).toContain('η');
      }
    }
  });
});

describe('w11-and-w12: attributions and the balanced-class exception (item 14)', () => {
  it('credits the saddle-point claim to Dauphin et al. 2014 and no longer to Choromanska et al.', () => {
    expect(text).not.toMatch(/Choromanska et al\. \(2015\) argue that[^.]*saddle/);
    const aside = asides.find((a) => /Dauphin/.test(a.title));
    expect(aside?.text).toMatch(/saddle points, not poor local minima/);
    const dauphin = sources.find((s) => s.title.startsWith('Identifying and attacking the saddle point problem'));
    expect(dauphin?.url).toBe('https://arxiv.org/abs/1406.2572');
    expect(dauphin?.title).toMatch(/NeurIPS 2014/);
    const choro = sources.find((s) => s.title.startsWith('The Loss Surfaces of Multilayer Networks'));
    expect(choro?.used).not.toMatch(/saddle/);
    expect(choro?.title).toMatch(/AISTATS 2015/);
  });
  it('scopes the balanced-class exception to softmax + cross-entropy + full-batch steps, and the figure shows SGD moving', () => {
    const esl = asides.find((a) => /sigmoid network does move/.test(a.title))!;
    expect(esl.text).toMatch(/only in the figure's setting\. At \$T = 0\$ the softmax gives/);
    expect(esl.text).toMatch(/with cross-entropy/);
    expect(esl.text).toMatch(/a full-batch step averages/);
    expect(esl.text).toMatch(/switch the figure to SGD/);
    expect(esl.text).not.toMatch(/Exactly balanced classes are the one case in which the first gradient vanishes \(up to rounding\): set/);
    const sgd = compute<EslZeroData>(eslZero, { n: 60, optimizer: 'sgd' });
    expect(sgd.rows.filter((r) => r.activation === 'sigmoid').every((r) => r.moved > 0)).toBe(true);
  });
});

describe('w11-and-w12: credits (item 13)', () => {
  it('the thread: title, site, URL, authors as shown, CC BY-SA 3.0 (posted 2016, before May 2018)', () => {
    const thread = sources[0];
    expect(thread.title).toMatch(/^How are hidden layer weights computed in a multilayer neural network\? \(Cross Validated, question 220729\)$/);
    expect(thread.url).toBe('https://stats.stackexchange.com/questions/220729/how-are-hidden-layer-weights-computed-in-a-multilayer-neural-network');
    expect(thread.authors).toMatch(/RobertF/);
    expect(thread.authors).toMatch(/user20160/);
    expect(thread.license).toMatch(/^CC BY-SA 3\.0/);
    {
      const dump = readFileSync(`tests/fixtures/sources/${dumpFile}`, 'utf8');
      for (const who of ['RobertF', 'user20160']) expect(dump).toContain(who);
      // Every dated post is from 2016: before 2 May 2018, so CC BY-SA 3.0.
      const years = [...dump.matchAll(/\b[A-Z][a-z]{2} \d{1,2}, (\d{4})/g)].map((m) => Number(m[1]));
      expect(years.length).toBeGreaterThan(0);
      expect(years.every((y) => y === 2016)).toBe(true);
    }
  });
  it('ESL with edition, publisher, year and a link; every paper with a venue and a link', () => {
    const esl = sources.find((s) => s.title.startsWith('The Elements of Statistical Learning'))!;
    expect(esl.title).toMatch(/2nd ed\. \(Springer, 2009\)/);
    expect(esl.url).toMatch(/^https:\/\//);
    expect(esl.used).toMatch(/§11\.3/);
    expect(esl.used).toMatch(/§11\.4/);
    for (const s of sources.slice(2)) {
      expect(s.url, s.title).toMatch(/^https:\/\//);
      expect(s.title, s.title).toMatch(/(AISTATS|NeurIPS|Neural Computation|Neural Networks) .*\d{4}/);
    }
    expect(sources.map((s) => s.url)).toEqual(expect.arrayContaining(['https://doi.org/10.1162/neco.1993.5.6.910', 'https://doi.org/10.1016/S0893-6080(05)80037-1']));
  });
});

describe('w11-and-w12: how the chapter ends (item 15)', () => {
  it('"What to take away" in three to five sentences, then two or three exercises, one numeric from a closed form and one from a build', () => {
    const take = body.match(/## What to take away\n\n([\s\S]*?)\n\n## /);
    expect(take).not.toBeNull();
    // Sentences end in ". " or at the end; "e.g." does not occur.
    const sentences = squash(take![1]).trim().split(/(?<=\.)\s+(?=[A-Z$])/);
    expect(sentences.length).toBeGreaterThanOrEqual(3);
    expect(sentences.length).toBeLessThanOrEqual(5);
    const exercises = body.slice(body.indexOf('## Exercises')).match(/<Exercise\b/g) ?? [];
    expect(exercises.length).toBeGreaterThanOrEqual(2);
    expect(exercises.length).toBeLessThanOrEqual(3);
    expect(body).toMatch(/<Answer value=\{48\}>/);
    expect(body).toMatch(/<Answer of="tanh-restarts" at="endBound"/);
    // The closed form 2^M·M! at M = 3, and the build's bound ‖∇J‖/μ.
    expect(2 ** 3 * 6).toBe(48);
    const d = compute<RestartsData>(restarts);
    expect(d.endBound).toBeCloseTo(d.tolerance / d.minEig, 15);
  });
});
