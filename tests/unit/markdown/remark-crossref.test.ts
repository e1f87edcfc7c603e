import { expect, test } from 'vitest';
import { chapterDefinitions } from '../../../src/markdown/crossref-index.ts';
import { runMdx } from '../../support/markdown.ts';

const chapter = `---
order: 3
---

$$
x = 1 \\label{eq:first}
$$

$$
y = 2
$$

$$
z = \\eqref{eq:first} \\label{eq:second}
$$

<Figure name="two-units" id="twins" caption="c" />
`;

test('labels are numbered by chapter order and position, with their lines; code blocks are ignored', () => {
  const defs = chapterDefinitions(`${chapter}\n\`\`\`\n$$ q \\label{eq:fake} $$\n\`\`\`\n`, 3, 'here');
  expect(defs.map((d) => [d.label, d.number, d.line])).toEqual([['eq:first', '3.1', 6], ['eq:second', '3.2', 14], ['fig:twins', '3.1', 17]]);
});

test('a labelled equation gets its tag and anchor; \\eqref becomes its number', async () => {
  const html = JSON.stringify(await runMdx(chapter, 'content/here.mdx'));
  expect(html).toContain('{"type":"mdxJsxAttribute","name":"id","value":"eq-first"}');
  expect(html).toMatch(/3\.1/);
  expect(html).not.toContain('\\\\label');
  expect(html).toContain('"value":"number"'.replace('"value"', '"name"'));
});

test('@eq and @fig in text become links, in this chapter and across chapters, with the base path', async () => {
  const tree = await runMdx(`${chapter}\nSee @eq:second, @fig:twins and @eq:elsewhere or @fig:two-units.\n`, 'content/here.mdx', '/sub/');
  const json = JSON.stringify(tree);
  expect(json).toContain('"href":"#eq-second"');
  expect(json).toContain('"value":"(3.2)"');
  expect(json).toContain('"href":"#twins"');
  expect(json).toContain('"value":"Figure 3.1"');
  expect(json).toContain('"href":"/sub/prelude/#eq-elsewhere"');
  expect(json).toContain('"value":"(7.1)"');
  expect(json).toContain('"href":"/sub/prelude/#two-units"');
});

test('an unknown label fails the build with file:line', async () => {
  await expect(runMdx('Text.\n\nAs @eq:nowhere shows.\n', 'content/x.mdx')).rejects.toThrow(/content\/x\.mdx:3:1: unknown label @eq:nowhere; known: /);
});

test('an unknown \\eqref fails too', async () => {
  await expect(runMdx('$$\nx = \\eqref{eq:nope}\n$$\n', 'content/x.mdx')).rejects.toThrow(/content\/x\.mdx:1:1: unknown label @eq:nope/);
});

test('a label written twice in one chapter fails naming both lines', async () => {
  await expect(runMdx('$$\na \\label{eq:x}\n$$\n\n$$\nb \\label{eq:x}\n$$\n', 'content/x.mdx')).rejects.toThrow(
    /content\/x\.mdx:6:1: \\label\{eq:x\} appears twice in this chapter \(first at line 2\): rename one/,
  );
});

test('an equation label another chapter defines fails naming that chapter\'s file and line', async () => {
  await expect(runMdx('Text.\n\n$$\nc = d \\label{eq:elsewhere}\n$$\n', 'content/x.mdx')).rejects.toThrow(
    /content\/x\.mdx:4:1: \\label\{eq:elsewhere\} is also defined at tests\/fixtures\/crossref\/prelude\.mdx:7/,
  );
});

test('the same figure twice on a page needs a distinct id; with one it passes', async () => {
  const twice = '<Figure name="two-units" caption="a" />\n\nText.\n\n<Figure name="two-units" caption="b" />\n';
  await expect(runMdx(twice, 'content/x.mdx')).rejects.toThrow(/content\/x\.mdx:5:1: <Figure> "two-units" appears twice in this chapter \(first at line 1\): give this one its own id/);
  await expect(runMdx(twice.replace('caption="b"', 'id="two-units-again" caption="b"'), 'content/x.mdx')).resolves.toBeTruthy();
});

test('every mistake in a chapter is reported in one error, in line order', async () => {
  const md = 'As @eq:nowhere shows.\n\nBroken $\\frac{1}{$.\n\n<Figur />\n\n[x](#gone)\n';
  const error = await runMdx(md, 'content/x.mdx').then(() => null, (e: Error) => e.message);
  expect(error).toMatch(/^4 mistakes in this chapter:\ncontent\/x\.mdx:1:1: unknown label @eq:nowhere.*\ncontent\/x\.mdx:3:8: bad TeX.*\ncontent\/x\.mdx:5:1: unknown component <Figur>.*\ncontent\/x\.mdx:7:1: broken link "#gone"/);
});
