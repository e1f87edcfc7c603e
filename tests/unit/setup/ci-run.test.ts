import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';

/** .ci/run in a throwaway clone, with an `npm` that runs `install` as given and reports `test`. */
function ciRun(install: string) {
  const dir = mkdtempSync(join(tmpdir(), 'bs-ci-run-'));
  mkdirSync(join(dir, '.ci'));
  mkdirSync(join(dir, 'bin'));
  copyFileSync('.ci/run', join(dir, '.ci/run'));
  writeFileSync(join(dir, 'package.json'), '{}\n');
  writeFileSync(join(dir, 'package-lock.json'), '{}\n');
  const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir });
  git('init', '-q');
  git('add', '.ci', 'package.json', 'package-lock.json');
  git('commit', '-qm', 'x');
  writeFileSync(join(dir, 'bin/npm'), `#!/usr/bin/env bash\nif [ "$1" = install ]; then ${install}; else echo "npm $1 ran"; fi\n`);
  chmodSync(join(dir, 'bin/npm'), 0o755);
  return spawnSync('bash', ['.ci/run'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}` } });
}

test('CI stops before the tests when npm install rewrites the committed lock, and says what to do', () => {
  const r = ciRun("echo '{\"lockfileVersion\": 3}' > package-lock.json");
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/npm install changed package\.json or package-lock\.json .*commit the lock/);
  expect(r.stdout).not.toContain('npm test ran');
});

test('CI runs the tests when the install leaves the tree as committed', () => {
  const r = ciRun('true');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('npm test ran');
});
