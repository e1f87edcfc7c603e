import { expect, test } from 'vitest';
import { componentNames } from '../../../src/markdown/remark-components.ts';
import { figureNamesOnDisk } from '../../../src/figure/files.ts';
import { runMdx } from '../../support/markdown.ts';

test('reads the exported component names from components/index.ts', () => {
  const names = componentNames('components/index.ts');
  expect(names.has('Figure')).toBe(true);
  expect(names.has('Aside')).toBe(true);
});

test('lists figures by file name, from every chapter, and nothing outside figures/', () => {
  const names = figureNamesOnDisk('.');
  expect(names.has('two-units')).toBe(true);
  expect(names.has('escape-regime')).toBe(true);
  expect(names.has('client')).toBe(false);
});

test('known components pass', async () => {
  await expect(runMdx('<Aside>hi</Aside>\n\n<Figure name="two-units" caption="c" />\n')).resolves.toBeTruthy();
});

test('an unknown component fails naming file, line and the known names', async () => {
  await expect(runMdx('Intro.\n\n<Figur name="two-units" />\n', 'content/typo.mdx')).rejects.toThrow(
    /content\/typo\.mdx:3:1: unknown component <Figur>; components\/index\.ts exports: .*Figure/,
  );
});

test('a figure with no module fails naming the missing file', async () => {
  await expect(runMdx('<Figure name="nope" caption="c" />\n', 'content/x.mdx')).rejects.toThrow(
    /content\/x\.mdx:1:1: <Figure name="nope">: no figure of that name in src\/chapters\/\*\/figures\/ \(have: .*two-units/,
  );
});

test('lower-case HTML elements are left alone', async () => {
  await expect(runMdx('<details><summary>More</summary>text</details>\n')).resolves.toBeTruthy();
});

test('<Value> and <Answer> must name a registered figure', async () => {
  await expect(runMdx('Slope <Value of="nope" at="fit.slope" />.\n', 'content/v.mdx')).rejects.toThrow(/content\/v\.mdx:1:7: <Value of="nope">: no figure of that name/);
  await expect(runMdx('Slope <Value of="two-units" at="gap" />.\n')).resolves.toBeTruthy();
});

test('a <Figure> without a caption, or with an empty one, fails naming the line', async () => {
  await expect(runMdx('Text.\n\n<Figure name="two-units" />\n', 'content/c.mdx')).rejects.toThrow(/content\/c\.mdx:3:1: <Figure name="two-units"> needs a caption="…"/);
  await expect(runMdx('<Figure name="two-units" caption=" " />\n', 'content/c.mdx')).rejects.toThrow(/content\/c\.mdx:1:1: <Figure name="two-units"> needs a caption/);
});
