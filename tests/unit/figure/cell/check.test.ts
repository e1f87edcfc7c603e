import { expect, test } from 'vitest';
import { nonFinite, resultProblem } from '../../../../src/figure/cell/check.ts';

const rows = (n: number, at: number, bad: number) => Array.from({ length: n }, (_, i) => ({ step: i, loss: i === at ? bad : 1 / (i + 1) }));

test('the path of the first non-finite number, through rows, nested objects and typed arrays', () => {
  expect(nonFinite({ rows: rows(5, 3, NaN), alt: 'a' })).toBe('result.rows[3].loss is NaN');
  expect(nonFinite({ rows: [], w: { end: new Float64Array([0, 1, -Infinity]) } })).toBe('result.w.end[2] is -Infinity');
  expect(nonFinite({ grid: [[1, 2], [3, Infinity]] })).toBe('result.grid[1][1] is Infinity');
  // The first in order: an earlier NaN hides a later one.
  expect(nonFinite({ a: [1, NaN], b: NaN })).toBe('result.a[1] is NaN');
  expect(nonFinite(NaN)).toBe('result is NaN');
  expect(nonFinite(NaN, 'partial')).toBe('partial is NaN');
});

test('keys that are not identifiers are written as quoted subscripts, identifiers with $ and _ as properties', () => {
  expect(nonFinite({ 'η = 0.1': NaN })).toBe('result["η = 0.1"] is NaN');
  expect(nonFinite({ rows: [{ 'loss (train)': Infinity }] })).toBe('result.rows[0]["loss (train)"] is Infinity');
  expect(nonFinite({ '3d': NaN })).toBe('result["3d"] is NaN');
  expect(nonFinite({ $w_1: NaN })).toBe('result.$w_1 is NaN');
});

test('finite results, and values that hold no numbers, have no path', () => {
  expect(nonFinite({ rows: rows(4, -1, 0), alt: 'x', f: new Float32Array([1, 2]), s: 'NaN', n: null, b: true })).toBeNull();
  expect(nonFinite([Number.MAX_VALUE, -Number.MIN_VALUE, 0])).toBeNull();
});

test('a result of the wrong shape gets a message naming what is wrong with it', () => {
  expect(resultProblem(null)).toMatch(/object with rows and alt.*returned null/);
  expect(resultProblem(undefined)).toMatch(/returned undefined/);
  expect(resultProblem([{ a: 1 }])).toMatch(/returned an array/);
  expect(resultProblem(42)).toMatch(/returned number/);
  expect(resultProblem({ alt: 'a' })).toMatch(/must return rows/);
  expect(resultProblem({ rows: { 0: {} }, alt: 'a' })).toMatch(/must return rows/);
  expect(resultProblem({ rows: [] })).toMatch(/must return alt/);
  expect(resultProblem({ rows: [], alt: 3 })).toMatch(/must return alt, a string/);
});

test('a result of the right shape is judged on its numbers: the first non-finite one is named', () => {
  expect(resultProblem({ rows: rows(5, 3, NaN), alt: 'a' })).toBe('result.rows[3].loss is NaN: a chart cannot show it');
  expect(resultProblem({ rows: [], alt: 'a', end: new Int32Array([1]) })).toBeNull();
});
