import { parseHTML } from 'linkedom';
import { expect, test } from 'vitest';
import { csvFile, fileName, provenance, toSvg } from '../../../src/figure/export.ts';

const defaults = { delta: 0, rate: 0.05, log: false, act: 'tanh' };

test('a download names its figure and every control value, as the address writes them', () => {
  expect(provenance('two-units', defaults)).toBe('two-units: delta=0, rate=0.05, log=0, act=tanh');
  expect(provenance('twins-lost', {})).toBe('twins-lost');
});

test('the file name adds only the controls moved from their defaults, in safe characters', () => {
  expect(fileName('two-units', defaults, defaults, 'csv')).toBe('two-units.csv');
  expect(fileName('two-units', { ...defaults, delta: 0.2, log: true }, defaults, 'svg')).toBe('two-units_delta-0.2_log-1.svg');
  expect(fileName('gap', { ...defaults, rate: 1e-7, act: 'a b/c:"d"' }, defaults, 'csv')).toBe('gap_rate-1e-7_act-a-b-c-d-.csv');
});

test('the CSV says what made it in a comment line before its header', () => {
  const csv = csvFile([{ step: 0, loss: 1 }], provenance('two-units', { delta: 0.2 }));
  expect(csv).toBe('# two-units: delta=0.2\nstep,loss\n0,1\n');
  // Whatever a value holds, the comment stays one line.
  expect(csvFile([{ a: 1 }], provenance('f', { act: 'x\r\ny' })).split('\n')).toEqual(['# f: act=x y', 'a', '1', '']);
});

test('the SVG carries the same line as its <desc>, escaped', () => {
  const { document } = parseHTML('<!doctype html><html><body><svg width="10" height="10"></svg></body></html>');
  const svg = toSvg(document.querySelector('svg') as unknown as Element, document as unknown as Document, provenance('two-units', { act: '<b>&' }));
  expect(svg).toContain('<desc>two-units: act=&lt;b&gt;&amp;</desc>');
  const plain = toSvg(document.querySelector('svg') as unknown as Element, document as unknown as Document);
  expect(plain).not.toContain('<desc>');
});
