import { expect, test } from 'vitest';
import { cellChunk } from '../support/cell-chunk.ts';
import { scriptsOnLoad } from '../support/scripts.ts';

// The budget for everything the first Edit fetches (wasm + glue + stripper + editor), in KiB as
// the page budget counts: QuickJS's wasm alone is ~227 KiB, so this leaves room for little else.
const CHUNK_BUDGET = 300 * 1024;

test('the notebook-cell chunk is at most 300 KB gzip, and none of it loads before the reader asks', () => {
  const onPage = new Set(scriptsOnLoad('dist', 'prelude/'));
  const { chunk, numerics } = cellChunk('dist', onPage);
  const total = chunk.reduce((n, f) => n + f.gzip, 0);
  expect(total).toBeLessThanOrEqual(CHUNK_BUDGET);
  // The accounting found the three parts (a missing one would make the budget vacuous).
  expect(new Set(chunk.map((f) => f.part)).size).toBe(3);
  expect(numerics.gzip).toBeGreaterThan(0);
  for (const f of [...chunk, numerics]) expect([...onPage].some((p) => p.endsWith(f.file)), f.file).toBe(false);
});
