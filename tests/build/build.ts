import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Builds the site with its chapters taken from `contentDir` (relative to the project) into a
 * fresh temporary folder; returns the exit code, all output and where it went.
 */
export function buildSite(contentDir: string) {
  const outDir = mkdtempSync(join(tmpdir(), 'bs-build-'));
  const r = spawnSync('npx', ['astro', 'build', '--outDir', outDir], {
    env: { ...process.env, CONTENT_DIR: contentDir, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
    encoding: 'utf8',
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}`, outDir };
}
