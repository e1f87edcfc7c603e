// What the first Edit click fetches, read from a build: the lazy chunk the cell budget is judged by.
import { globSync, readFileSync } from 'node:fs';
import { basename, dirname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One file of the chunk and its size as a static host serves it (gzip -6, as js-budget measures). */
export interface ChunkFile { part: string; file: string; gzip: number }

const gz = (file: string) => gzipSync(readFileSync(file), { level: 6 }).length;
const one = (dist: string, pattern: string) => {
  const hits = globSync(pattern, { cwd: dist });
  if (hits.length !== 1) throw new Error(`expected one ${pattern} in ${dist}, found ${hits.length}`);
  return join(dist, hits[0]);
};

/** The editor chunk with the modules it imports statically (those the page loaded already excepted). */
function editorFiles(dist: string, onPage: Set<string>): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || onPage.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+from\s*)?["'](\.[^"']+)["']/g)) visit(normalize(join(dirname(file), m[1])));
  };
  visit(one(dist, '_astro/editor*.js'));
  return [...seen];
}

/**
 * The cell chunk: the QuickJS wasm, the worker (its JS glue, sucrase and the sandbox) and the editor (codejar,
 * the highlighter, the page side); then, apart, the numerics bundle the sandbox loads, which is the site's own code.
 */
export function cellChunk(dist: string, onPage: Set<string>): { chunk: ChunkFile[]; numerics: ChunkFile } {
  const chunk = [
    { part: 'QuickJS wasm', file: one(dist, '_astro/emscripten-module*.wasm') },
    { part: 'worker: QuickJS glue, sucrase, sandbox', file: one(dist, '_astro/cell.worker*.js') },
    ...editorFiles(dist, onPage).map((file) => ({ part: 'editor: codejar, highlighter, page side', file })),
  ].map((f) => ({ ...f, file: basename(f.file), gzip: gz(f.file) }));
  const numerics = one(dist, '_astro/numerics*.js');
  return { chunk, numerics: { part: 'numerics bundle (the site’s own code)', file: basename(numerics), gzip: gz(numerics) } };
}
