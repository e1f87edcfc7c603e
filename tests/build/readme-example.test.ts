import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { chapterOrder } from '../../src/markdown/crossref-index.ts';
import { buildSite } from './build.ts';

// This test runs a whole `astro build`: about a minute on the 2-core CI machine (63 s seen there, where Vitest's
// 60 s default cut it off); five times that before it counts as hung.
const FULL_BUILD_MS = 300_000;

/** The ```mdx example under README.md's "Writing a chapter", as written there. */
function readmeExample(): string {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Writing a chapter'));
  const example = section.match(/```mdx\n([\s\S]*?)```/)?.[1];
  if (!example) throw new Error('README.md: no ```mdx block under "## Writing a chapter"');
  return example;
}

test('the README\'s chapter example takes an order no chapter has', () => {
  const example = readmeExample();
  const taken = readdirSync('content').filter((f) => f.endsWith('.mdx')).map((f) => chapterOrder(readFileSync(join('content', f), 'utf8')));
  expect(example).toMatch(/^order: \d+/m);
  expect(taken).not.toContain(chapterOrder(example));
});

test('the README\'s chapter example builds as written, and its page has the figure, the equation and the code', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-readme-'));
  writeFileSync(join(dir, 'my-topic.mdx'), readmeExample());
  // CONTENT_DIR is read relative to the project.
  const r = buildSite(relative(process.cwd(), dir));
  expect(r.output).toContain('Complete!');
  expect(r.status).toBe(0);
  const html = readFileSync(join(r.outDir, 'my-topic', 'index.html'), 'utf8');
  expect(html).toContain('<bs-figure data-name="two-units"');
  expect(html).toContain('id="eq-grad-w2"');
  expect(html).toContain('href="#the-gradient"');
  expect(html).toMatch(/<pre class="source"[^]*backward/);
}, FULL_BUILD_MS);
