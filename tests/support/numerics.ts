// The numerics bundle for tests that run cells outside a build: the same modules numerics.ts globs (its
// patterns are read from its text, so the two lists cannot drift), bundled by esbuild instead of Vite.
import { build } from 'esbuild';
import { globSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const entry = join(root, 'src/figure/cell/numerics.ts');

/** The numerics as one classic script that sets globalThis.__numerics, keyed by path from the repository root. */
export async function numericsScript(): Promise<string> {
  const patterns = [...readFileSync(entry, 'utf8').matchAll(/'(\.\.[^']+\.ts)'/g)].map((m) => m[1]);
  const files = patterns.flatMap((p) => globSync(p, { cwd: dirname(entry) }).map((f) => relative(root, join(dirname(entry), f)).replaceAll('\\', '/')));
  const source = files.map((f, i) => `import * as m${i} from './${f}';`).join('\n')
    + `\nglobalThis.__numerics = { ${files.map((f, i) => `${JSON.stringify(f)}: m${i}`).join(', ')} };`;
  const out = await build({ stdin: { contents: source, resolveDir: root, loader: 'ts' }, bundle: true, format: 'iife', write: false, logLevel: 'silent' });
  return out.outputFiles[0].text;
}
