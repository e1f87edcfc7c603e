/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// Wiring only: Astro's Vite config lets render tests import .astro and MDX.
export default getViteConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Launching Chromium and building fixture sites take longer than Vitest's 10 s default.
    hookTimeout: 120_000,
    testTimeout: 60_000,
    // Browser and build tests each own a server or a build: run files one at a time on 2 cores.
    fileParallelism: false,
  },
});
