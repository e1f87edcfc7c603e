import { expect, test } from 'vitest';
import { runMdx } from '../../support/markdown.ts';

test('display formulas can take focus (so a wide one can be scrolled by keyboard); inline ones cannot', async () => {
  const json = JSON.stringify(await runMdx('Inline $x$.\n\n$$\ny = 1\n$$\n'));
  const spans = [...json.matchAll(/"className":\["katex-display"\][^}]*/g)].map((m) => m[0]);
  expect(spans.length).toBe(1);
  expect(spans[0]).toContain('"tabIndex":0');
  expect(json.match(/"tabIndex":0/g)?.length).toBe(1);
});
