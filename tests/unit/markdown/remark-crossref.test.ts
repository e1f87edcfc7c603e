import { expect, test } from 'vitest';
import { chapterLabels } from '../../../src/markdown/crossref-index.ts';
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

test('labels are numbered by chapter order and position; code blocks are ignored', () => {
  const labels = chapterLabels(`${chapter}\n\`\`\`\n$$ q \\label{eq:fake} $$\n\`\`\`\n`, 3, 'here');
  expect(Object.fromEntries([...labels].map(([k, v]) => [k, v.number]))).toEqual({ 'eq:first': '3.1', 'eq:second': '3.2', 'fig:twins': '3.1' });
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
