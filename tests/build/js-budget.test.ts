import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { pages } from '../support/pages.ts';

// A chapter page ships at most 5 KB gzip of JS before the reader acts (DEVELOPERS.md); gzip -6 is
// what static hosts commonly serve. Bytes are deterministic: this is a size test, not a timing one.
const BUDGET = 5 * 1024;

/** Every script a page runs on load: its <script src> files and, for modules, what they import statically. */
export function scriptsOnLoad(dist: string, page: string): string[] {
  const html = readFileSync(join(dist, page.endsWith('.html') ? page : `${page}index.html`), 'utf8');
  const seen = new Set<string>();
  const visit = (file: string, module: boolean) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    if (!module) return;
    // Static imports only: a dynamic import() is the lazy part that waits for the reader.
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+)["']/g)) {
      if (m[1].startsWith('.')) visit(normalize(join(dirname(file), m[1])), true);
    }
  };
  for (const m of html.matchAll(/<script\b([^>]*)\bsrc="([^"]+)"/g)) {
    const src = m[2].replace(/^\/(sub\/)?/, '');
    visit(join(dist, src), /type="module"/.test(m[1]));
  }
  return [...seen];
}

const gzipBytes = (files: string[]) => files.reduce((n, f) => n + gzipSync(readFileSync(f), { level: 6 }).length, 0);

test('every page ships at most 5 KB gzip of JavaScript before input', () => {
  const sizes = pages('dist').map((page) => ({ page, bytes: gzipBytes(scriptsOnLoad('dist', page)) }));
  expect(sizes.length).toBeGreaterThan(5);
  for (const { page, bytes } of sizes) expect(bytes, `/${page}`).toBeLessThanOrEqual(BUDGET);
  // A chapter with figures does load the figure element: the walk found it (the test above is not vacuous).
  expect(sizes.find((s) => s.page === 'prelude/')!.bytes).toBeGreaterThan(1024);
});
