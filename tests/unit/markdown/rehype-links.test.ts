import { expect, test } from 'vitest';
import { staticRoutes } from '../../../src/markdown/rehype-links.ts';
import { runMdx } from '../../support/markdown.ts';

function hrefs(tree: unknown): string[] {
  return [...JSON.stringify(tree).matchAll(/"href":"([^"]*)"/g)].map((m) => m[1]);
}

test('chapter links get the base path; anchors and outside links are kept', async () => {
  const md = '[a](/prelude/) [b](/prelude/#the-gradient) [c](#here) [d](https://example.org/x) [e](/favicon.svg) [f](/)';
  expect(hrefs(await runMdx(md, 'content/any.mdx', '/sub/'))).toEqual([
    '/sub/prelude/', '/sub/prelude/#the-gradient', '#here', 'https://example.org/x', '/sub/favicon.svg', '/sub/',
  ]);
});

test('relative links resolve from the chapter\'s own URL', async () => {
  expect(hrefs(await runMdx('[p](../prelude/)', 'content/other.mdx', '/'))).toEqual(['/prelude/']);
});

test('a broken internal link fails with file:line and the missing path', async () => {
  await expect(runMdx('Fine.\n\nSee [there](/no-such-chapter/).\n', 'content/x.mdx')).rejects.toThrow(
    /content\/x\.mdx:3:5: broken link "\/no-such-chapter\/": no chapter, page or public file at \/no-such-chapter\//,
  );
});

test('a missing trailing slash is named', async () => {
  await expect(runMdx('[p](/prelude)', 'content/x.mdx')).rejects.toThrow(/did you mean \/prelude\/\?/);
});

test('static pages and endpoints in src/pages are link targets; dynamic routes are not listed', () => {
  const routes = staticRoutes('src/pages/');
  expect(routes).toContain('/');
  expect(routes).toContain('/404/');
  expect(routes.some((r) => r.includes('['))).toBe(false);
});
