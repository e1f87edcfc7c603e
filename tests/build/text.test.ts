import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { pages } from '../support/pages.ts';

const text = (path: string) => readFileSync(`dist/${path.endsWith('.html') ? path : `${path}index.html`}`, 'utf8').replace(/<[^>]+>/g, '');

test('no equation reference is wrapped in a second pair of parentheses ("((3.9))")', () => {
  for (const path of pages('dist')) expect(text(path), path).not.toMatch(/\(\(\d+\.\d+\)\)/);
});

test('the contents box numbers sections only: sub-sections sit in their own list', () => {
  for (const path of pages('dist')) {
    const html = readFileSync(`dist/${path.endsWith('.html') ? path : `${path}index.html`}`, 'utf8');
    const toc = /<nav class="toc"[\s\S]*?<\/nav>/.exec(html)?.[0];
    if (!toc) continue;
    const top = toc.replace(/<ul>[\s\S]*?<\/ul>/g, '');
    expect(top, path).not.toMatch(/depth-3/);
  }
});
