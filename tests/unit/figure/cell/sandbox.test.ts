import release from '@jitl/quickjs-wasmfile-release-sync';
import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSandbox, type CellJob } from '../../../../src/figure/cell/sandbox.ts';

// A stand-in for the numerics bundle: one module, keyed as the real bundle keys them.
const numerics = `globalThis.__numerics = { 'src/core/x.ts': {
  twice: (v) => 2 * v,
  boom: () => { throw new RangeError('out of range'); },
} };`;
const PATH = 'src/chapters/c/figures/f.ts';
const LIMIT = 10_000;
const job = (params: Record<string, unknown> = {}, state?: unknown, inputs?: unknown): CellJob => ({ params, state, inputs });

let box: ReturnType<typeof createSandbox>;
beforeAll(async () => {
  box = createSandbox(await newQuickJSWASMModuleFromVariant(release), numerics);
});
afterAll(() => box.dispose());

/** Loads a cell (lines of TypeScript) and runs it once. */
function run(lines: string[], j: CellJob = job(), limit = LIMIT, onPartial?: (p: unknown, done: number) => void) {
  expect(box.load(lines.join('\n'), PATH, limit)).toBeNull();
  return box.run(j, limit, onPartial);
}

test('a cell importing a numerics module by its path from the figure file runs and returns its value', () => {
  const out = run([
    "import { twice } from '../../../core/x.ts';",
    'export function compute({ a }: { a: number }) {',
    '  return { rows: [{ a, b: twice(a) }], alt: `twice ${a}` };',
    '}',
  ], job({ a: 0.1 }));
  expect(out).toEqual({ value: { rows: [{ a: 0.1, b: 2 * 0.1 }], alt: 'twice 0.1' } });
});

test('an endless loop is stopped at the limit, named in seconds, and the same sandbox then runs good code', () => {
  const limit = 250;
  const out = run(['export function compute() {', '  while (true) {}', '}'], job(), limit);
  expect(out).toHaveProperty('problem.kind', 'timeout');
  expect(out).toHaveProperty('problem.message', expect.stringContaining(`${limit / 1000} s`));
  expect(run(['export function compute() {', "  return { rows: [], alt: 'fine' };", '}'])).toEqual({ value: { rows: [], alt: 'fine' } });
  // A loop at the top level stops the load itself.
  expect(box.load('while (true) {}', PATH, limit)).toHaveProperty('kind', 'timeout');
});

test('a runtime error names its line in the cell, also when it is thrown inside the numerics', () => {
  const direct = run(['export function compute() {', '  const o: { x?: { y: number } } = {};', '', '  return o.x.y;', '}']);
  expect(direct).toMatchObject({ problem: { kind: 'runtime', line: 4, message: expect.stringMatching(/^TypeError: /) } });
  const inside = run(["import { boom } from '../../../core/x.ts';", 'export function compute() {', '  return boom();', '}']);
  expect(inside).toMatchObject({ problem: { kind: 'runtime', line: 3, message: 'RangeError: out of range' } });
});

test('a syntax error is a problem on its line, at load', () => {
  expect(box.load('export function compute() {\n  return { rows: [], alt: ) };\n}', PATH, LIMIT)).toMatchObject({ kind: 'syntax', line: 2 });
  // One sucrase lets through and QuickJS refuses.
  expect(box.load('let x = 1;\nlet x = 2;\nexport function compute() {}', PATH, LIMIT)).toMatchObject({ kind: 'syntax', line: 2 });
});

test('importing a module outside the bundle is a problem saying it cannot be imported', () => {
  expect(box.load("import { x } from './nope.ts';\nexport function compute() { return x; }", PATH, LIMIT))
    .toMatchObject({ kind: 'import', message: expect.stringContaining('cannot import "./nope.ts"') });
});

test('nothing of the page, the network, storage or node is reachable inside', () => {
  const names = ['fetch', 'XMLHttpRequest', 'WebSocket', 'postMessage', 'localStorage', 'indexedDB', 'document', 'window', 'self', 'process', 'importScripts'];
  const out = run([
    'export function compute() {',
    `  const seen = [${names.map((n) => `typeof ${n}`).join(', ')}];`,
    // The Function constructor is QuickJS's own: its global scope is the sandbox's too.
    "  seen.push(new Function('return typeof process')());",
    "  return { rows: [], alt: seen.join(',') };",
    '}',
  ]);
  expect(out).toEqual({ value: { rows: [], alt: [...names, 'Function'].map(() => 'undefined').join(',') } });
  for (const spec of ['fs', 'node:fs', 'child_process']) {
    expect(run(['export function compute() {', `  return require('${spec}');`, '}'])).toMatchObject({ problem: { kind: 'import', line: 2, message: expect.stringContaining(`cannot import "${spec}"`) } });
  }
});

test('params, state and inputs reach compute, and typed arrays and non-finite numbers survive both ways', () => {
  const state = { w: new Float64Array([0.25, -1e-300, NaN]), step: 3 };
  const inputs = { grid: [new Int32Array([1, -2])], inf: -Infinity };
  const out = run([
    'export function compute(params, ctx) {',
    '  return { rows: [], alt: ctx.live ? "live" : "static", params, state: ctx.state, inputs: ctx.inputs, made: new Float32Array([0.5, Infinity]) };',
    '}',
  ], job({ rate: 0.1, act: 'tanh', bias: true }, state, inputs));
  expect(out).toStrictEqual({ value: { rows: [], alt: 'live', params: { rate: 0.1, act: 'tanh', bias: true }, state, inputs, made: new Float32Array([0.5, Infinity]) } });
});

test('ctx.memo keeps its values between runs of one load and starts empty after a new load', () => {
  const cell = ['export function compute({ x }, ctx) {', "  return { rows: [], alt: String(ctx.memo('k', () => x)) };", '}'];
  const alt = (out: unknown) => (out as { value: { alt: string } }).value.alt;
  expect(alt(run(cell, job({ x: 1 })))).toBe('1');
  expect(alt(box.run(job({ x: 2 }), LIMIT))).toBe('1');
  expect(alt(run(cell, job({ x: 2 })))).toBe('2');
});

test('progress(done, partial) hands onPartial the decoded partial and how far the run is', () => {
  const partials: [unknown, number][] = [];
  const out = run([
    'export function compute(_p, ctx) {',
    // Partials are rate-limited (one per 50 ms): wait past that before reporting.
    '  const t = Date.now();',
    '  while (Date.now() - t < 120) {}',
    "  ctx.progress(0.5, () => ({ rows: [{ k: 1 }], alt: 'half', w: new Float64Array([NaN, 2]) }));",
    "  return { rows: [], alt: 'done' };",
    '}',
  ], job(), LIMIT, (p, done) => partials.push([p, done]));
  expect(out).toEqual({ value: { rows: [], alt: 'done' } });
  expect(partials).toStrictEqual([[{ rows: [{ k: 1 }], alt: 'half', w: new Float64Array([NaN, 2]) }, 0.5]]);
});

test('a run before any load, or of a cell without compute, is a problem, not a crash', async () => {
  const fresh = createSandbox(await newQuickJSWASMModuleFromVariant(release), numerics);
  expect(fresh.run(job(), LIMIT)).toMatchObject({ problem: { message: 'no cell is loaded' } });
  expect(fresh.load('export const x = 1;', PATH, LIMIT)).toBeNull();
  expect(fresh.run(job(), LIMIT)).toMatchObject({ problem: { kind: 'runtime', message: expect.stringContaining('must export function compute') } });
  fresh.dispose();
});
