import { expect, test } from 'vitest';
import { problemText } from '../../../../src/figure/cell/problem.ts';
import { toScript } from '../../../../src/figure/cell/transpile.ts';

const code = (ts: string) => {
  const out = toScript(ts);
  if ('problem' in out) throw new Error(out.problem.message);
  return out.code;
};

const cell = [
  "import { fmt } from '../../../figure/format.ts';",
  "import type { Run } from '../maths.ts';",
  "import * as core from '../../../core/index.ts';",
  'interface Point { x: number; y: number }',
  'type Params = { rate: number };',
  'export function compute({ rate }: Params, ctx: unknown): { rows: Point[]; alt: string } {',
  '  const marker = rate as number * 7;',
  '  const rows: Point[] = [{ x: marker, y: core.twice(rate) }];',
  '  return { rows, alt: fmt(rows[0].x) };',
  '}',
].join('\n');

test('types are stripped and each value import becomes a require; a type-only import leaves nothing', () => {
  const js = code(cell);
  for (const gone of ['interface', ': number', 'Params', 'Point[]', ' as number', "'../maths.ts'"]) expect(js).not.toContain(gone);
  expect(js).toContain("require('../../../figure/format.ts')");
  expect(js).toContain("require('../../../core/index.ts')");
  expect(js).not.toMatch(/^\s*import /m);
});

test('every line stays on its line number, so the sandbox\'s errors point into the reader\'s code', () => {
  const js = code(cell).split('\n');
  const ts = cell.split('\n');
  const at = ts.findIndex((l) => l.includes('marker = rate'));
  expect(at + 1).toBe(7);
  expect(js[at]).toMatch(/const marker = rate\s*\* 7;/);
  expect(js.findIndex((l) => l.includes('rows[0].x'))).toBe(ts.findIndex((l) => l.includes('rows[0].x')));
  expect(js.length).toBe(ts.length);
});

test('the result runs: compute is an export of the script', () => {
  const exports: Record<string, (...a: unknown[]) => { alt: string; rows: { x: number; y: number }[] }> = {};
  const modules: Record<string, unknown> = { '../../../figure/format.ts': { fmt: (x: number) => `x = ${x}` }, '../../../core/index.ts': { twice: (x: number) => 2 * x } };
  // The transpiled script expects CommonJS' two free names, as the sandbox provides them.
  new Function('exports', 'require', code(cell))(exports, (s: string) => modules[s]);
  expect(exports.compute({ rate: 0.5 }, {})).toEqual({ rows: [{ x: 0.5 * 7, y: 1 }], alt: `x = ${0.5 * 7}` });
});

test('a syntax error is a problem on its line, with a column, in sucrase\'s words without its prefix or position', () => {
  const lines = ['const a = 1;', 'const b = 2;', '', 'export function compute() {', '  return { rows: [], alt: ) };', '}'];
  const out = toScript(lines.join('\n'));
  expect('problem' in out).toBe(true);
  if (!('problem' in out)) return;
  const p = out.problem;
  expect(p.kind).toBe('syntax');
  expect(p.line).toBe(5);
  // 1-based, as an editor counts: the ")" is the 27th character of line 5.
  expect(p.column).toBe(lines[4].indexOf(')') + 1);
  expect(p.message).not.toMatch(/Error transforming|cell\.ts|\(\d+:\d+\)/);
  expect(p.message).toMatch(/^\S.*\.$/);
  expect(problemText(p)).toBe(`Line 5, column ${p.column}: ${p.message}`);
});
