import { expect, test } from 'vitest';
import { shapeOf, shapeProblem } from '../../../../src/figure/cell/check.ts';

const shipped = { rows: [{ step: 0, w1: 0.3 }], alt: 'text', note: undefined, gap: null, series: new Float64Array([1, 2]), meta: { tied: true, label: 'x' } };
const shape = shapeOf(shipped);

test('what the shipped compute returns passes, with extra keys and other lengths', () => {
  expect(shapeProblem({ ...shipped, rows: [{ step: 0, w1: 1 }, { step: 1, w1: 2, extra: 'ok' }], more: 1 }, shape)).toBeNull();
  // null, an absent optional string and an absent "any" are accepted: a gap not yet measured, a note not given.
  expect(shapeProblem({ ...shipped, gap: 3, meta: { tied: false } }, shape)).toBeNull();
});

test('a missing number, a wrong kind or a missing array is named by its path', () => {
  expect(shapeProblem({ ...shipped, rows: [{ step: 0, w1: 1 }, { step: 1 }] }, shape)).toBe("result.rows[1].w1 is missing, but the figure's draw reads a number there (as the shipped compute returns)");
  expect(shapeProblem({ ...shipped, meta: { tied: 'yes' } }, shape)).toMatch(/^result\.meta\.tied is a string, but the figure's draw reads a boolean/);
  expect(shapeProblem({ ...shipped, series: undefined }, shape)).toMatch(/^result\.series is missing, but the figure's draw reads an array/);
  expect(shapeProblem({ ...shipped, rows: {} }, shape)).toMatch(/^result\.rows is an object, but the figure's draw reads an array/);
});

test('shapes read arrays over all their elements: a kind or key not always given says nothing', () => {
  expect(shapeOf([])).toBe('any');
  expect(shapeOf([{ a: 1, c: 2 }, { b: 's', c: 3 }])).toEqual({ array: { object: { a: 'any', b: 'any', c: 'number' } } });
  // A column written '' where there is no value and a number where there is (as a table's empty cell).
  const split = shapeOf([{ step: '' }, { step: 0 }]);
  expect(shapeProblem([{ step: 4 }, { step: '' }], split)).toBeNull();
  expect(shapeOf(new Int32Array(3))).toEqual({ array: 'number' });
});
