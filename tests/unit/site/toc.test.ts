import { expect, test } from 'vitest';
import { tocTree } from '../../../src/site/toc.ts';

test('sub-sections nest under their section, so sections number 1, 2, … (not 1, 4)', () => {
  const h = (depth: number, slug: string) => ({ depth, slug, text: slug });
  const tree = tocTree([h(2, 'a'), h(3, 'a1'), h(3, 'a2'), h(2, 'b'), h(3, 'b1')]);
  expect(tree.map((s) => s.slug)).toEqual(['a', 'b']);
  expect(tree.map((s) => s.children.map((c) => c.slug))).toEqual([['a1', 'a2'], ['b1']]);
  // A sub-section before any section still shows, as its own entry.
  expect(tocTree([h(3, 'x'), h(2, 'a')]).map((s) => s.slug)).toEqual(['x', 'a']);
});
