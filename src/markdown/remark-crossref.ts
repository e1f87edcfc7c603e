import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Link, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { chapterLabels, chapterOrder, labelIndex, type Target } from './crossref-index.ts';
import { fail } from './fail.ts';

interface MathNode { type: 'math' | 'inlineMath'; value: string; position?: unknown; data?: { hChildren?: unknown[] } }
type InlineMath = MathNode;
interface JsxAttr { type: 'mdxJsxAttribute'; name: string; value: string }
interface JsxNode { type: 'mdxJsxFlowElement'; name: string | null; attributes: JsxAttr[]; children: unknown[] }

const REF = /@((?:eq|fig):[\w-]+)/g;

/** How a reference reads: an equation as "(1.3)", a figure as "Figure 1.2". */
export const refText = (label: string, t: Target) => (label.startsWith('eq:') ? `(${t.number})` : `Figure ${t.number}`);

/**
 * Numbered equations and figures with cross-references. `\label{eq:x}` in display maths gets a
 * `\tag{order.n}` and an anchor; each <Figure> gets its number; `@eq:x` and `@fig:y` in text (any
 * chapter's labels) become links, `\eqref{eq:x}` in maths becomes the number. An unknown label fails
 * the build with file:line.
 */
export default function remarkCrossref(options: { content: string }) {
  return (tree: Root, file: VFile) => {
    const slug = basename(file.path || 'index', '.mdx');
    // Astro hands MDX plugins the body without its frontmatter; the order lives there, so read the file.
    const text = file.path && existsSync(file.path) ? readFileSync(file.path, 'utf8') : String(file.value);
    const index = labelIndex(options.content);
    for (const [label, target] of chapterLabels(text, chapterOrder(text), slug)) index.set(label, target);
    const lookup = (label: string, place: unknown) =>
      index.get(label) ?? fail(file, place as never, `unknown label @${label}; known: ${[...index.keys()].sort().join(', ') || 'none'}`);
    const href = (t: Target) => (t.slug === slug ? `#${t.anchor}` : `/${t.slug}/#${t.anchor}`);

    // remark-math keeps a copy of the TeX for rehype in data.hChildren: edit both.
    const setTex = (math: MathNode | InlineMath, tex: string) => {
      math.value = tex;
      const h = math.data?.hChildren?.[0] as { value?: string; children?: { value: string }[] } | undefined;
      if (h?.children?.[0]) h.children[0].value = tex;
      else if (h && 'value' in h) h.value = tex;
    };
    visit(tree, (node, i, parent) => {
      if (node.type === 'inlineMath' || node.type === 'math') {
        const math = node as MathNode | InlineMath;
        setTex(math, math.value.replace(/\\eqref\{(eq:[\w-]+)\}/g, (_: string, l: string) => `\\text{${refText(l, lookup(l, math.position))}}`));
        const label = math.value.match(/\\label\{(eq:[\w-]+)\}/)?.[1];
        if (node.type === 'inlineMath' || !label || !parent || i === undefined) return;
        const t = lookup(label, math.position);
        setTex(math, `${math.value.replace(`\\label{${label}}`, '')}\\tag{${t.number}}`);
        const anchor: JsxNode = { type: 'mdxJsxFlowElement', name: 'div', attributes: [{ type: 'mdxJsxAttribute', name: 'id', value: t.anchor }, { type: 'mdxJsxAttribute', name: 'class', value: 'equation' }], children: [math] };
        parent.children.splice(i, 1, anchor as never);
        return SKIP;
      }
      if (node.type === 'mdxJsxFlowElement' && (node as unknown as JsxNode).name === 'Figure') {
        const fig = node as unknown as JsxNode;
        const id = fig.attributes.find((a) => a.name === 'id')?.value ?? fig.attributes.find((a) => a.name === 'name')?.value;
        const t = id ? index.get(`fig:${id}`) : undefined;
        if (t) fig.attributes.push({ type: 'mdxJsxAttribute', name: 'number', value: t.number });
        return;
      }
      if (node.type !== 'text' || !parent || i === undefined || parent.type === 'link') return;
      const value = (node as Text).value;
      if (!value.includes('@eq:') && !value.includes('@fig:')) return;
      const parts: (Text | Link)[] = [];
      let last = 0;
      for (const m of value.matchAll(REF)) {
        const t = lookup(m[1], node.position);
        if (m.index > last) parts.push({ type: 'text', value: value.slice(last, m.index) });
        parts.push({ type: 'link', url: href(t), children: [{ type: 'text', value: refText(m[1], t) }] });
        last = m.index + m[0].length;
      }
      if (last < value.length) parts.push({ type: 'text', value: value.slice(last) });
      parent.children.splice(i, 1, ...(parts as never[]));
      return [SKIP, i + parts.length];
    });
  };
}
