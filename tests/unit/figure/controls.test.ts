import { expect, test } from 'vitest';
import { displayValue, fromInput, inputText } from '../../../src/figure/controls.ts';
import { parseValue } from '../../../src/figure/parse.ts';
import { controlList, defaults } from '../../../src/figure/define.ts';
import type { NamedControl } from '../../../src/figure/types.ts';

const rate: NamedControl = { kind: 'range', name: 'rate', label: 'Learning rate', min: 0, max: 1, step: 0.01, value: 0.1 };
const eps: NamedControl = { kind: 'range', name: 'eps', label: 'ε', min: -8, max: -1, step: 1, value: 1e-3, log: true };
const act: NamedControl = { kind: 'select', name: 'act', label: 'Activation', value: 'tanh', options: [{ value: 'tanh', label: 'tanh' }, { value: 'relu', label: 'ReLU' }] };
const flag: NamedControl = { kind: 'checkbox', name: 'bias', label: 'Biases', value: true };
const d: NamedControl = { kind: 'range', name: 'd', label: 'Hidden units', min: 1, max: 8, step: 1, value: 3, integer: true };

test('defaults and the named list follow the controls object, in order', () => {
  expect(defaults({ rate, bias: flag })).toEqual({ rate: 0.1, bias: true });
  expect(controlList({ rate, bias: flag }).map((c) => c.name)).toEqual(['rate', 'bias']);
});

test('log sliders hold the exponent and read back the value', () => {
  expect(inputText(eps, 1e-3)).toBe('-3');
  expect(fromInput(eps, '-3', false)).toBe(0.001);
});

test('URL values are checked against the control and named when rejected', () => {
  expect(parseValue(rate, '0.5')).toEqual({ value: 0.5 });
  expect(parseValue(rate, '2')).toEqual({ error: 'Learning rate: 2 is outside [0, 1]' });
  expect(parseValue(rate, '<script>')).toEqual({ error: 'Learning rate: "<script>" is not a number' });
  expect(parseValue(rate, 'NaN')).toHaveProperty('error');
  expect(parseValue(d, '2.5')).toEqual({ error: 'Hidden units: 2.5 is not a whole number' });
  // Every rejection names the value it rejected.
  expect(parseValue(act, 'gelu')).toEqual({ error: 'Activation: "gelu" is not one of tanh, relu' });
  expect(parseValue(flag, 'maybe')).toEqual({ error: 'Biases: "maybe" is not on or off' });
  expect(parseValue(eps, '1e-8')).toEqual({ value: 1e-8 });
  expect(parseValue(act, 'relu')).toEqual({ value: 'relu' });
  expect(parseValue(act, 'gelu')).toHaveProperty('error');
  expect(parseValue(flag, '0')).toEqual({ value: false });
  expect(parseValue(flag, 'maybe')).toHaveProperty('error');
});

test('values display compactly', () => {
  expect(displayValue(rate, 0.1)).toBe('0.1');
  expect(displayValue(eps, 1e-6)).toBe('1.0e-6');
});

test('a log slider with zero: the far left is exactly 0, both ways', () => {
  const e: NamedControl = { kind: 'range', name: 'eps', label: 'ε', min: -13, max: -1, step: 1, value: 0, log: true, zero: true };
  expect(fromInput(e, '-13', false)).toBe(0);
  expect(fromInput(e, '-12', false)).toBe(1e-12);
  expect(inputText(e, 0)).toBe('-13');
  expect(displayValue(e, 0)).toBe('0');
  expect(parseValue(e, '0')).toEqual({ value: 0 });
  expect(parseValue(eps, '0')).toHaveProperty('error');
});

test('a value outside a log slider, or between its "exactly 0" end and its first position, is rejected, never read as 0', () => {
  const e: NamedControl = { kind: 'range', name: 'eps', label: 'ε', min: -13, max: -1, step: 1, value: 1e-8, log: true, zero: true };
  for (const text of ['-0.00000000005', '1e-14', '1e-320', '1e-13']) expect(parseValue(e, text), text).toHaveProperty('error');
  expect(parseValue(e, '1e-12')).toEqual({ value: 1e-12 });
  expect(parseValue(e, '0.1')).toEqual({ value: 0.1 });
  // Off the slider's positions: the input would snap it to another value without saying so.
  expect(parseValue(e, '3e-8')).toEqual({ error: 'ε: 3e-8 is not one of the slider\'s positions' });
  expect(parseValue(rate, '0.125')).toEqual({ error: 'Learning rate: 0.125 is not one of the slider\'s positions' });
});
