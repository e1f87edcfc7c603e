/**
 * Makes Plot's output pass axe: each <svg> becomes one image with a label, and the
 * aria-labels Plot puts on <g> elements (prohibited without a role) are removed.
 * Runs on linkedom at build time and on the browser's DOM live.
 */
export function accessible(node: Element, fallbackLabel: string): Element {
  const svgs = node.tagName.toLowerCase() === 'svg' ? [node] : [...node.querySelectorAll('svg')];
  for (const svg of svgs) {
    const own = svg.getAttribute('aria-label');
    for (const el of svg.querySelectorAll('[aria-label],[aria-description]')) {
      el.removeAttribute('aria-label');
      el.removeAttribute('aria-description');
    }
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', own || fallbackLabel);
    svg.removeAttribute('aria-description');
  }
  return node;
}
