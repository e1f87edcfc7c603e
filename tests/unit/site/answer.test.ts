import { expect, test } from 'vitest';
import { judge } from '../../../src/site/answer.ts';

test('a typed answer within the relative tolerance is right, in the forms readers type', () => {
  for (const text of ['0.25', ' .25 ', '2.5e-1', '0,25', '2.5 × 10^-1', '0.2501']) expect(judge(text, 0.25, 0.01).ok, text).toBe(true);
  expect(judge('−3', -3, 0.01).ok).toBe(true);
});

test('a wrong, empty or non-numeric answer says why, never NaN', () => {
  expect(judge('0.3', 0.25, 0.01)).toEqual({ ok: false, message: 'Not quite: 0.3 is too large. Try again, or open the answer below.' });
  expect(judge('', 0.25, 0.01).message).toBe('Type a number first.');
  expect(judge('<img src=x>', 0.25, 0.01).message).toBe('"<img src=x>" is not a number.');
  expect(judge('0', 0, 0.01).ok).toBe(true);
});
