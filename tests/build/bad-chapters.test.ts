import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';

/** Builds the site with its chapters taken from a fixture folder; returns the exit code and all output. */
function build(fixture: string) {
  const outDir = mkdtempSync(join(tmpdir(), `bs-${fixture}-`));
  const r = spawnSync('npx', ['astro', 'build', '--outDir', outDir], {
    env: { ...process.env, CONTENT_DIR: `tests/fixtures/${fixture}`, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
    encoding: 'utf8',
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

const file = (fixture: string) => `tests/fixtures/${fixture}/fixture.mdx`;

test('a good fixture chapter builds (so the failures below are the chapters\' own)', () => {
  const r = build('good');
  expect(r.output).toContain('Complete!');
  expect(r.status).toBe(0);
});

test.each([
  ['unknown-key', /Unrecognized key: "tags"/],
  ['missing-field', /summary/],
  ['wrong-type', /order.*Expected type `"number"`, received `"string"`/],
])('frontmatter mistake %s fails the build naming the file and the field', (fixture, pattern) => {
  const r = build(fixture);
  expect(r.status).not.toBe(0);
  expect(r.output).toContain('does not match collection schema');
  expect(r.output).toContain(file(fixture));
  expect(r.output).toMatch(pattern);
});

test.each([
  ['bad-tex', ':12:8: bad TeX: KaTeX parse error'],
  ['unknown-component', ':12:1: unknown component <Figur>'],
  ['broken-link', ':12:5: broken link "/nowhere/"'],
  ['bad-code', ':12:1: <Code src>: "core/train.ts#noSuchThing": src/core/train.ts declares no noSuchThing'],
  // The registry decides what a figure is: a helper file beside the figures is not one.
  ['unknown-figure', ':12:1: <Figure name="escape-client">: no figure of that name'],
])('%s fails the build with file:line:column', (fixture, message) => {
  const r = build(fixture);
  expect(r.status).not.toBe(0);
  expect(r.output).toContain(`${file(fixture)}${message}`);
});
