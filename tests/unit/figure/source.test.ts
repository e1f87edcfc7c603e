import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { extractDeclaration } from '../../../src/figure/source.ts';

const source = readFileSync('src/chapters/prelude/two-units.ts', 'utf8');

test('extracts a function with its doc comment, verbatim from the file that runs', () => {
  const body = extractDeclaration(source, 'twoUnitsGrad')!;
  expect(body.startsWith('/** Loss L')).toBe(true);
  expect(body.endsWith('}')).toBe(true);
  expect(source).toContain(body);
  expect(body).toContain('const dF = 2 * r;');
  expect(body).not.toContain('twoUnitsRun');
});

test('extracts interfaces and reports a missing name as null', () => {
  expect(extractDeclaration(source, 'TwoUnits')).toMatch(/^\/\*\* The smallest network[\s\S]*v2: number;\n}$/);
  expect(extractDeclaration(source, 'nope')).toBeNull();
});
