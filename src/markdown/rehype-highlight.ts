import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { highlight } from './highlight.ts';

/**
 * Highlights ```ts blocks with the same four classes as the figures' "show the code", instead of
 * Shiki: Shiki's tokenizer has a time limit, so on a busy machine two builds of one commit coloured
 * the same line differently, and its two-theme markup styled every token inline.
 */
export default function rehypeHighlight() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, _i, parent) => {
      if (node.tagName !== 'code' || (parent as Element | undefined)?.tagName !== 'pre') return;
      const classes = Array.isArray(node.properties.className) ? node.properties.className : [];
      const pre = parent as Element;
      pre.properties.className = ['source'];
      pre.properties.tabIndex = 0;
      if (!classes.some((c) => c === 'language-ts' || c === 'language-typescript')) return;
      const text = node.children.map((c) => ('value' in c ? c.value : '')).join('');
      node.children = highlight(text).map((t): ElementContent =>
        t.kind ? { type: 'element', tagName: 'span', properties: { className: [`t-${t.kind}`] }, children: [{ type: 'text', value: t.text }] } : { type: 'text', value: t.text },
      );
    });
  };
}
