import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// What the chapter's prose says, read from its MDX: the claims this issue corrected, checked as text.
const mdx = readFileSync('content/identical-twins.mdx', 'utf8');
const [, front = '', body = ''] = mdx.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/) ?? [];
const squash = (t: string) => t.replace(/\s+/g, ' ').trim();
const prose = squash(body);
const dumpFile = readdirSync('tests/fixtures/sources').find((f) => f.startsWith('000_'));
const dump = squash(dumpFile ? readFileSync(`tests/fixtures/sources/${dumpFile}`, 'utf8') : '');

/** The frontmatter's sources, one record per "- title:" entry (key: value lines, quotes stripped). */
const sources = front.split(/\n {2}- /).slice(1).map((block) =>
  Object.fromEntries(block.split('\n').map((line) => line.trim().match(/^(\w+): (.*)$/)).filter((m) => m !== null).map((m) => [m[1], m[2].replace(/^"(.*)"$/, '$1')])),
);

/** Passages in quotation marks in the prose: straight "…" outside JSX attributes and code, and curly “…”. */
function quotations(text: string): string[] {
  const plain = text.replace(/`[^`]*`/g, ' ').replace(/([\w-]+)=\{?"([^"]*)"\}?/g, ' ');
  return [...plain.matchAll(/"([^"]+)"|“([^”]+)”/g)].map((m) => squash(m[1] ?? m[2]));
}

describe('identical-twins: the zero-start correction is scoped to where it is true (item 1)', () => {
  it('no longer claims that nothing updates from zero in the thread’s general network', () => {
    expect(prose).not.toContain('From zero, nothing updates at all');
    expect(prose).not.toContain('They do not update at all: each gradient is a product with a zero factor');
  });
  it('says a sigmoid net from zero moves in lockstep, and that σ(0) = 0 leaves only b₂, with the live figure', () => {
    const aside = body.match(/<Aside type="correction" title="From zero[^"]*">([\s\S]*?)<\/Aside>/)?.[1] ?? '';
    expect(aside).toMatch(/sigmoid it is right/);
    expect(aside).toMatch(/\\sigma\(0\) = 0/);
    expect(aside).toMatch(/output biases \$b_2\$/);
    expect(aside).toMatch(/@fig:twins-zero/);
    expect(body).toMatch(/<Figure id="twins-zero" name="twins-zero"/);
  });
});

describe('identical-twins: bitwise equality is scoped to this site’s loops (item 3)', () => {
  it('drops the unscoped claim and says what matrix kernels do', () => {
    expect(prose).not.toContain("In the code it holds to the last bit: every unit's column goes through the same floating-point operations");
    expect(prose).toMatch(/not in floating point/);
    expect(prose).toMatch(/BLAS/);
    expect(prose).toMatch(/depend on where the entry sits in the matrix/);
    expect(prose).toMatch(/not associative/);
  });
});

describe('identical-twins: the m-output gradients, Eckart–Young, the perturbation (item 9)', () => {
  it('states the matrix form and its per-unit reading', () => {
    expect(body).toContain('G = \\frac{2}{n}\\, X^{\\top}\\bigl(XWW_2 - Y\\bigr)');
    expect(body).toContain('\\nabla_W L = G\\, W_2^{\\top}');
    expect(body).toContain('\\nabla_{W_2} L = W^{\\top} G');
    expect(body).toContain('\\nabla_{W_{:,j}} L = G\\, (W_2)_{j,:}^{\\top}');
  });
  it('states Eckart–Young with its condition', () => {
    expect(prose).toMatch(/\*\*Eckart–Young\*\* \(1936\)/);
    expect(prose).toMatch(/assume \$C = X\^\{\\top\}X\/n\$ is invertible/);
  });
  it('describes the perturbation as independent per weight, not one vector for all units', () => {
    expect(prose).not.toContain('a fixed random vector to every unit');
    expect(prose).toMatch(/its own independent standard normal draw/);
  });
});

describe('identical-twins: the rank cascade is named and explained (item 8)', () => {
  it('names the rank-two plateau, cites Saxe et al., and prints the levels and escape steps from the figure', () => {
    expect(prose).toMatch(/second plateau at the best rank-two loss/);
    expect(prose).toMatch(/Saxe, McClelland and Ganguli \(2014\)/);
    for (const at of ['rankLines.0.loss', 'rankLines.1.loss', 'escapes.0.step', 'escapes.0.predicted', 'escapes.1.step', 'escapes.1.predicted']) {
      expect(body).toContain(`<Value of="twins-gap" at="${at}"`);
    }
  });
});

describe('identical-twins: credits (item 13)', () => {
  it('credits the thread with title, site, URL, the names the dump shows and a versioned licence', () => {
    const thread = sources.find((s) => s.title?.startsWith("Why doesn't optimization"))!;
    expect(thread).toBeDefined();
    expect(thread.title).toContain('math.techqa.club');
    expect(thread.url).toMatch(/^https:\/\/math\.techqa\.club\/.*4714549$/);
    expect(dump).toContain('Asked by Bumbble Comm');
    expect(thread.authors).toContain('Bumbble Comm');
    expect(thread.license).toMatch(/CC BY-SA 4\.0/);
  });
  it('gives every cited paper a venue and a link', () => {
    const saxe = sources.find((s) => s.title?.startsWith('Exact solutions to the nonlinear dynamics'))!;
    expect(saxe.title).toContain('ICLR 2014');
    expect(saxe.url).toBe('https://arxiv.org/abs/1312.6120');
    const ey = sources.find((s) => s.title?.startsWith('The approximation of one matrix'))!;
    expect(ey.title).toContain('Psychometrika');
    expect(ey.url).toBe('https://doi.org/10.1007/BF02288367');
    for (const s of sources) expect(s.url, s.title).toMatch(/^https:\/\//);
  });
  it('quotes the thread verbatim and nothing else', () => {
    const quotes = quotations(body);
    expect(quotes.length).toBeGreaterThanOrEqual(2);
    expect(quotes.filter((q) => !dump.includes(q))).toEqual([]);
  });
});

describe('identical-twins: ends with what to take away and exercises (item 15)', () => {
  const take = body.match(/## What to take away\n([\s\S]*?)\n## /)?.[1] ?? '';
  it('has three to five sentences to take away', () => {
    // Sentences end in ". " or at the end; maths and @eq references contain no full stops here.
    const sentences = squash(take).split(/(?<=\.)\s+(?=[A-Z])/).filter((t) => t.length > 0);
    expect(sentences.length).toBeGreaterThanOrEqual(3);
    expect(sentences.length).toBeLessThanOrEqual(5);
  });
  it('has two or three exercises after it, at least one with a numeric answer from a build-time run', () => {
    const tail = body.slice(body.indexOf('## What to take away'));
    const exercises = tail.match(/<Exercise /g) ?? [];
    expect(exercises.length).toBeGreaterThanOrEqual(2);
    expect(exercises.length).toBeLessThanOrEqual(3);
    expect(tail).toMatch(/<Answer of="[\w-]+" at="[\w.]+"/);
    expect(body.trimEnd().endsWith('</Exercise>')).toBe(true);
  });
});
