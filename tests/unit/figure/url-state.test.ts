import { expect, test } from 'vitest';
import { hasKeys } from '../../../src/figure/has-keys.ts';
import { readQuery, rejectedNote, writeQuery } from '../../../src/figure/url-state.ts';
import type { NamedControl } from '../../../src/figure/types.ts';

const controls: NamedControl[] = [
  { kind: 'range', name: 'eps', label: 'Asymmetry ε', min: -8, max: -1, step: 1, value: 1e-3, log: true },
  { kind: 'range', name: 'seed', label: 'Seed', min: 1, max: 20, step: 1, value: 1, integer: true },
  { kind: 'select', name: 'act', label: 'Activation', value: 'tanh', options: [{ value: 'tanh', label: 'tanh' }, { value: 'relu', label: 'ReLU' }] },
];

test('reads only this figure\'s keys', () => {
  expect(readQuery('?gap.eps=1e-5&gap.seed=7&other.seed=3', 'gap', controls)).toEqual({ values: { eps: 1e-5, seed: 7 }, errors: [] });
});

test('bad and hostile values are named and not used', () => {
  const { values, errors } = readQuery('?gap.seed=%3Cimg%20src%3Dx%3E&gap.eps=5&gap.act=gelu&gap.step=1&gap.__proto__=x', 'gap', controls);
  expect(values).toEqual({});
  expect(errors).toEqual([
    'Seed: "<img src=x>" is not a number',
    'Asymmetry ε: 5 is outside [1e-8, 0.1]',
    'Activation: "gelu" is not one of tanh, relu',
    '"step" is not a control of this figure',
    '"__proto__" is not a control of this figure',
  ]);
});

test('writes only values that differ from the defaults and keeps other figures\' keys', () => {
  expect(writeQuery('?other.seed=3&gap.seed=9', 'gap', controls, { eps: 1e-3, seed: 4, act: 'relu' })).toBe('?other.seed=3&gap.seed=4&gap.act=relu');
  expect(writeQuery('?gap.seed=9', 'gap', controls, { eps: 1e-3, seed: 1, act: 'tanh' })).toBe('');
});

test('a written query reads back to the same values', () => {
  const params = { eps: 1e-6, seed: 12, act: 'relu' };
  expect(readQuery(writeQuery('', 'gap', controls, params), 'gap', controls).values).toEqual(params);
});

test('percent-encoded keys are this figure\'s keys too', () => {
  expect(hasKeys('?gap%2Eseed=7', 'gap')).toBe(true);
  expect(hasKeys('?other.seed=7', 'gap')).toBe(false);
  expect(readQuery('?gap%2Eseed=7', 'gap', controls).values).toEqual({ seed: 7 });
});

test('the note on rejected values stays short however many there were', () => {
  const search = `?${Array.from({ length: 500 }, (_, i) => `gap.k${i}=1`).join('&')}`;
  const note = rejectedNote(readQuery(search, 'gap', controls).errors);
  expect(note).toMatch(/; and 497 more\.$/);
  expect(note.length).toBeLessThan(200);
  expect(rejectedNote([])).toBe('');
});

test('a repeated key keeps its good value and names its bad one, in either order', () => {
  expect(readQuery('?gap.seed=7&gap.seed=99', 'gap', controls)).toEqual({ values: { seed: 7 }, errors: ['Seed: 99 is outside [1, 20]'] });
  expect(readQuery('?gap.seed=abc&gap.seed=7', 'gap', controls)).toEqual({ values: { seed: 7 }, errors: ['Seed: "abc" is not a number'] });
  const both = readQuery('?gap.act=gelu&gap.act=relu&gap.act=swish', 'gap', controls);
  expect(both.values).toEqual({ act: 'relu' });
  expect(both.errors).toHaveLength(2);
  expect(rejectedNote(readQuery('?gap.seed=7&gap.seed=99', 'gap', controls).errors)).toContain('Seed: 99 is outside');
});
