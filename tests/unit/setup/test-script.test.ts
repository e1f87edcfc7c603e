import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';

test('when a step before the tests fails, npm test ends on "0 passed, 1 failed", never on an old report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-test-script-'));
  mkdirSync(join(dir, 'tests/setup'), { recursive: true });
  for (const f of ['test.sh', 'summary.mjs']) copyFileSync(`tests/setup/${f}`, join(dir, 'tests/setup', f));
  // The first step fails, as a failed install or build would; an earlier run's report lies around.
  writeFileSync(join(dir, 'tests/setup/ensure-chromium.sh'), 'exit 3\n');
  writeFileSync(join(dir, '.vitest-report.json'), JSON.stringify({ numPassedTests: 457, numFailedTests: 0 }));
  const r = spawnSync('bash', ['tests/setup/test.sh'], { cwd: dir, encoding: 'utf8' });
  expect(r.status).toBe(3);
  expect(r.stdout.trim().split('\n').at(-1)).toBe('0 passed, 1 failed');
});
