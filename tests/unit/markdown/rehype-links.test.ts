import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { expect, test } from 'vitest';
import { ANCHOR_CHECK, brokenAnchorLinks, type AnchorCheck } from '../../../src/markdown/anchors.ts';
import rehypeLinks, { staticRoutes } from '../../../src/markdown/rehype-links.ts';
import { runMdx } from '../../support/markdown.ts';

function hrefs(tree: unknown): string[] {
  return [...JSON.stringify(tree).matchAll(/"href":"([^"]*)"/g)].map((m) => m[1]);
}

test('chapter links get the base path; anchors and outside links are kept', async () => {
  const md = '## Here\n\n[a](/prelude/) [b](/prelude/#the-gradient) [c](#here) [d](https://example.org/x) [e](/favicon.svg) [f](/)';
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

test('JSX links and images are checked and rebased like Markdown ones', async () => {
  expect(hrefs(await runMdx('<a href="/prelude/">p</a>\n', 'content/x.mdx', '/sub/'))).toEqual([]);
  expect(JSON.stringify(await runMdx('<a href="/prelude/">p</a>\n', 'content/x.mdx', '/sub/'))).toContain('"value":"/sub/prelude/"');
  await expect(runMdx('Text.\n\n<img src="/missing.png" alt="x" />\n\nAnd <a href="/nowhere/">here</a>.\n', 'content/x.mdx')).rejects.toThrow(
    /content\/x\.mdx:3:1: broken link "\/missing\.png".*\ncontent\/x\.mdx:5:5: broken link "\/nowhere\/"/,
  );
});

test('an anchor this chapter lacks fails naming file, line and the anchors it has', async () => {
  await expect(runMdx('## Real part\n\nSee [there](#no-such).\n', 'content/x.mdx')).rejects.toThrow(
    /content\/x\.mdx:3:5: broken link "#no-such": this chapter has no anchor "no-such" \(its anchors: credits, main, real-part/,
  );
  await expect(runMdx('See [there](/x/#no-such).\n', 'content/x.mdx')).rejects.toThrow(/x\.mdx:1:5: broken link "\/x\/#no-such"/);
});

test('anchors are what the page will carry: Astro\'s heading ids, equation labels, figure ids and names, layout ids', async () => {
  const md = [
    '## Don’t repeat *the* σ-trick', '## Twice', '## Twice',
    '$$\nx \\label{eq:one}\n$$', '<Figure name="two-units" caption="c" />', '<Figure name="two-units" id="again" caption="c" />',
    '[a](#dont-repeat-the-σ-trick) [b](#twice-1) [c](#eq-one) [d](#two-units) [e](#again) [f](#credits) [g](/y/#again)',
  ].join('\n\n');
  await expect(runMdx(md, 'content/y.mdx')).resolves.toBeTruthy();
});

test('links to another chapter\'s anchors are left in the frontmatter for the check that sees every chapter', async () => {
  const processor = unified().use(remarkParse).use(remarkMdx).use(remarkRehype).use(rehypeLinks, { content: 'content/', publicDir: 'public/', base: '/' });
  const file = new VFile({ path: 'content/z.mdx', value: '## Mine\n\n[a](/prelude/#the-gradient) and [b](/prelude/#gone).\n' });
  await processor.run(processor.parse(file), file);
  const z = { id: 'z', frontmatter: file.data.astro?.frontmatter ?? {} };
  expect((z.frontmatter[ANCHOR_CHECK] as AnchorCheck).anchors).toContain('mine');
  const prelude = { id: 'prelude', frontmatter: { [ANCHOR_CHECK]: { anchors: ['the-gradient'], links: [] } } };
  expect(brokenAnchorLinks([z, prelude])).toEqual(['content/z.mdx:3:33: broken link "/prelude/#gone": /prelude/ has no anchor "gone" (its anchors: the-gradient)']);
});

test('an id given twice on a page fails naming both places (a figure against a figure is remark-crossref\'s to name)', async () => {
  await expect(runMdx('## Two units\n\n<Figure name="two-units" caption="c" />\n', 'content/x.mdx')).rejects.toThrow(
    /content\/x\.mdx:3:1: id "two-units" is already on this page \(content\/x\.mdx:1:1\)/,
  );
});
