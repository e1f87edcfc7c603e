import { expect, test } from 'vitest';
import { holdsAll, terms, words } from '../../../src/site/search-match.ts';

const prelude = 'Take a network with one input x, two hidden units. Units that start equal get equal gradients (Şimšek, 2021).';

test('a word the text lacks is no match, even where Pagefind backed off to one of its letters', () => {
  expect(holdsAll(prelude, 'xyzzy')).toBe(false);
  expect(holdsAll(prelude, 'gradient xyzzy')).toBe(false);
  expect(holdsAll(prelude, '   ')).toBe(false);
});

test('every word the text holds matches: whole, as a typed prefix, inflected, without accents, quoted', () => {
  for (const q of ['x', 'gradient', 'gradients', 'grad', 'unit', 'Units start', 'simsek', '"equal gradients"', 'starting'])
    expect(holdsAll(prelude, q), q).toBe(true);
  // Pagefind stems both sides: "symmetries" finds "symmetry", as the index itself would.
  expect(holdsAll('the smallest network with a symmetry', 'symmetries')).toBe(true);
});

test('words are split as the index splits them: runs and their parts, folded', () => {
  expect(words('Symmetry-induced W₁₁, x̃_i')).toEqual(['symmetryinduced', 'symmetry', 'induced', 'w₁₁', 'x_i']);
  expect(terms('"Zero init?"')).toEqual(['zero', 'init']);
});
