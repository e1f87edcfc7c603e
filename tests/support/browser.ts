import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Launches Debian's Chromium headless, quiet on a closed network. */
export function launch(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
  if (!executablePath) throw new Error('Chromium not found: run `bash tests/setup/ensure-chromium.sh`');
  return chromium.launch({
    executablePath,
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'],
  });
}
