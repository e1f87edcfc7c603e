import { expect, test } from 'vitest';
import { problemText } from '../../../../src/figure/cell/problem.ts';

test('problemText leaves out what is not known', () => {
  expect(problemText({ kind: 'timeout', message: 'Stopped.' })).toBe('Stopped.');
  expect(problemText({ kind: 'runtime', message: 'Boom.', line: 3 })).toBe('Line 3: Boom.');
});
