import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

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
