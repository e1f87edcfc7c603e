import { readFileSync } from 'node:fs';
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

interface Options {
  /** Path of components/index.ts. */
  index: string;
  /** The figure names the registry knows (src/figure/files.ts reads them from disk). */
  figures: () => Set<string>;
  /** Why a <Code src="…"> reference does not resolve, or null when it does. */
  code?: (ref: string) => string | null;
}

/**
 * Fails the build, naming file and line, on a capitalised MDX element that components/
 * does not export, or a <Figure name="…"> the figure registry does not know.
 * Without it MDX only fails at render time, far from the typo.
 */
export default function remarkComponents(options: Options) {
  return (tree: Root, file: VFile) => {
    const known = componentNames(options.index);
    const figures = options.figures();
    visit(tree, (node) => {
      if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
      const el = node as unknown as JsxNode;
      if (!el.name || !/^[A-Z]/.test(el.name)) return;
      if (!known.has(el.name)) {
        const list = [...known].sort().join(', ');
        fail(file, el.position, `unknown component <${el.name}>; components/index.ts exports: ${list}`);
      }
      if (el.name === 'Code') {
        const src = el.attributes.find((a) => a.name === 'src');
        if (typeof src?.value !== 'string') fail(file, el.position, '<Code> needs a src="path/from/src.ts#declaration" attribute');
        const error = options.code?.(src.value);
        if (error) fail(file, el.position, `<Code src>: ${error}`);
        return;
      }
      if (el.name === 'Value' || el.name === 'Answer') {
        const of = el.attributes.find((a) => a.name === 'of')?.value;
        if (of !== undefined && (typeof of !== 'string' || !options.figures().has(of))) {
          fail(file, el.position, `<${el.name} of="${String(of)}">: no figure of that name in src/chapters/*/figures/`);
        }
        if (el.name === 'Value' && typeof el.attributes.find((a) => a.name === 'at')?.value !== 'string') fail(file, el.position, '<Value> needs of="<figure>" and at="<path in its data>"');
        return;
      }
      if (el.name !== 'Figure') return;
      const attr = el.attributes.find((a) => a.name === 'name');
      if (typeof attr?.value !== 'string') fail(file, el.position, '<Figure> needs a name="…" attribute');
      if (!figures.has(attr.value)) {
        const list = [...figures].sort().join(', ');
        fail(file, el.position, `<Figure name="${attr.value}">: no figure of that name in src/chapters/*/figures/ (have: ${list})`);
      }
    });
  };
}
