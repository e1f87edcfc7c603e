import { parseHTML } from 'linkedom';
import { expect, test } from 'vitest';
import { toCsv, toSvg } from '../../../src/figure/export.ts';

test('CSV has one header of every key, quotes what needs quoting, leaves missing cells empty', () => {
  expect(toCsv([{ a: 1, b: 'x,y' }, { a: 0.1 + 0.2, c: 'say "hi"' }, { a: null, b: Number.NaN }])).toBe(
    'a,b,c\n1,"x,y",\n0.30000000000000004,,"say ""hi"""\n,,\n',
  );
});

test('SVG export stacks every chart into one standalone document', () => {
  const { document } = parseHTML('<!doctype html><html><body><div><svg width="100" height="40"></svg><p>t</p><svg width="80" height="60"></svg></div></body></html>');
  const svg = toSvg(document.querySelector('div') as unknown as Element, document as unknown as Document);
  expect(svg.startsWith('<?xml')).toBe(true);
  expect(svg).toMatch(/<svg[^>]*viewBox="0 0 100 100"/);
  expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
  expect(svg.match(/<svg y="(\d+)"/g)).toEqual(['<svg y="0"', '<svg y="40"']);
});

test('CSV with named columns keeps their order and leaves out other keys', () => {
  expect(toCsv([{ b: 2, a: 1, z: 9 }, { a: 'p\nq' }], ['a', 'b'])).toBe('a,b\n1,2\n"p\nq",\n');
});
