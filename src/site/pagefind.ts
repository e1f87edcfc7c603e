import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** Builds the Pagefind full-text index of the chapters into dist/pagefind/ after every build. */
export default function pagefind(): AstroIntegration {
  return {
    name: 'broken-symmetry:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const { createIndex, close } = await import('pagefind');
        // KaTeX writes each formula three times (MathML, its TeX source, the visible HTML): index only
        // what a reader sees, so "z" in a formula is not found as "zzz" and excerpts hold no TeX.
        const { index, errors } = await createIndex({
          excludeSelectors: ['.katex-mathml', '.figure .controls', '.figure .takeaway', '.figure details.code'],
        });
        if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
        const site = fileURLToPath(dir);
        const added = await index.addDirectory({ path: site });
        if (added.errors.length) throw new Error(`pagefind: ${added.errors.join('; ')}`);
        const written = await index.writeFiles({ outputPath: `${site}pagefind` });
        if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
        await close();
        logger.info(`indexed ${added.page_count} chapters for search`);
      },
    },
  };
}
