import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import rehypeKatexStrict from '../../src/markdown/rehype-katex-strict.ts';
import remarkComponents from '../../src/markdown/remark-components.ts';
import { codeRefError, figureNamesOnDisk } from '../../src/figure/files.ts';
import rehypeLinks from '../../src/markdown/rehype-links.ts';
import remarkCrossref from '../../src/markdown/remark-crossref.ts';
import rehypeScrollable from '../../src/markdown/rehype-scrollable.ts';
import rehypeHighlight from '../../src/markdown/rehype-highlight.ts';

/** Runs an MDX string through the site's own remark/rehype chain, as astro.config.mjs wires it. */
export async function runMdx(source: string, path = 'content/test-chapter.mdx', base = '/') {
  const processor = unified()
    .use(remarkParse)
    .use(remarkMdx)
    .use(remarkMath)
    .use(remarkCrossref, { content: 'tests/fixtures/crossref' })
    .use(remarkComponents, { index: 'components/index.ts', figures: () => figureNamesOnDisk('.'), code: (ref: string) => codeRefError('.', ref) })
    .use(remarkRehype, { passThrough: ['mdxJsxFlowElement', 'mdxJsxTextElement', 'mdxjsEsm', 'mdxFlowExpression', 'mdxTextExpression'] })
    .use(rehypeKatex)
    .use(rehypeKatexStrict)
    .use(rehypeScrollable)
    .use(rehypeHighlight)
    .use(rehypeLinks, { content: 'content/', publicDir: 'public/', pagesDir: 'src/pages/', base });
  const file = new VFile({ path, value: source });
  return processor.run(processor.parse(file), file);
}
