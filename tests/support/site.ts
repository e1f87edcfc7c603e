import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launch } from './browser.ts';
import { serve } from './serve.ts';

/** What a browser-test file shares: Chromium and the built site's address (set once beforeAll has run). */
export interface Site {
  browser: Browser;
  root: string;
}

/**
 * Serves a built site (npm test builds it first) and launches Chromium for one test file,
 * closing both afterwards; read `site.browser` and `site.root` inside the tests.
 */
export function useSite(dist = 'dist', base = '/'): Site {
  const site = { root: '' } as Site;
  let server: Server | undefined;
  beforeAll(async () => {
    if (!existsSync(dist)) throw new Error(`${dist}/ is missing: run npm test (it builds first)`);
    site.browser = await launch();
    const s = await serve(dist, base);
    server = s.server;
    site.root = s.url;
  });
  afterAll(async () => {
    await site.browser?.close();
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  });
  return site;
}
