import { expect, test } from 'vitest';
import { highlight } from '../../../src/markdown/highlight.ts';

test('tokens join back to the exact source', () => {
  const code = "/** doc */\nexport function f(x: number) {\n  const s = 'a\\'b'; // why\n  return 2.5e-3 * x;\n}\n";
  expect(highlight(code).map((t) => t.text).join('')).toBe(code);
});

test('comments, strings, numbers and keywords are classed; names are not', () => {
  const kinds = highlight("const r = 'x'; // c\nreturn 42 * rate;").filter((t) => t.kind).map((t) => `${t.kind}:${t.text}`);
  expect(kinds).toEqual(['keyword:const', "string:'x'", 'comment:// c', 'keyword:return', 'number:42']);
});

test('a keyword inside a string or comment stays part of it', () => {
  expect(highlight('// return here').map((t) => t.kind)).toEqual(['comment']);
  expect(highlight('"const"').map((t) => t.kind)).toEqual(['string']);
});
