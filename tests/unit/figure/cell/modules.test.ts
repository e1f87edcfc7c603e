import { expect, test } from 'vitest';
import { requireFrom } from '../../../../src/figure/cell/modules.ts';

const core = { twice: (x: number) => 2 * x };
const units = { descend: () => 0 };
const format = { fmt: String };
const modules = { 'src/core/index.ts': core, 'src/chapters/w11-and-w12/units.ts': units, 'src/figure/format.ts': format };

test('relative imports resolve against the figure file\'s folder, as they do in the file itself', () => {
  const require = requireFrom(modules, 'src/chapters/w11-and-w12/figures/tanh-restarts.ts');
  expect(require('../../../core/index.ts')).toBe(core);
  expect(require('../units.ts')).toBe(units);
  expect(require('./../units.ts')).toBe(units);
  expect(require('../../../figure/format.ts')).toBe(format);
});

test('a path from the repository root is taken as it is', () => {
  expect(requireFrom(modules, 'src/chapters/prelude/figures/two-units.ts')('src/core/index.ts')).toBe(core);
});

test('a module outside the bundle throws naming the import and what a cell may import', () => {
  const require = requireFrom(modules, 'src/chapters/prelude/figures/two-units.ts');
  // One folder too few: src/chapters/core/index.ts is not a module.
  expect(() => require('../../core/index.ts')).toThrow('cannot import "../../core/index.ts" in a cell');
  expect(() => require('@observablehq/plot')).toThrow(/cannot import "@observablehq\/plot".*src\/core/);
  expect(() => require('fs')).toThrow('cannot import "fs"');
});

test('its source text alone makes the same require (the sandbox and the script evaluate it)', () => {
  const copy = new Function(`return (${requireFrom.toString()});`)() as typeof requireFrom;
  expect(copy(modules, 'src/chapters/w11-and-w12/figures/tanh-restarts.ts')('../units.ts')).toBe(units);
});
