import { existsSync, readFileSync, readdirSync } from 'node:fs';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { fail } from './fail.ts';

interface JsxNode {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  attributes: { type: string; name?: string; value?: unknown }[];
  position?: { start: { line: number; column: number } };
}

/** Names exported by components/index.ts as `export { default as Name }` or `export { Name }`. */
export function componentNames(indexFile: string): Set<string> {
  const text = readFileSync(indexFile, 'utf8');
  const names = new Set<string>();
  for (const m of text.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1].split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop();
      if (name) names.add(name);
    }
  }
  return names;
}

/** Ids of the figure modules in a folder: `src/figures/gap.ts` is the figure "gap". */
export function figureNames(folder: string): Set<string> {
  if (!existsSync(folder)) return new Set();
  return new Set(readdirSync(folder).flatMap((c) => (existsSync(`${folder}/${c}/figures`) ? readdirSync(`${folder}/${c}/figures`) : [])).filter((f) => /^[a-z0-9-]+\.ts$/.test(f)).map((f) => f.slice(0, -3)));
}

interface Options {
  /** Path of components/index.ts. */
  index: string;
  /** Folder of figure modules. */
  figures: string;
}

/**
 * Fails the build, naming file and line, on a capitalised MDX element that components/
 * does not export, or a <Figure name="…"> with no module in src/figures/.
 * Without it MDX only fails at render time, far from the typo.
 */
export default function remarkComponents(options: Options) {
  return (tree: Root, file: VFile) => {
    const known = componentNames(options.index);
    const figures = figureNames(options.figures);
    visit(tree, (node) => {
      if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
      const el = node as unknown as JsxNode;
      if (!el.name || !/^[A-Z]/.test(el.name)) return;
      if (!known.has(el.name)) {
        const list = [...known].sort().join(', ');
        fail(file, el.position, `unknown component <${el.name}>; components/index.ts exports: ${list}`);
      }
      if (el.name !== 'Figure') return;
      const attr = el.attributes.find((a) => a.name === 'name');
      if (typeof attr?.value !== 'string') fail(file, el.position, '<Figure> needs a name="…" attribute');
      if (!figures.has(attr.value)) {
        const list = [...figures].sort().join(', ');
        fail(file, el.position, `<Figure name="${attr.value}">: no module src/figures/${attr.value}.ts (have: ${list})`);
      }
    });
  };
}
