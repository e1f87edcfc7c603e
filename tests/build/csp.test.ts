import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { pages } from '../support/pages.ts';

const html = (path: string) => readFileSync(`dist/${path.endsWith('.html') ? path : `${path}index.html`}`, 'utf8');

test('no page has an inline script or inline event handler (a strict script-src CSP would block it)', () => {
  for (const path of pages('dist')) {
    const page = html(path);
    for (const tag of page.match(/<script\b[^>]*>/g) ?? []) expect(tag, path).toMatch(/\bsrc="/);
    expect(page, path).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
    expect(page, path).not.toMatch(/\bhref="javascript:/i);
  }
});

test('no page loads anything from another origin', () => {
  for (const path of pages('dist')) {
    for (const m of html(path).matchAll(/<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="([^"]+)"/g)) {
      expect(m[1], path).not.toMatch(/^(https?:)?\/\//);
    }
  }
});
