import { existsSync, readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import type { Link, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { chapterDefinitions, chapterOrder, labelDefinitions, type Definition, type Target } from './crossref-index.ts';
import { problem } from './fail.ts';

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
 * chapter's labels) become links, `\eqref{eq:x}` in maths becomes the number. An unknown label, or
 * one defined twice (in this chapter or in two), fails the build with file:line.
 */
export default function remarkCrossref(options: { content: string }) {
  return (tree: Root, file: VFile) => {
    const slug = basename(file.path || 'index', '.mdx');
    // Astro hands MDX plugins the body without its frontmatter; the order lives there, so read the file.
    const text = file.path && existsSync(file.path) ? readFileSync(file.path, 'utf8') : String(file.value);
    const own = chapterDefinitions(text, chapterOrder(text), slug);
    const others = labelDefinitions(options.content).filter((d) => d.slug !== slug);
    const index = new Map<string, Target>();
    for (const d of [...own, ...others]) if (!index.has(d.label)) index.set(d.label, d);
    checkDuplicates(file, own, others);
    // An unknown label is reported and stands in as "??", so the rest of the chapter is still checked.
    const lookup = (label: string, place: unknown): Target => {
      const t = index.get(label);
      if (t) return t;
      problem(file, place as never, `unknown label @${label}; known: ${[...index.keys()].sort().join(', ') || 'none'}`);
      return { slug, anchor: label.replace(':', '-'), number: '??' };
    };
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
        // An unknown label (already reported) stays as written rather than linking nowhere.
        parts.push(t.number === '??' ? { type: 'text', value: m[0] } : { type: 'link', url: href(t), children: [{ type: 'text', value: refText(m[1], t) }] });
        last = m.index + m[0].length;
      }
      if (last < value.length) parts.push({ type: 'text', value: value.slice(last) });
      parent.children.splice(i, 1, ...(parts as never[]));
      return [SKIP, i + parts.length];
    });
  };
}

/** Reports a label defined twice in this chapter, or an equation label defined here and in another chapter. */
function checkDuplicates(file: VFile, own: Definition[], others: (Definition & { file: string })[]) {
  const first = new Map<string, Definition>();
  for (const d of own) {
    const what = d.label.startsWith('eq:') ? `\\label{${d.label}}` : `<Figure> "${d.anchor}"`;
    const earlier = first.get(d.label);
    if (earlier) {
      const fix = d.label.startsWith('eq:') ? 'rename one' : `give this one its own id="…" (a figure's id is its anchor, its @fig: label and its URL key)`;
      problem(file, { line: d.line, column: 1 }, `${what} appears twice in this chapter (first at line ${earlier.line}): ${fix}`);
      continue;
    }
    first.set(d.label, d);
    // Only equations: a figure may be shown in two chapters, and @fig: in either means its own copy.
    const elsewhere = d.label.startsWith('eq:') && others.find((o) => o.label === d.label);
    if (elsewhere) problem(file, { line: d.line, column: 1 }, `${what} is also defined at ${relative(process.cwd(), elsewhere.file)}:${elsewhere.line}: equation labels are site-wide, so @${d.label} would be ambiguous; rename one`);
  }
}
