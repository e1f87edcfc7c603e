import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Makes every display formula keyboard-scrollable: on a narrow screen a wide equation scrolls
 * sideways inside its box, and a scroll box that cannot take focus locks keyboard readers out.
 */
export default function rehypeScrollable() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      const classes = node.properties.className;
      if (Array.isArray(classes) && classes.includes('katex-display')) node.properties.tabIndex = 0;
    });
  };
}
