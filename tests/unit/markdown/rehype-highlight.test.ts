import { expect, test } from 'vitest';
import { runMdx } from '../../support/markdown.ts';

test('```ts blocks get the four token classes and stay byte-for-byte the same text', async () => {
  const json = JSON.stringify(await runMdx('```ts\nconst r = 2 * x; // residual\n```\n'));
  expect(json).toContain('"className":["t-keyword"]');
  expect(json).toContain('"className":["t-number"]');
  expect(json).toContain('"className":["t-comment"]');
  expect(json).toContain('"className":["source"]');
  const text = [...json.matchAll(/"type":"text","value":"([^"]*)"/g)].map((m) => m[1]).join('');
  expect(text).toContain('const r = 2 * x; // residual');
});

test('other blocks are left plain but keyboard-scrollable', async () => {
  const json = JSON.stringify(await runMdx('```\nplain text\n```\n'));
  expect(json).not.toContain('t-keyword');
  expect(json).toContain('"tabIndex":0');
});
