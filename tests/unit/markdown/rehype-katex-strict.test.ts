import { expect, test } from 'vitest';
import { runMdx } from '../../support/markdown.ts';

test('good TeX passes and renders KaTeX markup', async () => {
  const tree = await runMdx('Inline $a^2$ and\n\n$$\n\\frac{\\partial L}{\\partial W_{11}}\n$$\n');
  expect(JSON.stringify(tree)).toContain('katex');
});

test('bad TeX fails with file:line:column and KaTeX\'s message', async () => {
  await expect(runMdx('One line.\n\nThen $\\frac{1}{$ here.\n', 'content/bad.mdx')).rejects.toThrow(
    /content\/bad\.mdx:3:6: bad TeX: KaTeX parse error: .*/,
  );
});

test('a bad display block names its first line', async () => {
  await expect(runMdx('Text\n\n$$\n\\begin{nope}\n$$\n', 'content/bad.mdx')).rejects.toThrow(/content\/bad\.mdx:3:1: bad TeX/);
});
