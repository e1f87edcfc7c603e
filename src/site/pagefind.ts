import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { parseHTML } from 'linkedom';
import { mathText } from './math-text.ts';

/**
 * A chapter page as the index should read it: each formula replaced by its plain-text reading. KaTeX
 * writes a formula as MathML with its TeX source and as visible HTML whose text flattens ½ to "21" and
 * h₁² to "h12": indexed as it stands, excerpts would show wrong maths or TeX.
 */
export function indexable(html: string): string {
  const { document } = parseHTML(html);
  for (const el of document.querySelectorAll('.katex')) el.replaceWith(document.createTextNode(mathText(el as unknown as Element)));
  return document.toString();
}

/** Builds the Pagefind full-text index of the chapters into dist/pagefind/ after every build. */
export default function pagefind(): AstroIntegration {
  return {
    name: 'broken-symmetry:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const { createIndex, close } = await import('pagefind');
        const { index, errors } = await createIndex({
          excludeSelectors: ['.figure .controls', '.figure .takeaway', '.figure details.code'],
        });
        if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
        const site = fileURLToPath(dir);
        // Only the chapters are indexed: the pages that mark their text with data-pagefind-body.
        const pages = readdirSync(site, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).sort();
        let chapters = 0;
        for (const page of pages) {
          const html = readFileSync(join(site, page), 'utf8');
          if (!html.includes('data-pagefind-body')) continue;
          const added = await index.addHTMLFile({ sourcePath: page, content: indexable(html) });
          if (added.errors.length) throw new Error(`pagefind: ${page}: ${added.errors.join('; ')}`);
          chapters++;
        }
        const written = await index.writeFiles({ outputPath: `${site}pagefind` });
        if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
        await close();
        logger.info(`indexed ${chapters} chapters for search`);
      },
    },
  };
}
