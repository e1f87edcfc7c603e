import { globSync, readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { cellSource, paramsType } from '../../../../src/figure/cell/extract.ts';
import { toScript } from '../../../../src/figure/cell/transpile.ts';
import { controlList } from '../../../../src/figure/define.ts';
import { figureNameOf } from '../../../../src/figure/names.ts';
import { figureNames, loadFigure } from '../../../../src/figure/registry.ts';
import type { NamedControl } from '../../../../src/figure/types.ts';

// A figure file with every case the lifting must get right: draw-only and unused imports, a chain of
// helpers, an orphan helper, a local shadowing an import, a type import and a trailing comment.
const figure = `import * as Plot from '@observablehq/plot';
import { defineFigure } from '../../../figure/define.ts';
import { fmt, sci } from '../../../figure/format.ts';
import { run, type Run } from '../maths.ts';
import type { Opts } from '../types.ts';
import { unused } from '../other.ts';
import { shadowed } from '../shadow.ts';

const RATE = 0.1; // the step size
const SCALE = RATE * 2;
/** Steps of a run. */
function steps(n: number): number {
  return n * SCALE;
}
function orphan() {
  return unused();
}
const DRAWN = 3;

export default defineFigure({
  controls: { a: { kind: 'range', label: 'A', min: 0, max: 4, step: 1, value: 2 } },
  COMPUTE
  draw(d) {
    return Plot.plot({ marks: [Plot.dot(d.rows)], height: DRAWN });
  },
});
`;

const method = `compute({ a }) {
    const shadowed = 2;
    const o: Opts = { by: shadowed };
    const r: Run = run(steps(a), o);
    return { rows: [r], alt: fmt(r.loss) };
  },`;
const arrow = `compute: (p, ctx) => {
    const shadowed = ctx.memo('k', () => 2);
    const r: Run = run(steps(p.a), { by: shadowed } as Opts);
    return { rows: [r], alt: fmt(r.loss) };
  },`;

const type = paramsType([{ kind: 'range', name: 'a', label: 'A', min: 0, max: 4, step: 1, value: 2 }]);
const lines = (cell: string) => cell.split('\n');

/** The lifted compute run in a fresh context, with stand-ins for the modules it imports. */
function runCell(cell: string, params: object) {
  const script = toScript(cell);
  if ('problem' in script) throw new Error(script.problem.message);
  const modules: Record<string, object> = {
    '../../../figure/format.ts': { fmt: (x: number) => `loss ${x}` },
    '../maths.ts': { run: (n: number, o: { by: number }) => ({ loss: n * o.by }) },
  };
  const exports: { compute?: (p: object, ctx: object) => { rows: object[]; alt: string } } = {};
  const memo = (_k: string, make: () => unknown) => make();
  runInNewContext(script.code, { exports, require: (spec: string) => modules[spec] ?? (() => { throw new Error(`required ${spec}`); })() });
  return exports.compute!(params, { memo });
}

describe.each([['method shorthand', method], ['arrow property', arrow]])('a compute written as %s', (_how, compute) => {
  const cell = cellSource(figure.replace('COMPUTE', compute), 'src/chapters/c/figures/f.ts', type);

  test('keeps only the imports compute reaches, type imports included', () => {
    expect(lines(cell).filter((l) => l.startsWith('import'))).toEqual([
      "import { fmt } from '../../../figure/format.ts';",
      "import { run, type Run } from '../maths.ts';",
      "import type { Opts } from '../types.ts';",
    ]);
    // Drawn only, imported unused, unused from a kept import, and shadowed by a local of compute.
    for (const gone of ['Plot', 'defineFigure', 'sci', 'unused', "'../shadow.ts'"]) expect(cell).not.toContain(gone);
  });

  test('keeps the helpers and constants compute reaches, transitively, with their comments, and drops the rest', () => {
    expect(lines(cell)).toContain('const RATE = 0.1; // the step size');
    expect(lines(cell)).toContain('const SCALE = RATE * 2;');
    expect(cell).toContain('/** Steps of a run. */\nfunction steps(n: number): number {\n  return n * SCALE;\n}');
    expect(cell).not.toContain('orphan');
    expect(cell).not.toContain('DRAWN');
    // In file order, so each constant is declared before the code that reads it at load.
    expect(cell.indexOf('const RATE')).toBeLessThan(cell.indexOf('const SCALE'));
  });

  test('declares Params from the controls and exports compute with it as the first parameter\'s type', () => {
    expect(lines(cell)).toContain(`type Params = ${type};`);
    expect(cell).toMatch(/^export function compute\((\{ a \}|p): Params(, ctx)?\) \{$/m);
  });

  test('runs as the figure\'s compute does: steps(a) = a · SCALE = 0.2 a, through the stand-in modules', () => {
    const out = runCell(cell, { a: 3 });
    expect(out.rows).toEqual([{ loss: 3 * (0.1 * 2) * 2 }]);
    expect(out.alt).toBe(`loss ${3 * (0.1 * 2) * 2}`);
  });
});

test('a file without compute throws naming the file', () => {
  expect(() => cellSource("export default defineFigure({ controls: {}, draw() { return null; } });\n", 'src/chapters/c/figures/none.ts'))
    .toThrow('src/chapters/c/figures/none.ts');
});

test('paramsType types each kind of control, and an empty set of controls as no params', () => {
  const controls: NamedControl[] = [
    { kind: 'range', name: 'rate', label: 'R', min: 0, max: 1, step: 0.1, value: 0.5 },
    { kind: 'checkbox', name: 'bias', label: 'B', value: true },
    { kind: 'select', name: 'act', label: 'A', value: 'erf', options: [{ value: 'erf', label: 'erf' }, { value: 'tanh', label: 'tanh' }] },
  ];
  expect(paramsType(controls)).toBe("{ rate: number; bias: boolean; act: 'erf' | 'tanh' }");
  expect(paramsType([])).toBe('Record<string, never>');
});

describe('every figure file on disk', () => {
  const files = globSync('src/chapters/*/figures/*.ts').map((f) => f.replaceAll('\\', '/')).sort();

  test('is one the registry knows (so the glob below sees every figure)', () => {
    expect(files.map(figureNameOf).sort()).toEqual(figureNames());
  });

  test.each(files)('%s lifts to a cell that parses, leaves Plot behind and types every control', async (path) => {
    const controls = controlList((await loadFigure(figureNameOf(path))).controls);
    const type = paramsType(controls);
    const cell = cellSource(readFileSync(path, 'utf8'), path, type);
    const script = toScript(cell);
    expect('problem' in script ? script.problem : null).toBeNull();
    expect(cell).not.toContain('@observablehq/plot');
    expect(lines(cell)).toContain(`type Params = ${type};`);
    for (const c of controls) expect(type).toMatch(new RegExp(`[{;] ${c.name}: `));
    if (controls.length === 0) expect(type).toBe('Record<string, never>');
  });
});
