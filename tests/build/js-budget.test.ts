import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { pages } from '../support/pages.ts';
import { scriptsOnLoad } from '../support/scripts.ts';

// A chapter page ships at most 5 KB gzip of JS before the reader acts (DEVELOPERS.md); gzip -6 is
// what static hosts commonly serve. Bytes are deterministic: this is a size test, not a timing one.
const BUDGET = 5 * 1024;

const gzipBytes = (files: string[]) => files.reduce((n, f) => n + gzipSync(readFileSync(f), { level: 6 }).length, 0);

test('every page ships at most 5 KB gzip of JavaScript before input', () => {
  const sizes = pages('dist').map((page) => ({ page, bytes: gzipBytes(scriptsOnLoad('dist', page)) }));
  expect(sizes.length).toBeGreaterThan(5);
  for (const { page, bytes } of sizes) expect(bytes, `/${page}`).toBeLessThanOrEqual(BUDGET);
  // A chapter with figures does load the figure element: the walk found it (the test above is not vacuous).
  expect(sizes.find((s) => s.page === 'prelude/')!.bytes).toBeGreaterThan(1024);
});
