import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';

// This test runs a whole `astro build`: about a minute on the 2-core CI machine (63 s seen there, where Vitest's
// 60 s default cut it off); five times that before it counts as hung.
const FULL_BUILD_MS = 300_000;

/** Every file under a folder with its SHA-256. */
function digest(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

test('two builds of the same commit give byte-identical dist/', () => {
  // npm test has just built dist/; a second build from the same tree must match it file for file.
  const again = mkdtempSync(join(tmpdir(), 'bs-repro-'));
  const r = spawnSync('npx', ['astro', 'build', '--outDir', again], { env: { ...process.env, BASE_PATH: '', CONTENT_DIR: '' }, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const first = digest('dist');
  const second = digest(again);
  expect(Object.keys(second).sort()).toEqual(Object.keys(first).sort());
  const differ = Object.keys(first).filter((f) => first[f] !== second[f]);
  expect(differ).toEqual([]);
}, FULL_BUILD_MS);
