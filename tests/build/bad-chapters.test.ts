import { expect, test } from 'vitest';
import { buildSite } from './build.ts';

// Each fixture holds many mistakes, so one build (~8 s) proves both that each is caught with its
// file and line and that a failing build names them all, not only the first. A good chapter
// building is proven by tests/build/readme-example.test.ts.

test('frontmatter mistakes in every chapter are named at once, each at its key\'s line, without markup', () => {
  const dir = 'tests/fixtures/bad-frontmatter';
  const r = buildSite(dir);
  expect(r.status).not.toBe(0);
  for (const line of [
    `${dir}/wrong-type.mdx:3: order: Invalid input: expected number, received string`,
    `${dir}/unknown-key.mdx:5: tags: unknown key`,
    `${dir}/unknown-key.mdx:10: sources[1].url: Invalid URL`,
    `${dir}/missing-field.mdx:1: summary: missing (expected string)`,
    // Two chapters with one order would swap places and previous/next links at random.
    `${dir}/same-order-a.mdx:4: order 7 is also the order of ${dir}/same-order-b.mdx`,
    `${dir}/same-order-b.mdx:4: order 7 is also the order of ${dir}/same-order-a.mdx`,
    `${dir}/Bad Name.mdx: a chapter's file name is its URL`,
  ]) expect(r.output).toContain(line);
  expect(r.output).toContain('7 mistakes in the chapters\' frontmatter');
  expect(r.output).not.toMatch(/\*\*|:0:0/);
});

test('every mistake in a chapter\'s text is named at once, each with file:line:column', () => {
  const file = 'tests/fixtures/bad-mdx/fixture.mdx';
  const r = buildSite('tests/fixtures/bad-mdx');
  expect(r.status).not.toBe(0);
  expect(r.output).toContain('12 mistakes in this chapter');
  for (const line of [
    ':12:8: bad TeX: KaTeX parse error',
    ':14:1: unknown component <Figur>',
    ':16:5: broken link "/nowhere/"',
    ':18:1: <Code src>: "core/train.ts#noSuchThing": src/core/train.ts declares no noSuchThing',
    // The registry decides what a figure is: a helper file beside the figures is not one.
    ':20:1: <Figure name="escape-client">: no figure of that name',
    ':27:1: \\label{eq:twice} appears twice in this chapter (first at line 23)',
    ':32:1: <Figure> "two-units" appears twice in this chapter (first at line 30): give this one its own id',
    ':34:1: <Figure name="two-units"> needs a caption',
    ':36:27: broken link "#no-such": this chapter has no anchor "no-such"',
    ':36:56: broken link "/fixture/#no-such-either": this chapter has no anchor "no-such-either"',
    ':38:1: broken link "/missing.png"',
    ':40:1: broken link "/nowhere-either/"',
  ]) expect(r.output).toContain(`${file}${line}`);
});

test('links to anchors another chapter lacks are named at once, from every chapter', () => {
  const dir = 'tests/fixtures/cross-anchor';
  const r = buildSite(dir);
  expect(r.status).not.toBe(0);
  expect(r.output).toContain(`${dir}/first.mdx:12:34: broken link "/second/#no-such": /second/ has no anchor "no-such"`);
  expect(r.output).toContain(`${dir}/second.mdx:12:41: broken link "/first/#gone": /first/ has no anchor "gone"`);
  expect(r.output).not.toContain('"/second/#there"');
});
