import { expect, test } from 'vitest';
import { checkParams, parseValue, valueProblem } from '../../../src/figure/parse.ts';
import type { Control } from '../../../src/figure/types.ts';

const rate: Control = { kind: 'range', label: 'Learning rate', min: 0, max: 1, step: 0.01, value: 0.1 };
const d: Control = { kind: 'range', label: 'Hidden units', min: 1, max: 8, step: 1, value: 3, integer: true };
const act: Control = { kind: 'select', label: 'Activation', value: 'tanh', options: [{ value: 'tanh', label: 'tanh' }, { value: 'relu', label: 'ReLU' }] };
const bias: Control = { kind: 'checkbox', label: 'Biases', value: true };

test('valueProblem judges a value by the rule a URL value is read with, and names the control', () => {
  for (const [c, text] of [[rate, '2'], [rate, '0.125'], [d, '2.5'], [act, 'gelu']] as const) {
    const parsed = parseValue(c, text);
    expect('error' in parsed && parsed.error).toBe(valueProblem(c, c.kind === 'select' ? text : Number(text)));
  }
  expect(valueProblem(rate, 0.5)).toBeNull();
  expect(valueProblem(rate, Number.NaN)).toMatch(/^Learning rate: "NaN" is not a finite number$/);
  expect(valueProblem(bias, 'yes')).toMatch(/^Biases: /);
  expect(valueProblem(bias, false)).toBeNull();
});

test('checkParams passes every control’s default and throws a RangeError naming the first bad one', () => {
  const controls = { rate, d, act, bias };
  expect(() => checkParams(controls, { rate: 0.1, d: 3, act: 'tanh', bias: true })).not.toThrow();
  expect(() => checkParams(controls, { rate: 0.1, d: 9, act: 'gelu', bias: true })).toThrow(new RangeError('Hidden units: 9 is outside [1, 8]'));
  expect(() => checkParams(controls, { rate: 0.1, d: 3, act: 'tanh' })).toThrow(/^Biases: undefined is not on or off$/);
});
