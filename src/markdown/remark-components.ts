import { readFileSync } from 'node:fs';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { problem } from './fail.ts';

interface JsxNode {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  attributes: { type: string; name?: string; value?: unknown }[];
  children?: unknown[];
  position?: { start: { line: number; column: number } };
}

/** Whether a node holds any text (a <TryIt> without prose shows an edit but not what it is for). */
const hasText = (n: unknown): boolean => {
  const node = n as { value?: unknown; children?: unknown[] };
  return (typeof node.value === 'string' && node.value.trim() !== '') || (node.children ?? []).some(hasText);
};

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
  /** Why a <TryIt> edit of the named figure's cell cannot be applied, or null when it can (src/markdown/try-it.ts). */
  tryIt?: (figure: string, find: string, replace: string) => string | null;
}

/**
 * Fails the build, naming file and line, on a capitalised MDX element that components/ does not
 * export, a <Figure name="…"> the figure registry does not know or a <Figure> without a caption,
 * a bad <Code src>, a <Value>/<Answer> naming no figure, and a <TryIt> whose figure is not on the page or
 * whose find="…" is not once in that figure's cell. Without it MDX only fails at render
 * time, far from the typo. Each mistake is recorded (fail.ts problem) so all are reported at once.
 */
export default function remarkComponents(options: Options) {
  return (tree: Root, file: VFile) => {
    const known = componentNames(options.index);
    const figures = options.figures();
    const attr = (el: JsxNode, name: string) => el.attributes.find((a) => a.name === name)?.value;
    // A <TryIt> names a figure as the page does, by its id (the name unless id="…" is given), wherever it stands.
    const ids = new Map<string, string>();
    visit(tree, (node) => {
      const f = node as unknown as JsxNode;
      if ((node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') || f.name !== 'Figure') return;
      const name = attr(f, 'name');
      const id = attr(f, 'id') ?? name;
      if (typeof name === 'string' && typeof id === 'string') ids.set(id, name);
    });
    visit(tree, (node) => {
      if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
      const el = node as unknown as JsxNode;
      if (!el.name || !/^[A-Z]/.test(el.name)) return;
      const bad = (message: string) => problem(file, el.position, message);
      if (!known.has(el.name)) return bad(`unknown component <${el.name}>; components/index.ts exports: ${[...known].sort().join(', ')}`);
      if (el.name === 'Code') {
        const src = attr(el, 'src');
        if (typeof src !== 'string') return bad('<Code> needs a src="path/from/src.ts#declaration" attribute');
        const error = options.code?.(src);
        if (error) bad(`<Code src>: ${error}`);
        return;
      }
      if (el.name === 'Value' || el.name === 'Answer') {
        const of = attr(el, 'of');
        if (of !== undefined && (typeof of !== 'string' || !figures.has(of))) bad(`<${el.name} of="${String(of)}">: no figure of that name in src/chapters/*/figures/`);
        if (el.name === 'Value' && typeof attr(el, 'at') !== 'string') bad('<Value> needs of="<figure>" and at="<path in its data>"');
        return;
      }
      if (el.name === 'TryIt') {
        const given = { figure: attr(el, 'figure'), find: attr(el, 'find'), replace: attr(el, 'replace') };
        // Plain strings only: the button and the build check read the same text, and an expression has none yet.
        const missing = Object.entries(given).find(([, v]) => typeof v !== 'string');
        if (missing) return bad(`<TryIt> needs ${missing[0]}="…" as a plain string (no {…} expression)`);
        const { figure, find, replace } = given as Record<keyof typeof given, string>;
        const name = ids.get(figure);
        if (!name) return bad(`<TryIt figure="${figure}">: no <Figure> with that id on this page (ids here: ${[...ids.keys()].sort().join(', ') || 'none'})`);
        if (find === replace) bad(`<TryIt figure="${figure}">: replace="…" equals find="…", so the edit changes nothing`);
        if (!hasText(el)) bad(`<TryIt figure="${figure}"> needs prose: the edit worth making and what the reader should see`);
        const error = options.tryIt?.(name, find, replace);
        if (error) bad(`<TryIt figure="${figure}">: ${error}`);
        return;
      }
      if (el.name !== 'Figure') return;
      const name = attr(el, 'name');
      if (typeof name !== 'string') bad('<Figure> needs a name="…" attribute');
      else if (!figures.has(name)) bad(`<Figure name="${name}">: no figure of that name in src/chapters/*/figures/ (have: ${[...figures].sort().join(', ')})`);
      const caption = attr(el, 'caption');
      // An expression caption={…} is the author's own choice; a missing or empty one leaves the chart unexplained.
      if (caption === undefined || caption === null || (typeof caption === 'string' && caption.trim() === '')) {
        bad(`<Figure name="${String(name)}"> needs a caption="…": one or two sentences saying what the reader should see`);
      }
    });
  };
}
