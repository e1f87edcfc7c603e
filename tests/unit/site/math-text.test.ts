import katex from 'katex';
import { parseHTML } from 'linkedom';
import { expect, test } from 'vitest';
import { mathText } from '../../../src/site/math-text.ts';
import { indexable } from '../../../src/site/pagefind.ts';

/** TeX rendered as the site renders it (rehype-katex: MathML and HTML), then read back as text. */
function read(tex: string, displayMode = false): string {
  const { document } = parseHTML(`<!doctype html><html><body>${katex.renderToString(tex, { displayMode })}</body></html>`);
  return mathText(document.querySelector('.katex') as unknown as Element);
}

test('fractions, powers and indices read as typed, not as KaTeX lays out their glyphs', () => {
  expect(read('\\sigma(0) = \\tfrac12')).toBe('σ(0) = 1/2');
  expect(read('h_1^2')).toBe('h₁²');
  expect(read('\\frac{\\partial L}{\\partial W_{11}}')).toBe('(∂L)/(∂W₁₁)');
  expect(read('\\frac{1}{n+1}')).toBe('1/(n + 1)');
  expect(read('x_i^\\top')).toBe('x_iᵀ');
  expect(read('\\sqrt{2}, \\sqrt{x+1}')).toBe('√2, √(x + 1)');
});

test('accents, text, primes, sums and numbered displays', () => {
  expect(read('\\hat y - \\tilde x')).toBe('ŷ − x̃');
  expect(read('\\tanh x')).toBe('tanh x');
  expect(read("f'(x) > 0 \\text{ if } x > 0")).toBe('f′(x) > 0 if x > 0');
  expect(read('\\sum_{i=1}^n \\ell_i')).toBe('∑_(i = 1)^n ℓ_i');
  expect(read('\\nabla_{W_2} L = 2\\,(xW)^\\top (xWW_2 - y) \\tag{1.2}', true)).toBe('∇_W₂ L = 2 (xW)ᵀ(xWW₂ − y) (1.2)');
  expect(read('\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}')).toBe('a = b; c = d');
  // No TeX source survives.
  expect(read('\\mathbb{E}\\left[\\lVert w \\rVert^2\\right]')).not.toMatch(/\\\\/);
});

test('the page the index reads holds each formula once, as text, and no KaTeX markup', () => {
  const html = `<!doctype html><html><body><article data-pagefind-body><p>Then ${katex.renderToString('\\sigma(0) = \\tfrac12')} holds.</p></article></body></html>`;
  const page = indexable(html);
  expect(page).toContain('<p>Then σ(0) = 1/2 holds.</p>');
  expect(page).not.toMatch(/katex|<math|annotation/);
});
