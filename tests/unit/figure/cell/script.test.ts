import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cellSource, paramsType } from '../../../../src/figure/cell/extract.ts';
import { standaloneScript } from '../../../../src/figure/cell/script.ts';
import { toScript } from '../../../../src/figure/cell/transpile.ts';
import { controlList, defaults } from '../../../../src/figure/define.ts';
import { csvFile, provenance } from '../../../../src/figure/export.ts';
import { parseValue } from '../../../../src/figure/parse.ts';
import { figurePath, loadFigure } from '../../../../src/figure/registry.ts';
import { computeFigure, initialState, memoIn } from '../../../../src/figure/run.ts';
import type { Values } from '../../../../src/figure/types.ts';
import { numericsScript } from '../../../support/numerics.ts';

// The downloaded script, run by node as a reader would, against the figure's own compute with the same params.
let dir: string;
let numerics: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cell-script-'));
  numerics = await numericsScript();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the figure's script as <id>.mjs; what it prints, and what the figure computes natively, for given params. */
async function scriptOf(name: string) {
  const fig = await loadFigure(name);
  const path = figurePath(name)!;
  const controls = controlList(fig.controls);
  const cell = toScript(cellSource(readFileSync(path, 'utf8'), path, paramsType(controls)));
  if ('problem' in cell) throw new Error(cell.problem.message);
  // As the page has them: prepare's result fetched as JSON.
  const inputs = fig.prepare ? JSON.parse(JSON.stringify(fig.prepare(memoIn(new Map())))) : undefined;
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, standaloneScript(numerics, cell.code, { name, id: name, path, controls, values: defaults(fig.controls), state: initialState(fig), inputs }));
  const csv = (params: Values) => csvFile(computeFigure(fig, params, { live: true, memo: new Map(), inputs, state: initialState(fig) }).rows, provenance(name, params));
  const node = (...args: string[]) => spawnSync(process.execPath, [file, ...args], { encoding: 'utf8' });
  return { fig, controls, file, csv, node };
}

// One flag form each, and between them a range, a select (of a figure with prepare inputs) and a checkbox.
const cases: [name: string, control: string, args: (value: string) => string[], value: (fig: Awaited<ReturnType<typeof loadFigure>>) => string][] = [
  ['two-units', 'rate', (v) => ['--rate', v], () => '0.1'],
  ['escape-knobs', 'show', (v) => [`--show=${v}`], (fig) => (fig.controls.show as { options: { value: string }[] }).options[1].value],
  ['twins-zero', 'biases', (v) => ['--biases', v], (fig) => (fig.controls.biases.value ? '0' : '1')],
];

describe.each(cases)('%s.mjs', (name, control, args, value) => {
  let s: Awaited<ReturnType<typeof scriptOf>>;
  beforeAll(async () => {
    s = await scriptOf(name);
  });

  test(`prints the CSV the figure computes, at the defaults and with --${control} changed`, () => {
    const params = defaults(s.fig.controls);
    expect(execFileSync(process.execPath, [s.file], { encoding: 'utf8' })).toBe(s.csv(params));
    const c = s.controls.find((x) => x.name === control)!;
    const parsed = parseValue(c, value(s.fig));
    if ('error' in parsed) throw new Error(parsed.error);
    // The control's value changes the figure: otherwise this would not test the flag.
    expect(s.csv({ ...params, [control]: parsed.value })).not.toBe(s.csv(params));
    expect(execFileSync(process.execPath, [s.file, ...args(value(s.fig))], { encoding: 'utf8' })).toBe(s.csv({ ...params, [control]: parsed.value }));
  });

  test('--help prints a usage naming every control and exits 0', () => {
    const out = s.node('--help');
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(new RegExp(`^usage: node ${name}\\.mjs `));
    for (const c of s.controls) expect(out.stdout).toContain(`--${c.name} <`);
  });

  test('an unknown flag exits 2 naming it, with the usage', () => {
    const out = s.node('--nope', '1');
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('unknown argument --nope');
    expect(out.stderr).toContain('usage: ');
    expect(out.stdout).toBe('');
  });
});

test('a bad value exits 2 with the control\'s own error, before computing anything', async () => {
  const two = await scriptOf('two-units');
  const rate = two.controls.find((c) => c.name === 'rate')!;
  for (const text of ['9', 'fast', '0.015']) {
    const out = two.node(`--rate=${text}`);
    const judged = parseValue(rate, text);
    expect(judged).toHaveProperty('error');
    expect(out.status).toBe(2);
    expect(out.stderr.trim()).toBe(`--rate: ${(judged as { error: string }).error}`);
    expect(out.stdout).toBe('');
  }
  const knobs = await scriptOf('escape-knobs');
  const out = knobs.node('--show', 'gelu');
  expect(out.status).toBe(2);
  expect(out.stderr.trim()).toBe(`--show: ${(parseValue(knobs.controls.find((c) => c.name === 'show')!, 'gelu') as { error: string }).error}`);
});
