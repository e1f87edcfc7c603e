import { globSync, readFileSync } from 'node:fs';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, test } from 'vitest';
import { figureNamesOnDisk } from '../../../src/figure/files.ts';
import { report } from '../../../src/markdown/fail.ts';
import remarkComponents from '../../../src/markdown/remark-components.ts';
import { occurrences, tryItError } from '../../../src/markdown/try-it.ts';

// The <TryIt> check as astro.config.mjs wires it: remark-components with the disk-side tryIt option. Only the
// remark stage runs (the chain in tests/support/markdown.ts has no tryIt), and report() throws as the build does.
const tryIt = (figure: string, find: string, replace: string) => tryItError('.', figure, find, replace);

/** Runs an MDX string through the component check with the tryIt option and throws its mistakes, as the build does. */
async function check(source: string, path = 'content/try.mdx', withCell = true) {
  const processor = unified().use(remarkParse).use(remarkMdx).use(remarkMath)
    .use(remarkComponents, { index: 'components/index.ts', figures: () => figureNamesOnDisk('.'), tryIt: withCell ? tryIt : undefined });
  const file = new VFile({ path, value: source });
  await processor.run(processor.parse(file), file);
  report(file);
}

const figure = '<Figure name="two-units" caption="c" />\n\n';
/** A <TryIt> with these attributes (written as given) and one line of prose. */
const prompt = (attrs: string, prose = 'Do this and see that.') => `<TryIt ${attrs}>\n${prose}\n</TryIt>\n`;

describe('the disk side: find must be once in the cell, and the edit must compile', () => {
  test('counts overlapping occurrences, so "once" means one place', () => {
    expect(occurrences('aaa', 'aa')).toBe(2);
    expect(occurrences('v2: 0.5 + delta', 'delta')).toBe(1);
    expect(occurrences('abc', '')).toBe(0);
  });

  test('a unique find with a replace that compiles passes', () => {
    expect(tryItError('.', 'two-units', 'v2: 0.5 + delta', 'v2: 0.6')).toBeNull();
  });

  test('a missing, repeated or Params-line find, an unknown figure and a broken edit are each named', () => {
    expect(tryItError('.', 'two-units', 'v3: 1', 'x')).toMatch(/^find="v3: 1" does not occur in the cell of src\/chapters\/prelude\/figures\/two-units\.ts/);
    expect(tryItError('.', 'two-units', 'delta', 'x')).toMatch(/^find="delta" occurs \d+ times in the cell of src\/chapters\/prelude\/figures\/two-units\.ts: lengthen it/);
    expect(tryItError('.', 'two-units', 'type Params = ', 'x')).toMatch(/may not include the `type Params` line/);
    // The generic Params type says "boolean"; the page's says what the controls are: neither is searched.
    expect(tryItError('.', 'two-units', 'boolean', 'x')).toMatch(/does not occur/);
    expect(tryItError('.', 'nope', 'x', 'y')).toMatch(/^no figure file src\/chapters\/<chapter>\/figures\/nope\.ts/);
    expect(tryItError('.', 'two-units', 'v2: 0.5 + delta', 'v2: 0.5 +')).toMatch(/^the edited cell of src\/chapters\/prelude\/figures\/two-units\.ts does not compile: .*\(cell line \d+\)/);
  });
});

describe('the MDX check: <TryIt> fails the build naming file and line', () => {
  test('a prompt whose find is once in its figure’s cell passes', async () => {
    await expect(check(figure + prompt('figure="two-units" find="v2: 0.5 + delta" replace="v2: 0.6"'))).resolves.toBeUndefined();
  });

  test('a figure named by its id resolves to the figure’s name', async () => {
    await expect(check('<Figure name="two-units" id="pair" caption="c" />\n\n' + prompt('figure="pair" find="v2: 0.5 + delta" replace="v2: 0.6"'))).resolves.toBeUndefined();
    await expect(check('<Figure name="two-units" id="pair" caption="c" />\n\n' + prompt('figure="two-units" find="v2: 0.5 + delta" replace="v2: 0.6"'), 'content/t.mdx'))
      .rejects.toThrow(/content\/t\.mdx:3:1: <TryIt figure="two-units">: no <Figure> with that id on this page \(ids here: pair\)/);
  });

  test('a figure that is not on the page fails, even one the registry knows', async () => {
    await expect(check('Text.\n\n' + prompt('figure="twins-gap" find="x" replace="y"'), 'content/t.mdx'))
      .rejects.toThrow(/content\/t\.mdx:3:1: <TryIt figure="twins-gap">: no <Figure> with that id on this page \(ids here: none\)/);
  });

  test('missing or expression attributes fail, naming the attribute', async () => {
    await expect(check(figure + prompt('figure="two-units" replace="y"'), 'content/t.mdx')).rejects.toThrow(/content\/t\.mdx:3:1: <TryIt> needs find="…" as a plain string/);
    await expect(check(figure + prompt('figure="two-units" find={"v2: 0.5 + delta"} replace="y"'), 'content/t.mdx')).rejects.toThrow(/content\/t\.mdx:3:1: <TryIt> needs find="…" as a plain string \(no \{…\} expression\)/);
    await expect(check(figure + prompt('find="x" replace="y"'), 'content/t.mdx')).rejects.toThrow(/content\/t\.mdx:3:1: <TryIt> needs figure="…"/);
  });

  test('a find that is not once in the cell fails with the cell check’s reason', async () => {
    await expect(check(figure + prompt('figure="two-units" find="delta" replace="d"'), 'content/t.mdx'))
      .rejects.toThrow(/content\/t\.mdx:3:1: <TryIt figure="two-units">: find="delta" occurs \d+ times in the cell of src\/chapters\/prelude\/figures\/two-units\.ts/);
  });

  test('an edit that changes nothing, or has no prose, fails', async () => {
    await expect(check(figure + prompt('figure="two-units" find="v2: 0.6" replace="v2: 0.6"'), 'content/t.mdx', false))
      .rejects.toThrow(/content\/t\.mdx:3:1: <TryIt figure="two-units">: replace="…" equals find="…", so the edit changes nothing/);
    await expect(check(figure + '<TryIt figure="two-units" find="v2: 0.5 + delta" replace="v2: 0.6" />\n', 'content/t.mdx'))
      .rejects.toThrow(/content\/t\.mdx:3:1: <TryIt figure="two-units"> needs prose/);
  });

  test('without the tryIt option (as in tests/support/markdown.ts) only the page-level rules apply', async () => {
    await expect(check(figure + prompt('figure="two-units" find="no such text" replace="y"'), 'content/t.mdx', false)).resolves.toBeUndefined();
  });

  test('every chapter’s prompts pass the check', async () => {
    const chapters = globSync('content/*.mdx');
    expect(chapters.length).toBeGreaterThan(0);
    // The frontmatter is the loader's, not MDX: blanked, keeping its lines so errors name the right line.
    const body = (path: string) => readFileSync(path, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, (front) => front.replace(/[^\n]/g, ''));
    for (const path of chapters) await expect(check(body(path), path), path).resolves.toBeUndefined();
  });
});
